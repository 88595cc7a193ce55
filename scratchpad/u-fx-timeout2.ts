import { Effect } from "effect"
import * as Copas from "../src/Copas.js"
import * as Queue from "../src/Queue.js"
const log = (...a: Array<unknown>) => Effect.sync(() => console.log(...a))
for (const pushAt of [3, 9, 10, 11, 20]) {
await Effect.runPromise(Copas.run(Effect.gen(function*() {
  const q = yield* Queue.make<number>()
  let lost = 0, got = 0, late = 0
  for (let i = 0; i < 100; i++) {
    yield* Copas.addThread(Copas.sleep(pushAt).pipe(Effect.zipRight(Queue.push(q, i))))
    const r = yield* Queue.pop(q).pipe(Effect.timeout(10), Effect.either)
    if (r._tag === "Right") got++
    else { yield* Copas.sleep(pushAt + 2); const extra = yield* Queue.pop(q, 0).pipe(Effect.either); if (extra._tag === "Left") lost++; else late++ }
  }
  yield* log("pushAt", pushAt, "got", got, "late", late, "lost", lost)
  yield* Queue.destroy(q)
})))
}

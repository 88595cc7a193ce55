import { Effect } from "effect"
import * as Copas from "../src/Copas.js"
import * as Lock from "../src/Lock.js"
import * as Queue from "../src/Queue.js"
const t0 = Date.now()
await Effect.runPromise(Copas.run(Effect.gen(function*() {
  yield* Copas.addThread(Effect.gen(function*() {
    yield* Copas.sleep(1000).pipe(Effect.timeout(10), Effect.ignore)
    yield* Effect.race(Copas.sleep(10), Copas.sleep(5000))
    yield* Effect.race(Copas.pauseForever, Copas.sleep(5))
    const l = yield* Lock.make()
    yield* Lock.get(l)
    yield* Copas.addThread(Effect.race(Lock.get(l, 5000), Copas.sleep(5)))
    const q = yield* Queue.make<number>()
    yield* Effect.race(Queue.pop(q, 5000), Copas.sleep(5))
    yield* Copas.sleep(20)
    console.log("status", yield* Copas.status(), "lock waiting", yield* Lock.waiting(l))
    yield* Lock.release(l)
  }))
})))
console.log("done in", Date.now() - t0, "ms")

import { Effect } from "effect"
import * as Copas from "../src/Copas.js"
await Effect.runPromise(Copas.run(Effect.gen(function*() {
  const t = yield* Copas.addNamedThread("sleeper", Copas.sleep(-1).pipe(Effect.timeout(100), Effect.either, Effect.tap((r) => Effect.sync(() => console.log("sleeper:", r._tag)))))
  yield* Copas.sleep(10)
  const r = yield* Effect.either(Copas.wakeup(t))
  console.log("wakeup:", r._tag === "Left" ? r.left._tag : "ok")
})))

import { Effect, Layer } from "effect"
import * as Copas from "../src/Copas.js"
const log = (...a: Array<unknown>) => Effect.sync(() => console.log(...a))
const t0 = Date.now()
// 1. Copas.run inside a task of another Copas.run
await Effect.runPromise(Copas.run(Effect.gen(function*() {
  yield* Copas.addNamedThread("outer-sleeper", Copas.sleep(300).pipe(Effect.zipRight(log("outer sleeper done", Date.now() - t0))))
  yield* log("inner run start")
  yield* Copas.run(Effect.gen(function*() {
    yield* Copas.sleep(20)
    yield* log("inner init done", Date.now() - t0)
  }))
  yield* log("inner run returned", Date.now() - t0, "(expected ~20ms, not after outer sleeper)")
})).pipe(Effect.timeout(3000), Effect.tap(() => log("outer done", Date.now() - t0))))

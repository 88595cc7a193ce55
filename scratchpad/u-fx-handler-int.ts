import { Effect, Fiber } from "effect"
import * as Copas from "../src/Copas.js"
const ev: Array<string> = []
const e = (s: string) => Effect.sync(() => { ev.push(`${s}`) })
// 1. outside interruption while an error handler is sleeping
await Effect.runPromise(Effect.gen(function*() {
  const f = yield* Effect.fork(Copas.run(Effect.gen(function*() {
    yield* Copas.setErrorHandler(() => Copas.sleep(100).pipe(Effect.zipRight(e("handler finished")), Effect.onInterrupt(() => e("handler interrupted")), Effect.ensuring(e("handler ensuring"))), { default: true })
    yield* Copas.addThread(Effect.fail("boom"))
    yield* Copas.addThread(Copas.sleep(1000).pipe(Effect.onInterrupt(() => e("sleeper interrupted"))))
  })))
  yield* Effect.sleep(20)
  yield* Fiber.interrupt(f)
  ev.push("run interrupted")
  yield* Effect.sleep(300)
}))
console.log("1.", ev.splice(0).join(" | "))
// 2. cancelAll while an error handler is sleeping
await Effect.runPromise(Copas.run(Effect.gen(function*() {
  yield* Copas.setErrorHandler(() => Copas.sleep(100).pipe(Effect.zipRight(e("handler finished")), Effect.onInterrupt(() => e("handler interrupted")), Effect.ensuring(e("handler ensuring"))), { default: true })
  yield* Copas.addThread(Effect.fail("boom"))
  yield* Copas.sleep(20)
  yield* Copas.cancelAll
  yield* e("cancelAll done")
})).pipe(Effect.timeout(2000), Effect.tap(() => e("run returned"))))
console.log("2.", ev.splice(0).join(" | "))
// 3. an error handler parked forever: does the loop end? (Copas: a parked coroutine does not keep it alive)
const r = await Effect.runPromise(Copas.run(Effect.gen(function*() {
  yield* Copas.setErrorHandler(() => Copas.pauseForever.pipe(Effect.onInterrupt(() => e("parked handler interrupted"))), { default: true })
  yield* Copas.addThread(Effect.fail("boom"))
})).pipe(Effect.timeout(1000), Effect.either))
console.log("3.", r._tag === "Right" ? "loop ended" : "HANG", ev.splice(0).join(" | "))

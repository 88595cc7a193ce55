import { Effect, Fiber } from "effect"
import * as Copas from "../src/Copas.js"
// the host loop of the README, interrupted (or ended by an error) while a task still sleeps
const log: Array<string> = []
const host = Effect.gen(function*() {
  yield* Copas.addThread(Copas.sleep(1e6).pipe(Effect.ensuring(Effect.sync(() => log.push("sleeper finalizer")))))
  for (let i = 0; i < 3; i++) yield* Copas.step("5 millis")
  log.push("host leaves early")
}).pipe(Effect.provide(Copas.layerControlled))
const r = await Effect.runPromise(host.pipe(Effect.timeout(1000), Effect.either))
console.log(r._tag, log)

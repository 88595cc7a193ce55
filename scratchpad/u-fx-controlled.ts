import { Effect, ManagedRuntime } from "effect"
import * as Copas from "../src/Copas.js"
const rt = ManagedRuntime.make(Copas.layerControlled)
const log: Array<string> = []
await rt.runPromise(Copas.addThread(Effect.gen(function*() {
  for (let i = 0; i < 3; i++) { yield* Copas.sleep(10); log.push(`tick ${i}`) }
}).pipe(Effect.ensuring(Effect.sync(() => log.push("task end"))))))
await rt.runPromise(Copas.addThread(Copas.sleep(1e6).pipe(Effect.ensuring(Effect.sync(() => log.push("long sleeper end"))))))
let steps = 0
const t0 = Date.now()
while (Date.now() - t0 < 200) {
  if (await rt.runPromise(Copas.step("20 millis"))) steps++
  await new Promise((r) => setImmediate(r))
}
console.log(log, "steps", steps, "finished", await rt.runPromise(Copas.finished))
await rt.dispose()
console.log(log)

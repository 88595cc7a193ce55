import { Effect } from "effect"
import * as Copas from "../src/Copas.js"
import { performance } from "node:perf_hooks"
const n = 100_000
const w1 = Copas.run(Effect.gen(function*() {
  let count = 0
  const task = Effect.zipRight(Copas.pause(), Effect.sync(() => { count++ }))
  const t0 = performance.now()
  for (let i = 0; i < n; i++) yield* Copas.addThread(task)
  const spawned = performance.now() - t0
  yield* Copas.addThread(Effect.suspend(function loop(): Effect.Effect<void, never, Copas.Copas> {
    return count === n ? Effect.sync(() => console.log("W1", performance.now() - t0, "spawn", spawned)) : Effect.zipRight(Copas.pause(), Effect.suspend(loop))
  }))
}))
await Effect.runPromise(w1)

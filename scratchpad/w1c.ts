import { Effect } from "effect"
import * as Copas from "../src/Copas.js"
import { performance } from "node:perf_hooks"
const n = 100_000
const w1 = Copas.run(Effect.gen(function*() {
  const d = yield* Copas.Copas
  let count = 0, peak = 0
  const task = Effect.zipRight(process.argv[2] === "yield" ? Effect.yieldNow() : Copas.pause(), Effect.sync(() => { count++; if (d.tasks.size > peak) peak = d.tasks.size }))
  const t0 = performance.now()
  let i = 0
  yield* Effect.whileLoop({ while: () => i < n, body: () => Copas.addThread(task), step: () => { i++ } })
  const spawned = performance.now() - t0
  yield* Copas.addThread(Effect.suspend(function loop(): Effect.Effect<void, never, Copas.Copas> {
    return count === n ? Effect.sync(() => console.log("W1", (performance.now() - t0).toFixed(1), "spawn", spawned.toFixed(1), "peak", peak)) : Effect.zipRight(Copas.pause(), Effect.suspend(loop))
  }))
}))
await Effect.runPromise(w1)

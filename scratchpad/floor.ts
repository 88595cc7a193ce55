import { Effect } from "effect"
import * as Copas from "../src/Copas.js"
import { performance } from "node:perf_hooks"
// floor: two fibers ping-pong through bare Effect.async resumes
const n = 300_000
await Effect.runPromise(Copas.run(Effect.gen(function*() {
  let ra: ((e: Effect.Effect<void>) => void) | undefined
  let rb: ((e: Effect.Effect<void>) => void) | undefined
  let pa = 0, pb = 0
  const waitA = Effect.async<void>((r) => { if (pa > 0) { pa--; r(Effect.void) } else ra = r })
  const waitB = Effect.async<void>((r) => { if (pb > 0) { pb--; r(Effect.void) } else rb = r })
  const giveA = Effect.sync(() => { const r = ra; ra = undefined; if (r) r(Effect.void); else pa++ })
  const giveB = Effect.sync(() => { const r = rb; rb = undefined; if (r) r(Effect.void); else pb++ })
  const t0 = performance.now()
  let i = 0, j = 0
  yield* Copas.addThread(Effect.whileLoop({ while: () => i < n, body: () => Effect.zipRight(giveA, waitB), step: () => { i++ } }))
  yield* Copas.addThread(Effect.whileLoop({ while: () => j < n, body: () => Effect.zipRight(waitA, giveB), step: () => { j++ } }).pipe(
    Effect.ensuring(Effect.sync(() => console.log("floor handoff ns", ((performance.now() - t0) * 1e6 / (2 * n)).toFixed(0))))))
})))

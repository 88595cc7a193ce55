import { Effect } from "effect"
import { performance } from "node:perf_hooks"
const n = 300_000
let resumeFn: ((e: Effect.Effect<void>) => void) | null = null
const noCancel = Effect.async<void>((resume) => { resumeFn = resume; queueMicrotask(() => resumeFn!(Effect.void)) })
const withCancel = Effect.async<void>((resume) => { resumeFn = resume; queueMicrotask(() => resumeFn!(Effect.void)); return Effect.void })
for (const [name, eff] of [["noCancel", noCancel], ["withCancel", withCancel], ["noCancel", noCancel], ["withCancel", withCancel]] as const) {
  const t0 = performance.now()
  await Effect.runPromise(Effect.suspend(() => { let i = 0; return Effect.whileLoop({ while: () => i < n, body: () => eff, step: () => { i++ } }) }))
  console.log(name, ((performance.now() - t0) * 1e6 / n).toFixed(0), "ns")
}

import { Effect } from "effect"
import * as Copas from "../src/Copas.js"
import { performance } from "node:perf_hooks"
const n = 200_000
const variant = process.argv[2]
await Effect.runPromise(Copas.run(Effect.gen(function*() {
  const p = variant === "yield" ? Effect.yieldNow() : Copas.pause()
  for (let k = 0; k < 3; k++) {
  const t0 = performance.now()
  let i = 0
  yield* Effect.whileLoop({ while: () => i < n, body: () => p, step: () => { i++ } })
  console.log(variant, "per pause ns", ((performance.now() - t0) * 1e6 / n).toFixed(0))
  }
})))

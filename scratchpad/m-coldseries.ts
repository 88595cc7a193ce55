// Cold W3 time series: elapsed ms at every 250 cycles (all tasks), to see where the cold cost goes.
// node bundle.mjs [total]
import * as Effect from "effect/Effect"
import { performance } from "node:perf_hooks"
import * as Copas from "../src/Copas.js"
import * as Future from "../src/Future.js"
import * as Lock from "../src/Lock.js"

const total = Number(process.argv[2] ?? 20000)
const marks: Array<number> = []
let cycles = 0
const repeatN = <E, R>(n: number, body: () => Effect.Effect<unknown, E, R>): Effect.Effect<void, E, R> =>
  Effect.suspend(() => {
    let i = 0
    return Effect.whileLoop({ while: () => i < n, body, step: () => { i++; if (++cycles % 250 === 0) marks.push(performance.now()) } })
  })
Effect.runPromise(Copas.run(Effect.gen(function*() {
  const lock = yield* Lock.make()
  const cycle = Effect.zipRight(Lock.get(lock), Effect.zipRight(Copas.pause(), Lock.release(lock)))
  const t0 = performance.now()
  const fs: Array<Future.Future<void, unknown>> = []
  for (let i = 0; i < 100; i++) fs.push(yield* Future.addThread(repeatN(total / 100, () => cycle)))
  const t1 = performance.now()
  for (const f of fs) yield* Future.get(f)
  console.log("spawn", (t1 - t0).toFixed(2), "ms")
  let prev = t0
  console.log(marks.map((m, i) => `${(i + 1) * 250}:${(m - prev).toFixed(1)}${(prev = m, "")}`).join(" "))
})))

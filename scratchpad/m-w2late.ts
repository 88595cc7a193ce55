// Which W2 sleepers are late, and when: node --trace-gc bundle.mjs
import * as Effect from "effect/Effect"
import { performance } from "node:perf_hooks"
import * as Copas from "../src/Copas.js"

const n = 10_000
const delays: Array<number> = []
for (let i = 0, x = 42; i < n; i++) { x = (x * 16807) % 2147483647; delays.push(x % 1001) }
const rec: Array<[number, number, number, number]> = [] // delay, start, wake, late (ms from t0)
let t0 = 0
const task = (d: number) => Effect.suspend(() => {
  const s = performance.now()
  return Effect.zipRight(Copas.sleep(d), Effect.sync(() => {
    const w = performance.now()
    rec.push([d, s - t0, w - t0, w - (s + d)])
  }))
})
Effect.runPromise(Copas.run(Effect.gen(function*() {
  t0 = performance.now()
  console.log("t0", t0.toFixed(1))
  for (let i = 0; i < n; i++) yield* Copas.addThread(task(delays[i]!))
  console.log("spawned at", (performance.now() - t0).toFixed(1))
  while (rec.length < n) yield* Copas.sleep(5)
  const byLate = [...rec].sort((a, b) => b[3] - a[3])
  console.log("p99", byLate[99]![3].toFixed(2), "max", byLate[0]![3].toFixed(2))
  console.log("late >= 3ms: delay / start / wake / late")
  for (const r of byLate.filter((r) => r[3] >= 3).slice(0, 150)) console.log(r.map((x) => x.toFixed(1)).join(" "))
})))

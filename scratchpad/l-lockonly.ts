import * as Effect from "effect/Effect"
import { performance } from "node:perf_hooks"
import * as Copas from "../src/Copas.js"
import * as Future from "../src/Future.js"
import * as Lock from "../src/Lock.js"
const TOTAL = Number(process.argv[2] ?? 2_000_000)
const TASKS = Number(process.argv[4] ?? 100)
const P = process.argv[3] === "pause"
const repeatN = (n: number, body: () => Effect.Effect<unknown, any, any>) => Effect.suspend(() => { let i = 0; return Effect.whileLoop({ while: () => i < n, body, step: () => { i++ } }) })
Effect.runPromise(Copas.run(Effect.gen(function*() {
  const lock = yield* Lock.make()
  const cycle = Effect.zipRight(Lock.get(lock), P ? Effect.zipRight(Copas.pause(), Lock.release(lock)) : Lock.release(lock))
  const t0 = performance.now()
  const fs = [] as any[]
  for (let i = 0; i < TASKS; i++) fs.push(yield* Future.addThread(repeatN(TOTAL / TASKS, () => cycle)))
  for (const f of fs) yield* Future.get(f)
  console.log(((performance.now() - t0) * 1e6 / TOTAL).toFixed(0), "ns/cycle")
})))

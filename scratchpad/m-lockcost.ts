// Lock cycle cost vs number of contending tasks (no pause): node --import tsx scratchpad/m-lockcost.ts
import * as Effect from "effect/Effect"
import { performance } from "node:perf_hooks"
import * as Copas from "../src/Copas.js"
import * as Future from "../src/Future.js"
import * as Lock from "../src/Lock.js"
import * as Semaphore from "../src/Semaphore.js"

const TOTAL = 1_000_000
const repeatN = (n: number, body: () => Effect.Effect<unknown, any, any>) =>
  Effect.suspend(() => {
    let i = 0
    return Effect.whileLoop({ while: () => i < n, body, step: () => { i++ } })
  })
const lockRun = (tasks: number, timeout: number | undefined) =>
  Effect.gen(function*() {
    const lock = yield* Lock.make(timeout === undefined ? undefined : { timeout })
    const cycle = Effect.zipRight(Lock.get(lock), Lock.release(lock))
    const t0 = performance.now()
    const fs: Array<Future.Future<void, unknown>> = []
    for (let i = 0; i < tasks; i++) fs.push(yield* Future.addThread(repeatN(TOTAL / tasks, () => cycle)))
    for (const f of fs) yield* Future.get(f)
    console.log(`lock ${tasks} tasks timeout ${timeout}`.padEnd(34), (((performance.now() - t0) * 1e6) / TOTAL).toFixed(0), "ns/cycle")
  })
const semRun = (tasks: number) =>
  Effect.gen(function*() {
    const s = yield* Semaphore.make({ max: 1, start: 1, timeout: Infinity })
    const cycle = Effect.zipRight(Semaphore.take(s), Semaphore.give(s))
    const t0 = performance.now()
    const fs: Array<Future.Future<void, unknown>> = []
    for (let i = 0; i < tasks; i++) fs.push(yield* Future.addThread(repeatN(TOTAL / tasks, () => cycle)))
    for (const f of fs) yield* Future.get(f)
    console.log(`sem ${tasks} tasks`.padEnd(34), (((performance.now() - t0) * 1e6) / TOTAL).toFixed(0), "ns/cycle")
  })

Effect.runPromise(Copas.run(Effect.gen(function*() {
  for (let r = 0; r < 2; r++) {
    yield* lockRun(2, Infinity)
    yield* lockRun(100, Infinity)
    yield* lockRun(100, undefined)
    yield* semRun(2)
    yield* semRun(100)
  }
})))

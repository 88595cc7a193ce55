// Warm in-process timings of W3/W4-like loops (medians of rounds 3..R): node bundle.mjs [R] [W3|W4]
import * as Effect from "effect/Effect"
import { performance } from "node:perf_hooks"
import * as Copas from "../src/Copas.js"
import * as Future from "../src/Future.js"
import * as Lock from "../src/Lock.js"
import * as Semaphore from "../src/Semaphore.js"

const repeatN = <E, R>(n: number, body: () => Effect.Effect<unknown, E, R>): Effect.Effect<void, E, R> =>
  Effect.suspend(() => {
    let i = 0
    return Effect.whileLoop({ while: () => i < n, body, step: () => { i++ } })
  })
const time = (total: number, tasks: Array<Effect.Effect<unknown, unknown, Copas.Copas>>) =>
  Effect.gen(function*() {
    const t0 = performance.now()
    const fs: Array<Future.Future<unknown, unknown>> = []
    for (const t of tasks) fs.push(yield* Future.addThread(t))
    for (const f of fs) yield* Future.get(f)
    return ((performance.now() - t0) * 1e6) / total
  })
const w3 = Effect.gen(function*() {
  const lock = yield* Lock.make()
  const cycle = Effect.zipRight(Lock.get(lock), Effect.zipRight(Copas.pause(), Lock.release(lock)))
  return yield* time(100_000, Array.from({ length: 100 }, () => repeatN(1000, () => cycle)))
})
const w4 = Effect.gen(function*() {
  const a = yield* Semaphore.make({ max: 1, start: 0, timeout: Infinity })
  const b = yield* Semaphore.make({ max: 1, start: 0, timeout: Infinity })
  return yield* time(400_000, [
    repeatN(200_000, () => Effect.zipRight(Semaphore.take(a), Semaphore.give(b))),
    repeatN(200_000, () => Effect.zipRight(Semaphore.give(a), Semaphore.take(b)))
  ])
})
const R = Number(process.argv[2] ?? 8)
const only = process.argv[3] // "W3" or "W4": run just that one
const med = (xs: Array<number>) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!.toFixed(0)
Effect.runPromise(Copas.run(Effect.gen(function*() {
  const r3: Array<number> = []
  const r4: Array<number> = []
  for (let r = 0; r < R; r++) {
    const x = only === "W4" ? 0 : yield* w3
    const y = only === "W3" ? 0 : yield* w4
    if (r >= 2) r3.push(x), r4.push(y)
  }
  console.log(`W3 ${med(r3)} ns/cycle  W4 ${med(r4)} ns/hand-off (warm medians)`)
})))

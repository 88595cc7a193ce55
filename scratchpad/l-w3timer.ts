import * as Effect from "effect/Effect"
import { performance } from "node:perf_hooks"
import * as Copas from "../src/Copas.js"
import * as Future from "../src/Future.js"
import * as Lock from "../src/Lock.js"
const repeatN = <E, R>(n: number, body: () => Effect.Effect<unknown, E, R>): Effect.Effect<void, E, R> =>
  Effect.suspend(() => { let i = 0; return Effect.whileLoop({ while: () => i < n, body, step: () => { i++ } }) })
const TOTAL = 200_000
const variant = (name: string, timeout: number | undefined, dummy: boolean) =>
  Effect.gen(function*() {
    const lock = yield* Lock.make(timeout === undefined ? undefined : { timeout })
    const cycle = Effect.zipRight(Lock.get(lock), Effect.zipRight(Copas.pause(), Lock.release(lock)))
    const worker = repeatN(TOTAL / 100, () => cycle)
    const h = dummy ? setTimeout(() => {}, 100000) : undefined
    const t0 = performance.now()
    const fs: Array<Future.Future<void, unknown>> = []
    for (let i = 0; i < 100; i++) fs.push(yield* Future.addThread(worker))
    for (const f of fs) yield* Future.get(f)
    const ms = performance.now() - t0
    clearTimeout(h)
    console.log(name.padEnd(28), ((ms * 1e6) / TOTAL).toFixed(0), "ns/cycle")
  })
const bare = (dummy: boolean) => new Promise<void>((res) => {
  let n = 0
  const h = dummy ? setTimeout(() => {}, 100000) : undefined
  const t0 = performance.now()
  const f = () => { if (++n < TOTAL) setImmediate(f); else { clearTimeout(h); console.log(("bare setImmediate" + (dummy ? " +timer" : "")).padEnd(28), (((performance.now() - t0) * 1e6) / TOTAL).toFixed(0), "ns/turn"); res() } }
  setImmediate(f)
})
const main = async () => {
  for (let r = 0; r < 3; r++) {
    await bare(false); await bare(true)
    await Effect.runPromise(Copas.run(Effect.gen(function*() {
      yield* variant("W3", undefined, false)
      yield* variant("W3 noto", Infinity, false)
      yield* variant("W3 noto + dummy timer", Infinity, true)
    })))
  }
}
main()

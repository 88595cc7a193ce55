// W3 cost breakdown: node --import tsx scratchpad/l-w3parts.ts
import * as Effect from "effect/Effect"
import { performance } from "node:perf_hooks"
import * as Copas from "../src/Copas.js"
import * as Future from "../src/Future.js"
import * as Lock from "../src/Lock.js"

const repeatN = <E, R>(n: number, body: () => Effect.Effect<unknown, E, R>): Effect.Effect<void, E, R> =>
  Effect.suspend(() => {
    let i = 0
    return Effect.whileLoop({ while: () => i < n, body, step: () => { i++ } })
  })
const TOTAL = 200_000
const variant = (name: string, tasks: number, timeout: number | undefined, withPause: boolean, withLock = true) =>
  Effect.gen(function*() {
    const lock = yield* Lock.make(timeout === undefined ? undefined : { timeout })
    const p = withPause ? Copas.pause() : Effect.void
    const cycle = withLock ? Effect.zipRight(Lock.get(lock), Effect.zipRight(p, Lock.release(lock))) : p
    const worker = repeatN(TOTAL / tasks, () => cycle)
    const t0 = performance.now()
    const fs: Array<Future.Future<void, unknown>> = []
    for (let i = 0; i < tasks; i++) fs.push(yield* Future.addThread(worker))
    for (const f of fs) yield* Future.get(f)
    const ms = performance.now() - t0
    console.log(name.padEnd(28), ((ms * 1e6) / TOTAL).toFixed(0), "ns/cycle")
  })

const bare = () => new Promise<void>((res) => {
  let n = 0
  const t0 = performance.now()
  const f = () => { if (++n < TOTAL) setImmediate(f); else { console.log("bare setImmediate".padEnd(28), (((performance.now() - t0) * 1e6) / TOTAL).toFixed(0), "ns/turn"); res() } }
  setImmediate(f)
})

const main = async () => {
  for (let r = 0; r < 2; r++) {
    await bare()
    await Effect.runPromise(Copas.run(Effect.gen(function*() {
      yield* variant("W3", 100, undefined, true)
      yield* variant("W3 noto", 100, Infinity, true)
      yield* variant("pause only, 1 task", 1, undefined, true, false)
      yield* variant("pause only, 100 tasks", 100, undefined, true, false)
      yield* variant("lock no pause 100", 100, undefined, false)
      yield* variant("lock+pause 1 task", 1, undefined, true)
    })))
  }
}
main()

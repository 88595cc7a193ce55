// How much does Effect's resume path (callback → tell → message queue → scheduler → drain →
// evaluateEffect) cost against calling evaluateEffect directly? node --import tsx scratchpad/m-resume.ts
import * as Effect from "effect/Effect"
import { performance } from "node:perf_hooks"
import * as Copas from "../src/Copas.js"
import { asyncNoCancel } from "../src/internal/dispatcher.js"
import { CopasScheduler } from "../src/internal/scheduler.js"

const N = 1_000_000
const run = (direct: boolean) =>
  Effect.withFiberRuntime<void, never, Copas.Copas>((fiber) => {
    const sched = fiber.currentScheduler as CopasScheduler
    const f = fiber as any
    let i = 0
    const t0 = performance.now()
    const FC = "effect/FiberCurrent"
    const wait = asyncNoCancel<void>((resume) => {
      if (!direct) {
        sched.scheduleTask(() => resume(Effect.void), 0)
        return
      }
      sched.scheduleTask(() => {
        f._running = true
        f._asyncInterruptor = null
        f._asyncBlockingOn = null
        const g = globalThis as any
        const prev = g[FC]
        g[FC] = f
        try {
          f.evaluateEffect(Effect.void)
        } finally {
          f._running = false
          g[FC] = prev
        }
      }, 0)
    })
    return Effect.zipRight(
      Effect.whileLoop({ while: () => i < N, body: () => wait, step: () => { i++ } }),
      Effect.sync(() => console.log(direct ? "direct  " : "callback", (((performance.now() - t0) * 1e6) / N).toFixed(0), "ns per wait+resume"))
    )
  })

Effect.runPromise(Copas.run(Effect.gen(function*() {
  for (let r = 0; r < 3; r++) {
    yield* run(false)
    yield* run(true)
  }
})))

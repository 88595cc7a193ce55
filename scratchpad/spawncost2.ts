import { Effect, FiberId, FiberRefs, FiberRef, Context } from "effect"
import { performance } from "node:perf_hooks"
import { CopasScheduler } from "../src/internal/scheduler.js"
const n = 100_000
const sched = new CopasScheduler(false)
const prog = Effect.withFiberRuntime((fiber, status) => Effect.gen(function*() {
  let count = 0
  const task = Effect.sync(() => { count++ })
  const Ctor: any = fiber.constructor
  console.log("refs size", (fiber.getFiberRefs() as any).locals.size)
  const t0 = performance.now()
  const refs = FiberRefs.updateAs(fiber.getFiberRefs(), { fiberId: fiber.id() as any, fiberRef: FiberRef.currentScheduler, value: sched })
  for (let i = 0; i < n; i++) {
    const f = new Ctor(FiberId.unsafeMake(), refs, status.runtimeFlags)
    f.resume(task)
  }
  const spawned = performance.now() - t0
  while (count < n) yield* Effect.sleep(1)
  console.log("direct spawn", spawned.toFixed(1), "total", (performance.now() - t0).toFixed(1))
}))
await Effect.runPromise(prog)

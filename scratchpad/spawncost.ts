import { Effect, Runtime, Fiber } from "effect"
import { performance } from "node:perf_hooks"
import { CopasScheduler } from "../src/internal/scheduler.js"
const n = 100_000
const sched = new CopasScheduler(false)
const variant = process.argv[2]
const prog = Effect.gen(function*() {
  let count = 0
  const task = Effect.sync(() => { count++ })
  const rt = yield* Effect.runtime<never>()
  const t0 = performance.now()
  if (variant === "fork") { for (let i = 0; i < n; i++) yield* Effect.forkDaemon(task) }
  else if (variant === "forkloop") { let i = 0; yield* Effect.whileLoop({ while: () => i < n, body: () => Effect.forkDaemon(task), step: () => { i++ } }) }
  else if (variant === "runfork") { for (let i = 0; i < n; i++) Runtime.runFork(rt, task, { immediate: false }) }
  else if (variant === "runforksched") { for (let i = 0; i < n; i++) Runtime.runFork(rt, task, { immediate: false, scheduler: sched }) }
  const spawned = performance.now() - t0
  while (count < n) yield* Effect.sleep(1)
  console.log(variant, "spawn", spawned.toFixed(1), "total", (performance.now() - t0).toFixed(1))
})
await Effect.runPromise(prog)

import { Effect, Fiber, TestClock, TestContext } from "effect"
import * as Copas from "../src/Copas.js"
let done = 0
const prog = Effect.gen(function*() {
  const f = yield* Effect.fork(Copas.loop(Effect.gen(function*() {
    const tasks: Array<Copas.Task> = []
    for (let i = 0; i < 30; i++) {
      const body = i % 3 === 0 ? Copas.sleep(i % 100) : i % 3 === 1 ? Copas.pauseForever : Copas.pause()
      tasks.push(yield* Copas.addThread(Effect.zipRight(body, Effect.sync(() => done++))))
    }
    yield* Copas.pause()
    for (let i = 1; i < 30; i += 6) yield* Copas.removeThread(tasks[i]!)
    for (let i = 4; i < 30; i += 6) yield* Copas.wakeup(tasks[i]!)
  })))
  for (let i = 0; i < 20 && f.unsafePoll() === null; i++) yield* TestClock.adjust(10)
  const d = yield* Copas.Copas
  console.log("done", done, "polled", f.unsafePoll() !== null, "tasks", d.tasks.size, "parked", d.parkedTasks, d.parkedAll, "sleeping", d.sleepingTasks, "heap", d.scheduler.heap.counts, "cb", d.callbacks)
}).pipe(Effect.provide(Copas.layer), Effect.provide(TestContext.TestContext))
await Effect.runPromise(prog)

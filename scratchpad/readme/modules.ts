import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Future from "effect-copas/Future"
import * as Lock from "effect-copas/Lock"
import * as Queue from "effect-copas/Queue"
import * as Semaphore from "effect-copas/Semaphore"

const program = Effect.runPromise(Copas.run(Effect.gen(function*() {
  const lock = yield* Lock.make({ timeout: "5 seconds" }) // re-entrant by default
  yield* Copas.addThread(Effect.log("alone").pipe(Lock.withLock(lock)))

  const sem = yield* Semaphore.make({ max: 2, start: 2 }) // also an Effect.Semaphore
  yield* Copas.addThread(Copas.sleep(10).pipe(Semaphore.withPermits(sem, 1)))

  const q = yield* Queue.make<string>({ name: "jobs" })
  yield* Queue.addWorker(q, (job) => Effect.log(`handling ${job}`)) // the task "jobs:worker_1"
  yield* Queue.push(q, "a")
  yield* Queue.finish(q, "10 seconds") // drained, workers done with their item, destroyed

  const f = yield* Future.addThread(Copas.sleep(10).pipe(Effect.as(42)))
  const answer = yield* Future.get(f) // 42
})))

program.then(() => console.log("done"))

// Producer/consumer pipeline from the README only. Run: npx tsx scratchpad/u-pipeline.ts
import { Cause, Console, Data, Duration, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Future from "effect-copas/Future"
import * as Lock from "effect-copas/Lock"
import * as Queue from "effect-copas/Queue"
import * as Semaphore from "effect-copas/Semaphore"

class BadInput extends Data.TaggedError("BadInput")<{ readonly id: number }> {}

interface Job {
  readonly id: number
  readonly cost: number // ms of "work"
}

const log: Array<string> = []
const say = (s: string) => Effect.sync(() => log.push(s)).pipe(Effect.zipRight(Console.log(s)))

const main = Effect.gen(function*() {
  // default error handler: collects the failures of tasks nobody awaits
  yield* Copas.setErrorHandler((cause, task) =>
    Effect.gen(function*() {
      const name = yield* Copas.getThreadName(task)
      yield* say(`error handler: ${name}: ${Cause.pretty(cause).split("\n")[0]}`)
    }), { default: true })

  const sem = yield* Semaphore.make({ max: 2, start: 2, timeout: "1 second" }) // two "backend" slots
  const jobs = yield* Queue.make<Job>({ name: "jobs" })
  // the work: a backend call under the semaphore, with a deadline
  const work = (job: Job) =>
    Effect.gen(function*() {
      if (job.id === 3) return yield* new BadInput({ id: job.id })
      yield* Copas.sleep(job.cost)
      return `job ${job.id} done in ${job.cost} ms`
    }).pipe(Semaphore.withPermits(sem, 1, "300 millis"))
  // withPermits adds TooManyError (impossible with n = 1 <= max) and DestroyedError to the error type
  const results = yield* Queue.make<Future.Future<string, Effect.Effect.Error<ReturnType<typeof work>>>>({ name: "results" })

  // 3 workers turn jobs into futures (the work itself runs as its own task)
  for (let i = 0; i < 3; i++) {
    yield* Queue.addWorker(jobs, (job) =>
      Effect.gen(function*() {
        const f = yield* Future.addNamedThread(`job-${job.id}`, work(job))
        yield* Queue.push(results, f)
      }))
  }

  // consumer: awaits each future, handling the typed errors
  const consumer = yield* Future.addNamedThread(
    "consumer",
    Effect.gen(function*() {
      const out: Array<string> = []
      for (;;) {
        const next = yield* Queue.pop(results, "500 millis").pipe(
          Effect.catchTag("TimeoutError", () => Effect.succeed(undefined)),
          Effect.catchTag("DestroyedError", () => Effect.succeed(undefined))
        )
        if (next === undefined) return out
        const r = yield* Future.get(next).pipe(
          Effect.catchTags({
            BadInput: (e) => Effect.succeed(`job ${e.id} rejected`),
            TimeoutError: (e) => Effect.succeed(`timed out waiting for a slot (${e.operation})`),
            CancelledError: () => Effect.succeed("cancelled"),
            DestroyedError: () => Effect.succeed("semaphore destroyed"),
            TooManyError: () => Effect.dieMessage("impossible")
          })
        )
        out.push(r)
        yield* say(r)
      }
    })
  )

  // producer
  for (let id = 1; id <= 8; id++) {
    yield* Queue.push(jobs, { id, cost: 100 + 50 * (id % 3) })
  }
  yield* Queue.finish(jobs, "5 seconds")
  const summary = yield* Future.get(consumer)
  yield* say(`consumer got ${summary.length} results`)

  // a task that nobody awaits fails: goes to the error handler
  yield* Copas.addNamedThread("doomed", Effect.fail(new BadInput({ id: 99 })))

  // a lock destroyed under a waiter
  const lock = yield* Lock.make()
  yield* Lock.get(lock)
  const waiter = yield* Future.addThread(
    Lock.get(lock, "5 seconds").pipe(Effect.catchTag("DestroyedError", (e) => Effect.succeed(`lock: ${e._tag}`)))
  )
  yield* Copas.sleep(10)
  yield* Lock.destroy(lock)
  yield* say(String(yield* waiter))

  // a future cancelled while someone waits on it
  const slow = yield* Future.addThread(Copas.sleep("10 seconds"))
  const waiting = yield* Future.addThread(Future.get(slow).pipe(Effect.catchTag("CancelledError", () => Effect.succeed("future: cancelled"))))
  yield* Copas.sleep(10)
  yield* say(`cancel returned ${yield* Future.cancel(slow)}`)
  yield* say(String(yield* waiting))
  yield* say(`try: ${(yield* Future.try(slow))._tag}`)

  // results queue left alone: destroyed at the end
  yield* Queue.destroy(results)
  const elapsed = yield* Copas.pause(0)
  yield* say(`pause(0) slept ${Duration.format(elapsed)}`)
})

const t0 = Date.now()
Effect.runPromise(Copas.run(main)).then(() => console.log(`loop ended after ${Date.now() - t0} ms`))

// Soak: dispatcher primitives on the in-memory layer (tasks, names, errors, timeouts, timers,
// locks, semaphores, queues, futures, Debug). See lib.ts.
import { Context, Effect, Logger } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Debug from "effect-copas/Debug"
import * as Future from "effect-copas/Future"
import * as Lock from "effect-copas/Lock"
import * as Queue from "effect-copas/Queue"
import * as Semaphore from "effect-copas/Semaphore"
import * as Timer from "effect-copas/Timer"
import { runAll, type Scenario } from "./lib.js"

class Req extends Context.Tag("Req")<Req, number>() {}
const every = (n: number, i: number, eff: Effect.Effect<unknown, unknown, any>) =>
  i % n === n - 1 ? Effect.zipRight(eff, Copas.pause(0)) : eff
const R = Number(process.env.R ?? 20000)
const nullLogger = Logger.make(() => {})

const scenarios: Array<Scenario> = [
  { name: "spawn", rounds: R, op: (i) => every(200, i, Copas.addThread(Effect.void)) },
  { name: "named", rounds: R, op: (i) => every(200, i, Copas.addNamedThread(`task-${i}-${"x".repeat(40)}`, Effect.void)) },
  { name: "setThreadName-new", rounds: R, op: (i) => every(200, i, Copas.addThread(Copas.setThreadName(`n-${i}-${"x".repeat(40)}`))) },
  { name: "setThreadName-self", rounds: R, op: (i) => Copas.setThreadName(`s-${i}-${"x".repeat(40)}`) },
  { name: "fail-handled", rounds: R, op: (i) => every(200, i, Copas.addThread(Effect.fail(new Error("boom " + i)))) },
  { name: "die-handled", rounds: R, op: (i) => every(200, i, Copas.addThread(Effect.die(new Error("boom " + i)))) },
  {
    name: "errorHandler-per-task",
    rounds: R,
    op: (i) => every(200, i, Copas.addThread(Effect.zipRight(Copas.setErrorHandler(() => Effect.void), Effect.fail("x" + i))))
  },
  {
    name: "errorHandler-set-self",
    rounds: R,
    op: () => Copas.setErrorHandler(() => Effect.void)
  },
  { name: "timeout-set-cancel", rounds: R, op: () => Effect.zipRight(Copas.timeout(10_000, () => Effect.void), Copas.timeout(0)) },
  { name: "timeout-set-reset", rounds: R, op: () => Copas.timeout(10_000, () => Effect.void) },
  { name: "timeout-task-ends", rounds: R, op: (i) => every(200, i, Copas.addThread(Copas.timeout(10_000, () => Effect.void))) },
  {
    name: "timeout-fires",
    rounds: R / 10,
    op: (i) => every(100, i, Copas.addThread(Effect.zipRight(Copas.timeout(1, () => Effect.void), Copas.sleep(3))))
  },
  {
    name: "sleep-wakeup",
    rounds: R,
    op: (i) => every(100, i, Effect.flatMap(Copas.addThread(Copas.sleep(10_000)), (t) => Effect.zipRight(Copas.pause(0), Effect.ignore(Copas.wakeup(t)))))
  },
  {
    name: "parked-removed",
    rounds: R,
    op: (i) => every(100, i, Effect.flatMap(Copas.addThread(Copas.pauseForever), (t) => Effect.zipRight(Copas.pause(0), Copas.removeThread(t))))
  },
  {
    name: "sleeping-removed",
    rounds: R,
    op: (i) => every(100, i, Effect.flatMap(Copas.addThread(Copas.sleep(10_000)), (t) => Effect.zipRight(Effect.yieldNow(), Copas.removeThread(t))))
  },
  { name: "waitForExit-removed", rounds: R, op: (i) => every(100, i, Effect.flatMap(Copas.addThread(Copas.waitForExit), (t) => Effect.zipRight(Effect.yieldNow(), Copas.removeThread(t)))) },
  { name: "effect-timeout-sleep", rounds: R / 10, op: () => Effect.ignore(Effect.timeout(Copas.sleep(5), 1)) },
  { name: "timer-once-fires", rounds: R / 10, op: (i) => every(100, i, Timer.make({ delay: 0, callback: () => Effect.void })) },
  { name: "timer-cancel", rounds: R, op: () => Effect.flatMap(Timer.make({ delay: 10_000, callback: () => Effect.void }), Timer.cancel) },
  { name: "timer-distinct-delay", rounds: R, op: (i) => Effect.flatMap(Timer.make({ delay: 10_000 + i, callback: () => Effect.void }), Timer.cancel) },
  { name: "timer-distinct-delay-fire", rounds: R / 10, op: (i) => every(50, i, Timer.make({ delay: 1 + (i % 1000) / 1000, callback: () => Effect.void })) },
  { name: "timer-ctx-cancel", rounds: R, op: (i) => Effect.flatMap(Timer.make({ delay: 10_000, callback: () => Effect.void }), Timer.cancel).pipe(Effect.provideService(Req, i)) },
  { name: "timer-ctx-fires", rounds: R / 10, op: (i) => every(50, i, Timer.make({ delay: 0, callback: () => Effect.void }).pipe(Effect.provideService(Req, i))) },
  { name: "lock-cycle", rounds: R, op: () => Effect.flatMap(Lock.make(), (l) => Effect.zipRight(Lock.get(l), Lock.release(l))) },
  {
    name: "lock-wait-timeout",
    rounds: R / 10,
    setup: Effect.void,
    op: () =>
      Effect.flatMap(Lock.make(), (l) =>
        Effect.gen(function*() {
          yield* Lock.get(l)
          const t = yield* Copas.addThread(Effect.ignore(Lock.get(l, 1)))
          yield* Copas.sleep(3)
          yield* Lock.release(l)
          return t
        }))
  },
  { name: "lock-wait-removed", rounds: R, op: (i) => Effect.flatMap(Lock.make(), (l) => Effect.gen(function*() {
    yield* Lock.get(l)
    const t = yield* Copas.addThread(Lock.get(l))
    yield* Effect.yieldNow()
    yield* Copas.removeThread(t)
    if (i % 2) yield* Lock.destroy(l)
  })) },
  { name: "sema-cycle", rounds: R, op: () => Effect.flatMap(Semaphore.make({ max: 2, start: 1 }), (s) => Effect.zipRight(Semaphore.take(s), Semaphore.give(s))) },
  { name: "sema-wait-removed", rounds: R, op: () => Effect.flatMap(Semaphore.make({ max: 2, start: 0 }), (s) => Effect.gen(function*() {
    const t = yield* Copas.addThread(Semaphore.take(s))
    yield* Effect.yieldNow()
    yield* Copas.removeThread(t)
  })) },
  { name: "queue-cycle", rounds: R, op: (i) => Effect.flatMap(Queue.make<number>(), (q) => Effect.gen(function*() {
    yield* Queue.push(q, i)
    yield* Queue.pop(q)
    yield* Queue.destroy(q)
  })) },
  { name: "queue-undestroyed", rounds: R, op: (i) => Effect.flatMap(Queue.make<number>(), (q) => Effect.gen(function*() {
    yield* Queue.push(q, i)
    yield* Queue.pop(q)
  })) },
  { name: "queue-worker-finish", rounds: R / 10, op: (i) => Effect.flatMap(Queue.make<number>(), (q) => Effect.gen(function*() {
    yield* Queue.addWorker(q, () => Effect.void)
    yield* Queue.push(q, i)
    yield* Queue.finish(q, 1000)
  })) },
  { name: "queue-worker-dropped", rounds: R / 10, op: (i) => Effect.flatMap(Queue.make<number>(), (q) => Effect.gen(function*() {
    yield* Queue.addWorker(q, () => Effect.void)
    yield* Queue.push(q, i)
    yield* Copas.pause(0)
    yield* Queue.destroy(q)
  })) },
  { name: "shared-queue-pop-timeout", rounds: R / 10, setup: Effect.void, op: () => Effect.flatMap(Effect.succeed(sharedQ), (q) => Effect.ignore(Queue.pop(q, 0.01))) },
  { name: "future", rounds: R, op: (i) => Effect.flatMap(Future.addThread(Effect.succeed(i)), Future.get) },
  { name: "future-cancel", rounds: R, op: () => Effect.flatMap(Future.addThread(Copas.sleep(10_000)), Future.cancel) },
  { name: "debug-start-stop", rounds: R / 10, op: () => Effect.zipRight(Debug.start({ logger: nullLogger }), Debug.stop) },
  { name: "debug-traced-tasks", rounds: R / 10, op: (i) => every(100, i, Debug.traced(Copas.addThread(Copas.pause(0)), { logger: nullLogger })) },
  { name: "status-stats", rounds: R, op: () => Copas.status(true) }
]
let sharedQ: Queue.Queue<number>
scenarios.forEach((s) => {
  if (s.name === "shared-queue-pop-timeout") (s as any).setup = Effect.map(Queue.make<number>(), (q) => (sharedQ = q))
})

await runAll(scenarios)

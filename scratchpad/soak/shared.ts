// Soak: long-lived locks, semaphores, queues, futures with waiters that time out or are removed,
// and a host loop on layerControlled. See lib.ts.
import { Effect, Layer } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Future from "effect-copas/Future"
import * as Lock from "effect-copas/Lock"
import * as Queue from "effect-copas/Queue"
import * as Semaphore from "effect-copas/Semaphore"
import * as MemorySockets from "effect-copas/MemorySockets"
import { runAll, type Scenario } from "./lib.js"

const R = Number(process.env.R ?? 2000)
let lock: Lock.Lock
let sem: Semaphore.Semaphore
let q: Queue.Queue<number>
let fut: Future.Future<number>
const ring = (o: object, f = "waiters") => {
  const w = (o as any)[f]
  return w ? { live: w.live, ring: w.ring.length, cap: w.ring.buf?.length } : undefined
}
const every = (n: number, i: number, eff: Effect.Effect<unknown, unknown, any>) =>
  i % n === n - 1 ? Effect.zipRight(eff, Copas.sleep(3)) : eff

const holdLock = Effect.gen(function*() {
  lock = yield* Lock.make()
  yield* Lock.get(lock) // held by the soak task for good
})
const holdSem = Effect.gen(function*() {
  sem = yield* Semaphore.make({ max: 1, start: 0 })
})

const scenarios: Array<Scenario> = [
  { name: "held-lock-waiters-timeout", rounds: R, setup: holdLock, extra: () => ({ w: ring(lock) }), op: (i) => every(100, i, Copas.addThread(Effect.ignore(Lock.get(lock, 1)))) },
  { name: "held-lock-waiters-default-timeout", rounds: R, setup: holdLock, extra: () => ({ w: ring(lock) }), op: (i) => every(100, i, Effect.flatMap(Copas.addThread(Effect.ignore(Lock.get(lock))), (t) => Effect.zipRight(Effect.yieldNow(), Copas.removeThread(t)))) },
  { name: "held-lock-waiters-removed", rounds: R, setup: holdLock, extra: () => ({ w: ring(lock) }), op: (i) => Effect.flatMap(Copas.addThread(Lock.get(lock, 60_000)), (t) => Effect.zipRight(Effect.yieldNow(), Copas.removeThread(t))) },
  { name: "held-lock-effect-timeout", rounds: R, setup: holdLock, extra: () => ({ w: ring(lock) }), op: () => Effect.flatMap(Copas.addThread(Effect.ignore(Effect.timeout(Lock.get(lock), 1))), () => Effect.void).pipe(Effect.zipRight(Copas.sleep(0))) },
  { name: "sem-waiters-timeout", rounds: R, setup: holdSem, extra: () => ({ w: ring(sem) }), op: (i) => every(100, i, Copas.addThread(Effect.ignore(Semaphore.take(sem, 1, 1)))) },
  { name: "sem-waiters-removed", rounds: R, setup: holdSem, extra: () => ({ w: ring(sem) }), op: () => Effect.flatMap(Copas.addThread(Semaphore.take(sem, 1)), (t) => Effect.zipRight(Effect.yieldNow(), Copas.removeThread(t))) },
  { name: "sem-as-effect-semaphore", rounds: R, setup: Effect.map(Semaphore.make({ max: 1, start: 1 }), (s) => (sem = s)), extra: () => ({ w: ring(sem) }), op: () => sem.withPermits(1)(Effect.void) },
  { name: "queue-pop-timeout", rounds: R, setup: Effect.map(Queue.make<number>(), (x) => (q = x)), extra: () => ({ size: (q as any).getSize?.() }), op: (i) => every(100, i, Copas.addThread(Effect.ignore(Queue.pop(q, 1)))) },
  { name: "queue-pop-removed", rounds: R, setup: Effect.map(Queue.make<number>(), (x) => (q = x)), op: () => Effect.flatMap(Copas.addThread(Queue.pop(q)), (t) => Effect.zipRight(Effect.yieldNow(), Copas.removeThread(t))) },
  { name: "queue-push-pop-longlived", rounds: R * 20, setup: Effect.map(Queue.make<number>(), (x) => (q = x)), op: (i) => Effect.zipRight(Queue.push(q, i), Queue.pop(q)) },
  { name: "queue-worker-longlived", rounds: R * 10, setup: Effect.gen(function*() {
    q = yield* Queue.make<number>()
    yield* Queue.addWorker(q, () => Effect.void)
  }), op: (i) => every(100, i, Queue.push(q, i)) },
  { name: "future-waiters-removed", rounds: R, setup: Effect.map(Future.addThread(Copas.pauseForever.pipe(Effect.as(1))), (f) => (fut = f)), op: () => Effect.flatMap(Copas.addThread(Future.get(fut)), (t) => Effect.zipRight(Effect.yieldNow(), Copas.removeThread(t))) },
  { name: "future-effect-timeout", rounds: R, setup: Effect.map(Future.addThread(Copas.pauseForever.pipe(Effect.as(1))), (f) => (fut = f)), op: () => Effect.ignore(Effect.timeout(Future.get(fut), 0.1)) }
]
await runAll(scenarios, Layer.merge(Copas.layer, MemorySockets.layer))

// a host loop on layerControlled: steps with tasks spawning tasks
const stepSoak = Effect.gen(function*() {
  const d = (yield* Copas.Copas) as any
  const gc = (globalThis as any).gc
  yield* Copas.setErrorHandler(() => Effect.void, { default: true })
  for (let b = 0; b < 5; b++) {
    for (let i = 0; i < 20000; i++) {
      yield* Copas.addThread(Effect.zipRight(Copas.pause(0), Copas.sleep(0)))
      if (i % 50 === 0) while (yield* Copas.step(0)) { /* drain */ }
    }
    while (yield* Copas.step(0)) { /* drain */ }
    yield* Copas.step(5)
    while (yield* Copas.step(0)) { /* drain */ }
    for (let k = 0; k < 6; k++) gc()
    console.log(`step-host ${(b + 1) * 20000} heap ${(process.memoryUsage().heapUsed / 1024).toFixed(0)} KB tasks ${d.taskCount} queue ${d.scheduler.queue.length} next ${d.scheduler.next.length} pending ${d.scheduler.pending} heapE ${d.scheduler.heap.size}`)
  }
}).pipe(Effect.provide(Copas.layerControlled))
if (process.argv.length <= 2 || process.argv.includes("step")) await Effect.runPromise(stepSoak)

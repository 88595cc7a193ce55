import { Effect, Either } from "effect"
import * as Copas from "../src/Copas.js"
import * as Lock from "../src/Lock.js"
import * as Semaphore from "../src/Semaphore.js"
import * as Queue from "../src/Queue.js"
const log = (...a: Array<unknown>) => Effect.sync(() => console.log(...a))
await Effect.runPromise(Copas.run(Effect.gen(function*() {
  const lock = yield* Lock.make()
  // 1. Lock.get under Effect.timeout, then release from the task
  yield* Copas.addNamedThread("t1", Effect.gen(function*() {
    yield* Lock.get(lock).pipe(Effect.timeout(100))
    const r = yield* Effect.either(Lock.release(lock))
    yield* log("1 release after timeout-wrapped get:", Either.isLeft(r) ? r.left._tag : "ok")
    // can anyone take it now?
    const r2 = yield* Effect.either(Lock.get(lock, 50))
    yield* log("1 get again by same task:", Either.isLeft(r2) ? r2.left._tag : "ok")
  }))
  yield* Copas.sleep(200)
  const r3 = yield* Effect.either(Lock.get(lock, 50))
  yield* log("1 get by another task:", Either.isLeft(r3) ? r3.left._tag : "ok")
  // 2. withLock under Effect.timeout, timeout while holding
  const lock2 = yield* Lock.make()
  const a = yield* Copas.addNamedThread("t2", Copas.sleep(1000).pipe(Lock.withLock(lock2), Effect.timeout(50), Effect.either, Effect.tap((r) => log("2 timed out:", r._tag))))
  yield* Copas.sleep(100)
  yield* log("2 lock2 waiting", yield* Lock.waiting(lock2))
  const r4 = yield* Effect.either(Lock.get(lock2, 10))
  yield* log("2 get after timed-out withLock:", Either.isLeft(r4) ? r4.left._tag : "ok")
  yield* Lock.release(lock2)
  // 3. withLock waiting under timeout, contended
  yield* Copas.addNamedThread("holder", Copas.sleep(100).pipe(Lock.withLock(lock2)))
  yield* Copas.sleep(1)
  const r5 = yield* Copas.sleep(1000).pipe(Lock.withLock(lock2), Effect.timeout(30), Effect.either)
  yield* log("3 contended withLock under timeout:", r5._tag, "waiting", yield* Lock.waiting(lock2))
  yield* Copas.sleep(200)
  const r6 = yield* Effect.either(Lock.get(lock2, 10))
  yield* log("3 get after:", Either.isLeft(r6) ? r6.left._tag : "ok")
  yield* Lock.release(lock2)
  // 4. Semaphore.withPermits under timeout
  const sem = yield* Semaphore.make({ max: 2, start: 1 })
  yield* Copas.addThread(Copas.sleep(100).pipe(Semaphore.withPermits(sem, 1)))
  yield* Copas.sleep(1)
  const r7 = yield* Copas.sleep(10).pipe(Semaphore.withPermits(sem, 1), Effect.timeout(30), Effect.either)
  yield* Copas.sleep(200)
  yield* log("4 sem timeout", r7._tag, "count", yield* Semaphore.getCount(sem), "wait", yield* Semaphore.getWait(sem))
  // 5. Queue.pop under timeout; pushes race
  const q = yield* Queue.make<number>()
  let lost = 0, got = 0
  for (let i = 0; i < 200; i++) {
    yield* Copas.addThread(Copas.sleep(10).pipe(Effect.zipRight(Queue.push(q, i))))
    const r = yield* Queue.pop(q).pipe(Effect.timeout(10), Effect.either)
    if (r._tag === "Right") got++
    else { const extra = yield* Queue.pop(q, 0).pipe(Effect.either); if (extra._tag === "Left") lost++; else got++ }
  }
  yield* log("5 queue pop under timeout: got", got, "lost", lost, "size", yield* Queue.getSize(q))
  yield* Queue.destroy(q)
})))

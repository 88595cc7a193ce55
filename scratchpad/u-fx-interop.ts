import { Effect, Fiber, Queue as EQ, Deferred, PubSub, Stream, Schedule, Chunk, Scope, Exit } from "effect"
import * as Copas from "../src/Copas.js"
import * as NodeCopas from "../src/NodeCopas.js"
import { CopasScheduler } from "../src/internal/scheduler.js"

const onSched = Effect.withFiberRuntime((f) => Effect.succeed(f.currentScheduler instanceof CopasScheduler))
const log = (...a: Array<unknown>) => Effect.sync(() => console.log(...a))
const t0 = Date.now()
const el = () => Date.now() - t0

const cases: Record<string, Effect.Effect<void, any, any>> = {
  // 1. Effect.forEach concurrency inside a task; children on the scheduler?
  forEach: Effect.gen(function*() {
    yield* Copas.addThread(Effect.gen(function*() {
      const r = yield* Effect.forEach([1, 2, 3], (i) => Effect.zipRight(Copas.sleep(10 * i), onSched), { concurrency: "unbounded" })
      yield* log("forEach children on sched:", r, el())
    }))
  }),
  // 2. forkDaemon from a task, task ends: does the loop wait for the daemon? is it interrupted at the end?
  forkDaemon: Effect.gen(function*() {
    yield* Copas.addThread(Effect.gen(function*() {
      yield* Effect.forkDaemon(Effect.sleep(50).pipe(Effect.zipRight(log("daemon done", el())), Effect.onInterrupt(() => log("daemon interrupted", el()))))
    }))
  }),
  forkDaemonCopasSleep: Effect.gen(function*() {
    yield* Copas.addThread(Effect.gen(function*() {
      yield* Effect.forkDaemon(Copas.sleep(50).pipe(Effect.zipRight(log("daemon(copas sleep) done", el())), Effect.onInterrupt(() => log("daemon(copas sleep) interrupted", el()))))
    }))
  }),
  // 3. fork (child of task): task ends -> child interrupted (Effect semantics)
  fork: Effect.gen(function*() {
    yield* Copas.addThread(Effect.gen(function*() {
      yield* Effect.fork(Copas.sleep(50).pipe(Effect.zipRight(log("child done")), Effect.onInterrupt(() => log("child interrupted", el()))))
      yield* Copas.sleep(10)
    }))
  }),
  // 4. Effect Queue between tasks
  effectQueue: Effect.gen(function*() {
    const q = yield* EQ.bounded<number>(2)
    yield* Copas.addThread(Effect.gen(function*() {
      for (let i = 0; i < 5; i++) yield* EQ.offer(q, i)
      yield* log("producer done", el())
    }))
    yield* Copas.addThread(Effect.gen(function*() {
      let sum = 0
      for (let i = 0; i < 5; i++) { sum += yield* EQ.take(q); yield* Copas.sleep(5) }
      yield* log("consumer sum", sum, el())
    }))
  }),
  // 5. Deferred awaited by task, completed by a timer after Copas.sleep
  deferred: Effect.gen(function*() {
    const d = yield* Deferred.make<number>()
    yield* Copas.addThread(Effect.flatMap(Deferred.await(d), (v) => log("deferred got", v, el())))
    yield* Copas.addThread(Copas.sleep(20).pipe(Effect.zipRight(Deferred.succeed(d, 1))))
  }),
  // 5b. Deferred never completed: task parked on an Effect primitive, loop hangs?
  deferredNever: Effect.gen(function*() {
    const d = yield* Deferred.make<number>()
    yield* Copas.addThread(Effect.flatMap(Deferred.await(d), (v) => log("never", v)).pipe(Effect.onInterrupt(() => log("deferredNever task interrupted at end", el()))))
  }),
  // 6. PubSub + Stream
  stream: Effect.gen(function*() {
    yield* Copas.addThread(Effect.gen(function*() {
      const r = yield* Stream.range(1, 5).pipe(Stream.mapEffect((i) => Copas.sleep(2).pipe(Effect.as(i)), { concurrency: 2 }), Stream.runCollect)
      yield* log("stream", Chunk.toArray(r), el())
      const ps = yield* PubSub.unbounded<number>()
      const got = yield* Effect.scoped(Effect.gen(function*() {
        const sub = yield* PubSub.subscribe(ps)
        yield* Effect.fork(Effect.forEach([1, 2, 3], (i) => Copas.sleep(2).pipe(Effect.zipRight(PubSub.publish(ps, i)))))
        return [yield* EQ.take(sub), yield* EQ.take(sub), yield* EQ.take(sub)]
      }))
      yield* log("pubsub", got, el())
    }))
  }),
  // 7. Schedule repetition with Copas.sleep / Effect.repeat spaced
  schedule: Effect.gen(function*() {
    yield* Copas.addThread(Effect.gen(function*() {
      let n = 0
      yield* Effect.sync(() => n++).pipe(Effect.repeat(Schedule.spaced(10).pipe(Schedule.compose(Schedule.recurs(3)))))
      yield* log("schedule n", n, el())
    }))
  }),
  // 8. Fiber.join of a task's fiber
  join: Effect.gen(function*() {
    const t = yield* Copas.addThread(Copas.sleep(10).pipe(Effect.as(42)))
    const v = yield* Fiber.join(t.fiber!)
    yield* log("joined", v)
    const t2 = yield* Copas.addThread(Effect.fail("bad"))
    const e = yield* Fiber.await(t2.fiber!)
    yield* log("await failing task", e._tag)
  }),
  // 9. forkScoped in task with Effect.scoped
  forkScoped: Effect.gen(function*() {
    yield* Copas.addThread(Effect.scoped(Effect.gen(function*() {
      yield* Effect.forkScoped(Copas.sleep(1000).pipe(Effect.onInterrupt(() => log("scoped child interrupted", el()))))
      yield* Copas.sleep(10)
    })))
  }),
  // 10. a fiber forked (Effect.fork) from the initializer that outlives the initializer
  forkFromInit: Effect.gen(function*() {
    yield* Effect.forkDaemon(Copas.sleep(30).pipe(Effect.zipRight(log("forked from init: done", el())), Effect.onInterrupt(() => log("forked from init: interrupted", el()))))
  }),
}

for (const [name, prog] of Object.entries(cases)) {
  const s = Date.now()
  const r = await Effect.runPromiseExit(NodeCopas.run(prog).pipe(Effect.timeout(2000)))
  console.log(`== ${name}: ${Exit.isSuccess(r) ? "ok" : "FAIL " + String(r.cause)} ${Date.now() - s}ms`)
  await new Promise((r) => setTimeout(r, 100))
}

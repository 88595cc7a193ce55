// probes: a failing queue worker, finish afterwards; timer errors; status
import { Cause, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Queue from "effect-copas/Queue"
import * as Timer from "effect-copas/Timer"

const main = Effect.gen(function*() {
  yield* Copas.setErrorHandler((cause, task) => Effect.sync(() => console.log(`handler: ${task.threadName}: ${Cause.squash(cause)}`)), { default: true })
  const q = yield* Queue.make<number>({ name: "q" })
  yield* Queue.addWorker(q, (n) => n === 2 ? Effect.fail(`bad item ${n}`) : Effect.sync(() => console.log("worked", n)))
  for (const n of [1, 2, 3]) yield* Queue.push(q, n)
  yield* Copas.sleep(10)
  console.log("workers left", (yield* Queue.getWorkers(q)).length, "size", yield* Queue.getSize(q))
  const r = yield* Effect.exit(Queue.finish(q, "100 millis"))
  console.log("finish ->", r._tag, r._tag === "Failure" ? Cause.squash(r.cause) : r.value)

  const t = yield* Timer.make({ delay: 20, callback: () => Effect.fail("timer boom"), name: "t1",
    errorHandler: (cause, task) => Effect.sync(() => console.log(`timer handler: ${task.threadName}: ${Cause.squash(cause)}`)) })
  yield* Copas.sleep(40)
  const c1 = yield* Effect.either(Timer.cancel(t))
  console.log("cancel after one-shot fired ->", c1._tag === "Left" ? c1.left._tag : "ok")
  const t2 = yield* Timer.make({ delay: 1000, callback: () => Effect.void })
  console.log("status", JSON.stringify(yield* Copas.status()))
  yield* Timer.cancel(t2)
  const c2 = yield* Effect.either(Timer.cancel(t2))
  console.log("cancel twice ->", c2._tag === "Left" ? c2.left._tag : "ok")
  const a = yield* Effect.either(Timer.arm(t2))
  console.log("re-arm after cancel ->", a._tag === "Left" ? a.left._tag : "ok")
  yield* Timer.cancel(t2)
})
Effect.runPromise(Copas.run(main)).then(() => console.log("end"))

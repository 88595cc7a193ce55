// probes: default error handler output, pop without timeout, Effect.timeout around ops
import { Duration, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Queue from "effect-copas/Queue"
import * as Future from "effect-copas/Future"
import * as Semaphore from "effect-copas/Semaphore"

const main = Effect.gen(function*() {
  const q = yield* Queue.make<number>()
  // 1. default error handler
  yield* Copas.addNamedThread("failing", Effect.fail("plain string failure"))
  yield* Copas.sleep(5)
  // 2. pop with infinite timeout
  const f = yield* Future.addThread(Queue.pop(q, Duration.infinity))
  yield* Copas.sleep(20)
  yield* Queue.push(q, 7)
  console.log("pop infinity ->", yield* f)
  // 3. pop with negative
  const r = yield* Effect.exit(Queue.pop(q, -1))
  console.log("pop -1 ->", r._tag, r._tag === "Failure" ? String(r.cause).slice(0, 200) : "")
  // 4. Effect.timeout around Queue.pop
  const r2 = yield* Queue.pop(q, "1 second").pipe(Effect.timeout("50 millis"), Effect.exit)
  console.log("pop under Effect.timeout ->", r2._tag, r2._tag === "Failure" ? String(r2.cause).slice(0, 100) : "")
  yield* Queue.push(q, 8)
  console.log("size after push (the timed-out popper should not have eaten it):", yield* Queue.getSize(q))
  // 5. semaphore take more than max
  const sem = yield* Semaphore.make({ max: 2 })
  const r3 = yield* Effect.exit(Semaphore.take(sem, 3))
  console.log("take 3 of max 2 ->", r3._tag, r3._tag === "Failure" ? String(r3.cause).slice(0, 100) : "")
  yield* Queue.destroy(q)
})
Effect.runPromise(Copas.run(main)).then(() => console.log("end"))

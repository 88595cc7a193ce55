// minimal repro: a destructive call that loses an Effect.race after completing loses what it took
import { Effect, Fiber } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Queue from "effect-copas/Queue"
import * as Semaphore from "effect-copas/Semaphore"

Effect.runPromise(Copas.run(Effect.gen(function*() {
  const q = yield* Queue.make<number>()
  const r = yield* Effect.fork(Effect.race(Queue.pop(q, 500), Queue.pop(q, 500)))
  yield* Copas.sleep(10)
  yield* Queue.push(q, 1)
  yield* Queue.push(q, 2)
  console.log("queue: race ->", yield* Fiber.join(r), "items left:", yield* Queue.getSize(q), "(2 was pushed and is gone)")
  yield* Queue.destroy(q)

  const sem = yield* Semaphore.make({ max: 2, start: 0 })
  const s = yield* Effect.fork(Effect.race(Semaphore.take(sem, 1, 500), Semaphore.take(sem, 1, 500)))
  yield* Copas.sleep(10)
  yield* Semaphore.give(sem, 2)
  yield* Fiber.join(s)
  yield* Semaphore.give(sem, 1) // the winner's permit back
  console.log("semaphore: count after giving back the winner's permit:", yield* Semaphore.getCount(sem), "(max 2: one permit leaked)")
})))

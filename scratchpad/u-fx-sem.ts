import { Effect, Option, Fiber } from "effect"
import * as Copas from "../src/Copas.js"
import * as Semaphore from "../src/Semaphore.js"
const log = (...a: Array<unknown>) => Effect.sync(() => console.log(...a))
// generic Effect code expecting an Effect.Semaphore
const limited = (sem: Effect.Semaphore, n: number) => Effect.gen(function*() {
  let cur = 0, max = 0
  const results = yield* Effect.forEach(Array.from({ length: n }, (_, i) => i), (i) =>
    sem.withPermits(1)(Effect.gen(function*() {
      cur++; max = Math.max(max, cur)
      yield* Effect.sleep(5)
      cur--
      return i
    })).pipe(i % 3 === 0 ? Effect.timeout(7) : (x) => x, Effect.either), { concurrency: "unbounded" })
  return { max, ok: results.filter((r) => r._tag === "Right").length }
})
await Effect.runPromise(Copas.run(Effect.gen(function*() {
  const sem = yield* Semaphore.make({ max: 3, start: 3 })
  const eff = yield* Effect.makeSemaphore(3)
  yield* log("copas sem:", yield* limited(sem, 20), "count after", yield* Semaphore.getCount(sem), "wait", yield* Semaphore.getWait(sem))
  yield* log("effect sem:", yield* limited(eff, 20), "avail", yield* eff.release(0))
  // take / release return values compared to Effect's
  const e2 = yield* Effect.makeSemaphore(3)
  const s2 = yield* Semaphore.make({ max: 3, start: 3 })
  yield* log("take(2):", yield* e2.take(2), yield* s2.take(2))
  yield* log("release(1):", yield* e2.release(1), yield* s2.release(1))
  yield* log("releaseAll:", yield* e2.releaseAll, yield* s2.releaseAll)
  yield* log("withPermitsIfAvailable(4):", yield* e2.withPermitsIfAvailable(4)(Effect.succeed(1)), yield* s2.withPermitsIfAvailable(4)(Effect.succeed(1)))
  yield* e2.resize(5); yield* s2.resize(5)
  yield* log("after resize 5:", yield* e2.release(0), yield* s2.release(0))
  // a take(4) from a plain forked fiber interrupted while waiting
  yield* s2.take(5)
  const f = yield* Effect.fork(s2.take(2))
  yield* Copas.sleep(5)
  yield* Fiber.interrupt(f)
  yield* log("interrupted take: wait", yield* Semaphore.getWait(s2), "count", yield* Semaphore.getCount(s2))
  yield* s2.release(5)
  yield* log("after release: count", yield* Semaphore.getCount(s2))
  // release over max of Effect sem vs copas
  yield* log("release(10) over max:", yield* e2.release(10), yield* s2.release(10))
})))

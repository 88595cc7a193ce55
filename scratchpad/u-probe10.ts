// probe: Lock.withLock from concurrent child fibers of one task (Effect.forEach concurrency)
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Lock from "effect-copas/Lock"

Effect.runPromise(Copas.run(Effect.gen(function*() {
  const lock = yield* Lock.make()
  let inside = 0, peak = 0
  const r = yield* Effect.forEach([1, 2, 3, 4], (i) =>
    Effect.gen(function*() {
      inside++; peak = Math.max(peak, inside)
      yield* Copas.sleep(10)
      inside--
      return i
    }).pipe(Lock.withLock(lock), Effect.either), { concurrency: "unbounded" })
  console.log("forEach + withLock: peak inside =", peak, r.map((e) => e._tag === "Left" ? e.left._tag : "ok"))
  const lock2 = yield* Lock.make({ reentrant: false })
  inside = 0; peak = 0
  const r2 = yield* Effect.forEach([1, 2, 3], () =>
    Effect.gen(function*() {
      inside++; peak = Math.max(peak, inside)
      yield* Copas.sleep(10)
      inside--
    }).pipe(Lock.withLock(lock2, "1 second"), Effect.either), { concurrency: "unbounded" })
  console.log("non-reentrant: peak inside =", peak, r2.map((e) => e._tag === "Left" ? e.left._tag : "ok"))
})))

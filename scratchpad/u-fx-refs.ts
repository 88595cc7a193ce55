import { Effect, FiberRef, Fiber } from "effect"
import * as Copas from "../src/Copas.js"
const ref = FiberRef.unsafeMake(0)
await Effect.runPromise(Copas.run(Effect.gen(function*() {
  const t1 = yield* Copas.addThread(Effect.gen(function*() { yield* FiberRef.set(ref, 1); yield* Copas.sleep(5); return yield* FiberRef.get(ref) }))
  const t2 = yield* Copas.addThread(Effect.gen(function*() { yield* Copas.sleep(1); yield* FiberRef.update(ref, (n) => n + 10); return yield* FiberRef.get(ref) }))
  console.log("t1", yield* Fiber.join(t1.fiber!), "t2", yield* Fiber.join(t2.fiber!), "parent after joins", yield* FiberRef.get(ref))
  // compare with Effect.fork
  const f1 = yield* Effect.fork(Effect.gen(function*() { yield* FiberRef.set(ref, 100) }))
  yield* Fiber.join(f1)
  console.log("after joining a forked fiber", yield* FiberRef.get(ref))
})))

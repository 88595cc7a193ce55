import { Effect, Queue as EQ, Deferred } from "effect"
import * as Copas from "../src/Copas.js"
import { CopasScheduler } from "../src/internal/scheduler.js"
const pingpong = (spawn: (e: Effect.Effect<void>) => Effect.Effect<unknown, never, any>, kind: string) => Effect.gen(function*() {
  const a = kind === "unbounded" ? yield* EQ.unbounded<number>() : yield* EQ.bounded<number>(1)
  const b = kind === "unbounded" ? yield* EQ.unbounded<number>() : yield* EQ.bounded<number>(1)
  let rounds = 0
  let stop = false
  const done = yield* Deferred.make<void>()
  let immediates = 0
  const imm = () => { immediates++; if (!stop) setImmediate(imm) }
  setImmediate(imm)
  const t0 = performance.now()
  yield* spawn(Effect.gen(function*() { while (performance.now() - t0 < 200) { yield* EQ.offer(a, 1); yield* EQ.take(b); rounds++ } stop = true; yield* EQ.offer(a, 0); yield* Deferred.succeed(done, undefined) }))
  yield* spawn(Effect.gen(function*() { while (true) { const v = yield* EQ.take(a); if (v === 0) return; yield* EQ.offer(b, 1) } }))
  yield* Deferred.await(done)
  console.log(kind, "rounds/ms", (rounds / 200).toFixed(1), "event-loop turns", immediates)
})
let tasks = 0
const orig = CopasScheduler.prototype.scheduleTask
CopasScheduler.prototype.scheduleTask = function(this: any, t: () => void, p: number, f?: unknown) { tasks++; return orig.call(this, t, p, f) }
for (const k of ["bounded", "unbounded"]) {
  tasks = 0
  await Effect.runPromise(Copas.run(pingpong((e) => Copas.addThread(e), k)))
  console.log("scheduled tasks", tasks)
}

import { Effect, Queue as EQ, Deferred } from "effect"
import * as Copas from "../src/Copas.js"
await Effect.runPromise(Copas.run(Effect.gen(function*() {
  const a = yield* EQ.bounded<number>(1), b = yield* EQ.bounded<number>(1)
  let rounds = 0
  const t0 = performance.now()
  yield* Copas.status(true)
  let turns = 0, maxGap = 0, last = performance.now(), stop = false
  const imm = () => { const n = performance.now(); maxGap = Math.max(maxGap, n - last); last = n; turns++; if (!stop) setImmediate(imm) }
  setImmediate(imm)
  yield* Copas.addThread(Effect.gen(function*() { while (performance.now() - t0 < 300) { yield* EQ.offer(a, 1); yield* EQ.take(b); rounds++ } yield* EQ.offer(a, 0) }))
  yield* Copas.addThread(Effect.gen(function*() { while (true) { const v = yield* EQ.take(a); if (v === 0) return; yield* EQ.offer(b, 1) } }))
  yield* Copas.sleep(310)
  stop = true
  const s = yield* Copas.status(true)
  console.log({ rounds, turns, maxGap: maxGap.toFixed(1), steps: s.steps, durMax: s.durationMax?.toFixed(2), durAvg: s.durationAvg?.toFixed(2) })
})))

import * as Effect from "effect/Effect"
import * as Copas from "../../src/Copas.js"
import * as Timer from "../../src/Timer.js"
const N = 10000
const prog = Effect.gen(function*() {
  for (let r = 0; r < Number(process.env.R ?? 3); r++) {
  const t0 = performance.now()
  const all: Array<Timer.Timer<any>> = []
  for (let i = 0; i < N; i++) {
    all.push(yield* Timer.make({ delay: 100000, recurring: true, params: { last: 0 }, callback: () => Effect.void }))
  }
  const t1 = performance.now()
  for (const t of all) yield* Effect.ignore(Timer.cancel(t))
  console.log("create", (t1 - t0).toFixed(1), "cancel", (performance.now() - t1).toFixed(1))
  }
})
Effect.runPromise(Copas.run(prog))

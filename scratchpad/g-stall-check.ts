// ad-hoc check (helper G): a timer callback pre-empted by the op-count limit and then suspending
// must not hold back the other due timers; one that is only pre-empted keeps the batch order.
import * as Effect from "effect/Effect"
import * as Copas from "../src/Copas.js"
import * as Timer from "../src/Timer.js"
const busy = (n: number) => Effect.suspend(() => { let i = 0; return Effect.whileLoop({ while: () => i < n, body: () => Effect.void, step: () => { i++ } }) })
const main = async () => {
  const log: Array<string> = []
  const t0 = performance.now()
  const at = () => (performance.now() - t0).toFixed(0)
  await Effect.runPromise(Copas.run(Effect.gen(function*() {
    yield* Timer.make({ delay: 20, callback: () => Effect.zipRight(busy(5000), Effect.zipRight(Effect.sync(() => log.push(`A busy done ${at()}`)), Effect.zipRight(Copas.sleep(100), Effect.sync(() => log.push(`A woke ${at()}`))))) })
    yield* Timer.make({ delay: 20, callback: () => Effect.sync(() => log.push(`B ${at()}`)) })
    yield* Timer.make({ delay: 60, callback: () => Effect.zipRight(busy(5000), Effect.sync(() => log.push(`C ${at()}`))) })
    yield* Timer.make({ delay: 60, callback: () => Effect.sync(() => log.push(`D ${at()}`)) })
  })))
  console.log(log.join("\n"))
}
void main()

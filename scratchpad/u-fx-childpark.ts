import { Effect } from "effect"
import * as Copas from "../src/Copas.js"
const t0 = Date.now()
for (const [name, task] of [
  ["task pauseForever", Copas.pauseForever],
  ["2 children pauseForever (forEach concurrency)", Effect.forEach([1, 2], () => Copas.pauseForever, { concurrency: 2 })],
  ["child pauseForever (fork+join)", Effect.flatMap(Effect.fork(Copas.pauseForever), (f) => f.await)],
  ["pauseForever under Effect.timeout 1h", Copas.pauseForever.pipe(Effect.timeout("1 hour"))],
] as const) {
  const r = await Effect.runPromise(Copas.run(Copas.addThread(task as Effect.Effect<unknown>)).pipe(Effect.timeout(1000), Effect.either))
  console.log(name, "->", r._tag === "Right" ? "loop ended" : "HANG (timeout)")
}

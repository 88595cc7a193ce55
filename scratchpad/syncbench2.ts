import { Effect } from "effect"
import * as Copas from "../src/Copas.js"
import * as Lock from "../src/Lock.js"
import { performance } from "node:perf_hooks"
const mode = process.argv[2]
const bench = (tasks: number, cycles: number) => Copas.run(Effect.gen(function*() {
  const lock = yield* Lock.make({ timeout: Infinity })
  const t0 = performance.now()
  const per = cycles / tasks
  let done = 0
  for (let t = 0; t < tasks; t++) {
    let i = 0
    const body = mode === "pause" ? Copas.pause() : mode === "nopause" ? Effect.zipRight(Lock.get(lock), Lock.release(lock)) : Effect.zipRight(Effect.zipRight(Lock.get(lock), Copas.pause()), Lock.release(lock))
    yield* Copas.addThread(Effect.whileLoop({
      while: () => i < per,
      body: () => body,
      step: () => { i++ }
    }).pipe(Effect.ensuring(Effect.sync(() => {
      if (++done === tasks) console.log(mode, tasks, "cycle ns", ((performance.now() - t0) * 1e6 / cycles).toFixed(0))
    }))))
  }
}))
for (let k = 0; k < 2; k++) {
  await Effect.runPromise(bench(1, 300_000))
  await Effect.runPromise(bench(100, 300_000))
}

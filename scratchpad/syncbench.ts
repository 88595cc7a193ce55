import { Effect } from "effect"
import * as Copas from "../src/Copas.js"
import * as Lock from "../src/Lock.js"
import * as Semaphore from "../src/Semaphore.js"
import * as Queue from "../src/Queue.js"
import { performance } from "node:perf_hooks"

const which = process.argv[2] ?? "all"

const lockBench = (tasks: number, cycles: number) => Copas.run(Effect.gen(function*() {
  const lock = yield* Lock.make({ timeout: Infinity })
  const t0 = performance.now()
  const per = cycles / tasks
  let done = 0
  for (let t = 0; t < tasks; t++) {
    let i = 0
    yield* Copas.addThread(Effect.whileLoop({
      while: () => i < per,
      body: () => Effect.zipRight(Effect.zipRight(Lock.get(lock), Copas.pause()), Lock.release(lock)),
      step: () => { i++ }
    }).pipe(Effect.ensuring(Effect.sync(() => {
      if (++done === tasks) console.log("lock cycle ns", ((performance.now() - t0) * 1e6 / cycles).toFixed(0))
    }))))
  }
}))

const semBench = (n: number) => Copas.run(Effect.gen(function*() {
  const a = yield* Semaphore.make({ max: 1, timeout: Infinity })
  const b = yield* Semaphore.make({ max: 1, timeout: Infinity })
  const t0 = performance.now()
  let i = 0, j = 0
  yield* Copas.addThread(Effect.whileLoop({ while: () => i < n, body: () => Effect.zipRight(Semaphore.give(a), Semaphore.take(b)), step: () => { i++ } }))
  yield* Copas.addThread(Effect.whileLoop({ while: () => j < n, body: () => Effect.zipRight(Semaphore.take(a), Semaphore.give(b)), step: () => { j++ } }).pipe(
    Effect.ensuring(Effect.sync(() => console.log("sem handoff ns", ((performance.now() - t0) * 1e6 / (2 * n)).toFixed(0))))))
}))

const queueBench = (n: number) => Copas.run(Effect.gen(function*() {
  const q = yield* Queue.make<number>()
  let got = 0
  const t0 = performance.now()
  yield* Queue.addWorker(q, (_x) => Effect.sync(() => {
    if (++got === n) console.log("queue item ns", ((performance.now() - t0) * 1e6 / n).toFixed(0))
  }))
  yield* Copas.addThread(Effect.suspend(() => { let i = 0; return Effect.whileLoop({ while: () => i < n, body: () => Queue.push(q, i), step: () => { i++ } }) }))
}))

for (let k = 0; k < 5; k++) {
  if (which === "all" || which === "lock") await Effect.runPromise(lockBench(100, 200_000))
  if (which === "all" || which === "sem") await Effect.runPromise(semBench(200_000))
  if (which === "all" || which === "queue") await Effect.runPromise(queueBench(500_000))
}

import { Console, Effect } from "effect"
import * as Copas from "../src/Copas.js"
import { performance } from "node:perf_hooks"

const prog = Copas.run(Effect.gen(function*() {
  yield* Copas.addThread(Effect.gen(function*() {
    const d = yield* Copas.sleep("100 millis")
    yield* Console.log("world after", d)
  }))
  const t = yield* Copas.addNamedThread("parked", Effect.gen(function*() {
    const d = yield* Copas.pauseForever
    yield* Console.log("woken after", d)
  }))
  yield* Copas.addThread(Effect.gen(function*() {
    yield* Copas.sleep(50)
    yield* Copas.wakeup(t)
  }))
  yield* Copas.addThread(Effect.fail("boom"))
  yield* Console.log("hello")
}))
const t0 = performance.now()
await Effect.runPromise(prog)
console.log("done in", performance.now() - t0)

// W1
const n = 100_000
const w1 = Copas.run(Effect.gen(function*() {
  let count = 0
  const task = Effect.zipRight(Copas.pause(), Effect.sync(() => { count++ }))
  const t0 = performance.now()
  for (let i = 0; i < n; i++) yield* Copas.addThread(task)
  const spawned = performance.now() - t0
  yield* Copas.addThread(Effect.suspend(function loop(): Effect.Effect<void, never, Copas.Copas> {
    return count === n ? Effect.sync(() => console.log("W1", performance.now() - t0, "spawn", spawned)) : Effect.zipRight(Copas.pause(), Effect.suspend(loop))
  }))
}))
await Effect.runPromise(w1)

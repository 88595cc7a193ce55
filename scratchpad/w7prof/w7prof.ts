// Probe (seventh+ session): W7 wake phase profiled alone (inspector), see README Benchmarks.
/** Profiles only W7's wake phase (cold), aggregated over runs: where a cold wake spends its time. */
import * as Effect from "effect/Effect"
import { Session } from "node:inspector/promises"
import { writeFileSync } from "node:fs"
import { performance } from "node:perf_hooks"
import * as Copas from "../../src/Copas.js"

const session = new Session()
session.connect()
const n = 10_000
const main = Effect.gen(function*() {
  let parked = 0
  let woke = 0
  const task = Effect.zipRight(Effect.sync(() => { parked++ }), Effect.zipRight(Copas.pauseForever, Effect.sync(() => { woke++ })))
  const tasks: Array<Copas.Task> = []
  for (let i = 0; i < n; i++) tasks.push(yield* Copas.addThread(task))
  while (parked < n) yield* Copas.pause()
  yield* Effect.promise(() => session.post("Profiler.enable").then(() => session.post("Profiler.setSamplingInterval", { interval: 20 }).then(() => session.post("Profiler.start"))))
  const t0 = performance.now()
  for (let i = 0; i < n; i++) yield* Copas.wakeup(tasks[i]!)
  const t1 = performance.now()
  while (woke < n) yield* Copas.pause()
  const t2 = performance.now()
  const { profile } = yield* Effect.promise(() => session.post("Profiler.stop"))
  writeFileSync(process.argv[2] ?? "/tmp/w7.cpuprofile", JSON.stringify(profile))
  console.log(JSON.stringify({ wakeLoop: t1 - t0, total: t2 - t0 }))
})
void Effect.runPromise(Copas.run(main))

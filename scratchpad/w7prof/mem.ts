/** Heap bytes per parked task (run with --expose-gc), and a heap snapshot's biggest object types. */
import * as Effect from "effect/Effect"
import { writeHeapSnapshot } from "node:v8"
import * as Copas from "../../src/Copas.js"

const n = 10_000
const gc = (globalThis as any).gc as () => void
const main = Effect.gen(function*() {
  let parked = 0
  const task = Effect.zipRight(Effect.sync(() => { parked++ }), Copas.pauseForever)
  const tasks: Array<Copas.Task> = []
  gc()
  const before = process.memoryUsage().heapUsed
  for (let i = 0; i < n; i++) tasks.push(yield* Copas.addThread(task))
  while (parked < n) yield* Copas.pause()
  gc()
  const after = process.memoryUsage().heapUsed
  console.log(JSON.stringify({ bytesPerTask: Math.round((after - before) / n) }))
  if (process.argv[2]) writeHeapSnapshot(process.argv[2])
  for (const t of tasks) yield* Copas.wakeup(t)
})
void Effect.runPromise(Copas.run(main))

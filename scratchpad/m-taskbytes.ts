// Heap bytes per parked task (sleep / pauseForever): node --expose-gc bundle.mjs [n]
import * as Effect from "effect/Effect"
import * as Copas from "../src/Copas.js"

const n = Number(process.argv[2] ?? 10000)
const gc = (globalThis as any).gc as () => void
const used = () => { gc(); gc(); return process.memoryUsage().heapUsed }
Effect.runPromise(Copas.run(Effect.gen(function*() {
  for (const [name, body] of [["sleep 10 s", Copas.sleep("10 seconds")], ["pauseForever", Copas.pauseForever]] as const) {
    const before = used()
    const ts: Array<Copas.Task> = []
    for (let i = 0; i < n; i++) ts.push(yield* Copas.addThread(body))
    yield* Copas.pause()
    yield* Copas.pause()
    const after = used()
    console.log(`${name}: ${((after - before) / n).toFixed(0)} bytes per task`)
    for (const t of ts) yield* Copas.removeThread(t)
    yield* Copas.pause()
  }
})))

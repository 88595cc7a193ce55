// micro: one task pausing N times (scheduler turn + pause cost) vs raw setImmediate loop
import * as Effect from "effect/Effect"
import * as Copas from "../src/Copas.js"
const N = Number(process.argv[3] ?? 200_000)
const which = process.argv[2] ?? "pause"
const main = async () => {
  if (which === "raw") {
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    for (let i = 0; i < N; i++) await new Promise<void>((r) => setImmediate(r))
    const c = process.cpuUsage(c0)
    console.log("raw setImmediate+promise", ((performance.now() - t0) * 1e6 / N).toFixed(0), "ns/turn, cpu", ((c.user + c.system) * 1e3 / N).toFixed(0))
    const t1 = performance.now()
    await new Promise<void>((res) => { let i = 0; const f = () => { if (++i === N) res(); else setImmediate(f) }; setImmediate(f) })
    console.log("raw setImmediate cb", ((performance.now() - t1) * 1e6 / N).toFixed(0), "ns/turn")
    return
  }
  let ns = 0
  let cpu = 0
  await Effect.runPromise(Copas.run(Effect.suspend(() => {
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    let i = 0
    return Effect.whileLoop({ while: () => i < N, body: () => Copas.pause(), step: () => { i++ } }).pipe(
      Effect.tap(() => { ns = (performance.now() - t0) * 1e6 / N; const c = process.cpuUsage(c0); cpu = (c.user + c.system) * 1e3 / N }))
  })))
  console.log("copas pause loop", ns.toFixed(0), "ns/turn, cpu", cpu.toFixed(0))
}
void main()

// usage: node --import tsx scratchpad/tmpJ/loop.ts <srcdir> W1|W7 rounds — min/median ms and cpu over rounds in one process
import * as Effect from "effect/Effect"
const [dir, W, R = "7"] = process.argv.slice(2)
const Copas = await import(`${dir}/Copas.ts`)
const repeatN = (n: number, body: (i: number) => Effect.Effect<any, any, any>) =>
  Effect.suspend(() => { let i = 0; return Effect.whileLoop({ while: () => i < n, body: () => body(i), step: () => { i++ } }) })
const until = (done: () => boolean): Effect.Effect<void, never, any> =>
  Effect.suspend(function loop(): Effect.Effect<void, never, any> { return done() ? Effect.void : Effect.zipRight(Copas.pause(), Effect.suspend(loop)) })
const w1 = (n: number) => Effect.suspend(() => {
  let count = 0
  const task = Effect.zipRight(Copas.pause(), Effect.sync(() => { count++ }))
  return Effect.zipRight(repeatN(n, () => Copas.addThread(task)), until(() => count === n))
})
const w7 = (n: number) => Effect.gen(function*() {
  let parked = 0, woke = 0
  const task = Effect.zipRight(Effect.sync(() => { parked++ }), Effect.zipRight(Copas.pauseForever, Effect.sync(() => { woke++ })))
  const tasks: Array<any> = []
  yield* repeatN(n, () => Effect.map(Copas.addThread(task), (t) => { tasks.push(t) }))
  yield* until(() => parked === n)
  const t0 = performance.now(), c0 = process.cpuUsage()
  yield* repeatN(n, (i) => Copas.wakeup(tasks[i]))
  yield* until(() => woke === n)
  return [performance.now() - t0, process.cpuUsage(c0)]
})
const ms: number[] = [], cpu: number[] = []
for (let r = 0; r < Number(R); r++) {
  if (W === "W1") {
    const t0 = performance.now(), c0 = process.cpuUsage()
    await Effect.runPromise(Copas.run(w1(100_000)))
    const c = process.cpuUsage(c0)
    ms.push(performance.now() - t0); cpu.push((c.user + c.system) / 1000)
  } else {
    let res: any
    await Effect.runPromise(Copas.run(Effect.map(w7(10_000), (x) => { res = x })))
    ms.push(res[0]); cpu.push((res[1].user + res[1].system) / 1000)
  }
}
const s = (a: number[]) => { const b = [...a].sort((x, y) => x - y); return `min=${b[0]!.toFixed(1)} med=${b[b.length >> 1]!.toFixed(1)}` }
console.log(dir, W, "ms", s(ms), "cpu", s(cpu))

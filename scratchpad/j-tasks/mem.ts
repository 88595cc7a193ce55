import * as Effect from "effect/Effect"
const [dir] = process.argv.slice(2)
const Copas = await import(`${dir}/Copas.ts`)
const n = 100_000
const prog = Effect.suspend(() => {
  const task = Effect.zipRight(Copas.pause(), Effect.void)
  ;(globalThis as any).gc(); const h0 = process.memoryUsage().heapUsed
  let i = 0
  return Effect.zipRight(Effect.whileLoop({ while: () => i < n, body: () => Copas.addThread(task), step: () => { i++ } }),
    Effect.sync(() => { (globalThis as any).gc(); console.log(dir, "bytes/task after spawn", ((process.memoryUsage().heapUsed - h0) / n).toFixed(0)) }))
})
await Effect.runPromise(Copas.run(prog))

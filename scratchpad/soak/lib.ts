// Soak harness: N rounds of an operation per block, forced GC, heapUsed and the library's counters
// after each block. Growth linear in the number of rounds is a leak.
// Run: node --expose-gc --import tsx scratchpad/soak/<file>.ts [scenario...]
import { Effect, Layer, Metric } from "effect"
import * as Copas from "effect-copas/Copas"
import * as MemorySockets from "effect-copas/MemorySockets"
import * as NodeSockets from "effect-copas/NodeSockets"
import type { Dispatcher } from "../../src/internal/dispatcher.js"
import * as v8 from "node:v8"

const gc = (globalThis as any).gc as () => void
if (typeof gc !== "function") throw new Error("run with --expose-gc")

export const fullGc = () => {
  for (let i = 0; i < 6; i++) gc()
}

export const counters = (d: Dispatcher) => {
  const x = d as any
  return {
    tasks: d.taskCount,
    plain: d.plainTasks.size,
    parkedT: d.parkedTasks,
    parkedAll: d.parkedAll,
    sleeping: d.sleepingTasks,
    cbs: d.callbacks,
    cbFibers: d.callbackFibers.size,
    servers: d.servers,
    rd: d.reading,
    wr: d.writing,
    cancelH: d.cancelHooks.size,
    closeH: d.closeHooks.size,
    heapE: d.scheduler.heap.size,
    exitW: x.exitWaiters?.size,
    finW: x.finishedWaiters?.size,
    pending: d.scheduler.pending,
    metricKeys: Metric.unsafeSnapshot().length,
    handles: process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap").length
  }
}

export interface Scenario {
  readonly name: string
  readonly rounds: number
  readonly blocks?: number
  /** one round (i = global round index) */
  readonly op: (i: number) => Effect.Effect<unknown, unknown, any>
  /** run once before the first block */
  readonly setup?: Effect.Effect<unknown, unknown, any>
  readonly extra?: () => Record<string, unknown>
  readonly snapshot?: boolean
}

const fmt = (n: number) => (n / 1024).toFixed(0).padStart(7) + " KB"

export const soak = (s: Scenario) =>
  Effect.gen(function*() {
    const d = (yield* Copas.Copas) as unknown as Dispatcher
    if (s.setup) yield* s.setup
    const blocks = Number(process.env.B ?? s.blocks ?? 4)
    const rows: Array<number> = []
    let i = 0
    let first: string | undefined
    const measure = (label: string) =>
      Effect.gen(function*() {
        // let finished tasks end and I/O settle
        for (let k = 0; k < 3; k++) yield* Copas.pause(1)
        yield* Effect.promise(() => new Promise((r) => setTimeout(r, 20)))
        fullGc()
        const h = process.memoryUsage().heapUsed
        rows.push(h)
        const st = yield* Copas.status()
        const c = JSON.stringify({ ...counters(d), st, ...(s.extra?.() ?? {}) })
        if (first === undefined) first = c
        console.log(`${s.name.padEnd(28)} ${label.padStart(8)} heap ${fmt(h)}`, label === "start" || c !== first ? c : "counters as at start")
      })
    yield* measure("start")
    for (let b = 0; b < blocks; b++) {
      if ((s.snapshot || process.env.SNAP) && b === 1) v8.writeHeapSnapshot(`/tmp/h7-soak-${s.name}-a.heapsnapshot`)
      for (let r = 0; r < s.rounds; r++) yield* s.op(i++)
      yield* measure(String(i))
    }
    if (s.snapshot || process.env.SNAP) v8.writeHeapSnapshot(`/tmp/h7-soak-${s.name}-b.heapsnapshot`)
    // slope over the blocks after the first (the first warms caches)
    const per = rows.length > 2 ? (rows[rows.length - 1]! - rows[1]!) / ((rows.length - 2) * s.rounds) : NaN
    console.log(`${s.name.padEnd(28)} => ${per.toFixed(1)} B/round (blocks 2..${blocks})`)
  })

export const memLayer = Layer.merge(Copas.layer, MemorySockets.layer)
export const nodeLayer = Layer.merge(Copas.layer, NodeSockets.layer)

export const runAll = (scenarios: Array<Scenario>, layer: Layer.Layer<any> = memLayer) => {
  const want = process.argv.slice(2)
  const chosen = want.length ? scenarios.filter((s) => want.some((w) => s.name.startsWith(w))) : scenarios
  return Effect.runPromise(Effect.gen(function*() {
    for (const s of chosen) {
      yield* Copas.loop(Effect.gen(function*() {
        yield* Copas.setErrorHandler(() => Effect.void, { default: true })
        yield* soak(s)
        yield* Copas.cancelAll // servers and sockets the scenario left: the loop ends
      })).pipe(Effect.provide(layer))
    }
  }) as Effect.Effect<void>)
}

/**
 * Workloads W1–W7 of ../shared/bench/sched (same sizes and logic, see its README), written with
 * effect-copas's API. Prints one JSON line per run in the reference harness's format.
 *
 *   node --import tsx bench/sched/copas.ts W1 [n] [--warm=K]
 *
 * W3Y is W3 with `Effect.yieldNow()` in place of `Copas.pause()` (informational, see `w3`).
 *
 * `--warm=K` runs the workload K more times in the same process first and reports the last run
 * (as the reference harnesses do), to tell JIT warm-up from steady state.
 */
import * as Effect from "effect/Effect"
import { readFileSync } from "node:fs"
import { performance } from "node:perf_hooks"
import * as Copas from "../../src/Copas.js"
import * as Future from "../../src/Future.js"
import * as Lock from "../../src/Lock.js"
import * as Queue from "../../src/Queue.js"
import * as Semaphore from "../../src/Semaphore.js"
import * as Timer from "../../src/Timer.js"

const SIZES = {
  W1: 100_000,
  W2: 10_000,
  W3_TASKS: 100,
  W3: 200_000,
  W4: 1_000_000,
  W5: 1_000_000,
  W6: 10_000,
  W6_PERIOD_MS: 10,
  W6_WINDOW_MS: 1000,
  W7: 10_000
} as const

const now = () => performance.now()

/** Park–Miller LCG, seed 42: the same W2 delays as every other harness. */
const w2Delays = (n: number): Array<number> => {
  let x = 42
  const out: Array<number> = []
  for (let i = 0; i < n; i++) {
    x = (x * 16807) % 2147483647
    out.push(x % 1001)
  }
  return out
}

const mem = () => {
  const s = readFileSync("/proc/self/status", "utf8")
  const get = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(s)?.[1] ?? NaN) / 1024
  return { hwm: get("VmHWM"), rss: get("VmRSS") }
}

const percentile = (sorted: Array<number>, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d

/** Repeats `body(i)` for i in [0, n) without a generator step per iteration. */
const repeatN = <E, R>(n: number, body: (i: number) => Effect.Effect<unknown, E, R>): Effect.Effect<void, E, R> =>
  Effect.suspend(() => {
    let i = 0
    return Effect.whileLoop({ while: () => i < n, body: () => body(i), step: () => { i++ } })
  })

type Result = Record<string, number>

/**
 * A one-shot signal: `wait` parks the calling task until `fire` (what the reference harnesses do
 * with `Promise.all` / `Fiber.joinAll`: the waiting main task costs nothing per round).
 */
const signal = () => {
  let waiter: Copas.Task | undefined
  let fired = false
  return {
    wait: Effect.flatMap(Copas.currentTask, (t) => {
      waiter = t
      return fired ? Effect.void : Effect.asVoid(Copas.pauseForever)
    }),
    fire: Effect.suspend(() => {
      fired = true
      return waiter === undefined ? Effect.void : Effect.ignore(Copas.wakeup(waiter))
    })
  }
}

/** Waits (inside a task) until `done()` holds, yielding to the dispatcher. */
const until = (done: () => boolean): Effect.Effect<void, never, Copas.Copas> =>
  Effect.suspend(function loop(): Effect.Effect<void, never, Copas.Copas> {
    return done() ? Effect.void : Effect.zipRight(Copas.pause(), Effect.suspend(loop))
  })

const w1 = (n: number): Effect.Effect<Result, never, Copas.Copas> =>
  Effect.suspend(() => {
    let count = 0
    const task = Effect.zipRight(Copas.pause(), Effect.sync(() => { count++ }))
    const t0 = now()
    return repeatN(n, () => Copas.addThread(task)).pipe(
      Effect.zipRight(until(() => count === n)),
      Effect.map(() => ({ ms: now() - t0, n }))
    )
  })

const w2 = (n: number): Effect.Effect<Result, never, Copas.Copas> =>
  Effect.suspend(() => {
    const delays = w2Delays(n)
    const lates: Array<number> = []
    const task = (d: number) =>
      Effect.suspend(() => {
        const s = now()
        return Effect.zipRight(Copas.sleep(d), Effect.sync(() => { lates.push(now() - (s + d)) }))
      })
    const t0 = now()
    let spawn = 0
    return repeatN(n, (i) => Copas.addThread(task(delays[i]!))).pipe(
      Effect.tap(() => { spawn = now() - t0 }),
      Effect.zipRight(Effect.suspend(function wait(): Effect.Effect<void, never, Copas.Copas> {
        return lates.length === n ? Effect.void : Effect.zipRight(Copas.sleep(5), Effect.suspend(wait))
      })),
      Effect.map(() => {
        const sorted = lates.slice().sort((a, b) => a - b)
        return {
          ms: now() - t0,
          n,
          spawn_ms: spawn,
          late_p50_ms: percentile(sorted, 50),
          late_p99_ms: percentile(sorted, 99),
          late_max_ms: sorted[sorted.length - 1]!
        }
      })
    )
  })

/**
 * W3; `yieldWith` is the yield inside the lock: `Copas.pause()` (an event-loop turn, as Copas's
 * `pause` is a `select`) or, for the informational row W3Y, `Effect.yieldNow()` as in the raw
 * Effect harness (on the dispatcher: the back of the run queue, I/O once per time slice).
 */
const w3 = (
  total: number,
  yieldWith: Effect.Effect<unknown, never, Copas.Copas> = Copas.pause()
): Effect.Effect<Result, unknown, Copas.Copas> =>
  Effect.gen(function*() {
    const tasks = SIZES.W3_TASKS
    const per = total / tasks
    const lock = yield* Lock.make()
    const cycle = Effect.zipRight(Lock.get(lock), Effect.zipRight(yieldWith, Lock.release(lock)))
    const worker = repeatN(per, () => cycle)
    const t0 = now()
    const futures: Array<Future.Future<void, unknown>> = []
    for (let i = 0; i < tasks; i++) futures.push(yield* Future.addThread(worker))
    for (const f of futures) yield* Future.get(f)
    const ms = now() - t0
    return { ms, n: total, ns_per_op: (ms * 1e6) / total }
  })

const w4 = (handoffs: number): Effect.Effect<Result, unknown, Copas.Copas> =>
  Effect.gen(function*() {
    const rounds = handoffs / 2
    const a = yield* Semaphore.make({ max: 1, start: 0, timeout: Infinity })
    const b = yield* Semaphore.make({ max: 1, start: 0, timeout: Infinity })
    const producer = repeatN(rounds, () => Effect.zipRight(Semaphore.give(a), Semaphore.take(b)))
    const consumer = repeatN(rounds, () => Effect.zipRight(Semaphore.take(a), Semaphore.give(b)))
    const t0 = now()
    const c = yield* Future.addThread(consumer)
    const p = yield* Future.addThread(producer)
    yield* Future.get(c)
    yield* Future.get(p)
    const ms = now() - t0
    return { ms, n: handoffs, ns_per_op: (ms * 1e6) / handoffs }
  })

const w5 = (n: number): Effect.Effect<Result, unknown, Copas.Copas> =>
  Effect.gen(function*() {
    const q = yield* Queue.make<number>()
    let sum = 0
    let got = 0
    const done = signal()
    yield* Queue.addWorker(q, (v: number) => {
      sum += v
      return ++got === n ? done.fire : Effect.void
    })
    const t0 = now()
    yield* repeatN(n, (i) => Queue.push(q, i))
    yield* done.wait
    const ms = now() - t0
    if (sum !== (n * (n - 1)) / 2) throw new Error("bad sum")
    yield* Queue.destroy(q)
    return { ms, n, ns_per_op: (ms * 1e6) / n }
  })

const w6 = (timers: number): Effect.Effect<Result, never, Copas.Copas> =>
  Effect.gen(function*() {
    const period = SIZES.W6_PERIOD_MS
    const window = SIZES.W6_WINDOW_MS
    let fired = 0
    let sumSpan = 0
    const t0 = now()
    const end = t0 + window
    const all: Array<Timer.Timer<{ last: number }>> = []
    for (let i = 0; i < timers; i++) {
      all.push(yield* Timer.make({
        delay: period,
        recurring: true,
        params: { last: now() },
        callback: (_t, p) =>
          Effect.sync(() => {
            const t = now()
            if (t <= end) {
              fired++
              sumSpan += t - p.last
              p.last = t
            }
          })
      }))
    }
    yield* Copas.sleep(window)
    yield* Copas.pause()
    for (const t of all) yield* Effect.ignore(Timer.cancel(t))
    const ideal = timers * (window / period)
    const meanInterval = sumSpan / fired
    return {
      ms: now() - t0,
      n: timers,
      fired,
      ideal,
      fraction: fired / ideal,
      mean_interval_ms: meanInterval,
      drift_per_fire_ms: meanInterval - period
    }
  })

const w7 = (n: number): Effect.Effect<Result, unknown, Copas.Copas> =>
  Effect.gen(function*() {
    let parked = 0
    let woke = 0
    const task = Effect.zipRight(
      Effect.sync(() => { parked++ }),
      Effect.zipRight(Copas.pauseForever, Effect.sync(() => { woke++ }))
    )
    const ts = now()
    const tasks: Array<Copas.Task> = []
    yield* repeatN(n, () => Effect.map(Copas.addThread(task), (t) => { tasks.push(t) }))
    yield* until(() => parked === n)
    const t0 = now()
    yield* repeatN(n, (i) => Copas.wakeup(tasks[i]!))
    yield* until(() => woke === n)
    const t1 = now()
    return { ms: t1 - t0, n, park_ms: t0 - ts }
  })

const table: Record<string, [(n: number) => Effect.Effect<Result, unknown, Copas.Copas>, number]> = {
  W1: [w1, SIZES.W1],
  W2: [w2, SIZES.W2],
  W3: [(n) => w3(n), SIZES.W3],
  W3Y: [(n) => w3(n, Effect.yieldNow()), SIZES.W3],
  W4: [w4, SIZES.W4],
  W5: [w5, SIZES.W5],
  W6: [w6, SIZES.W6],
  W7: [w7, SIZES.W7]
}

const main = async () => {
  const [workload = "", n] = process.argv.slice(2).filter((a) => !a.startsWith("--"))
  const entry = table[workload.toUpperCase()]
  if (!entry) {
    console.error("usage: copas.ts W1..W7|W3Y [n] [--warm=K]")
    process.exit(2)
  }
  const warm = Number((process.argv.find((a) => a.startsWith("--warm=")) ?? "--warm=0").slice(7))
  const base = mem().rss
  let result: Result | undefined
  for (let i = 0; i <= warm; i++) {
    await Effect.runPromise(Copas.run(Effect.map(entry[0](n ? Number(n) : entry[1]), (r) => { result = r })))
  }
  const m = mem()
  const out: Record<string, unknown> = {
    impl: warm > 0 ? "effect-copas+warm" : "effect-copas",
    workload: workload.toUpperCase(),
    runtime: `node ${process.version}`,
    ...result,
    rss_base_mb: base,
    rss_peak_mb: m.hwm
  }
  for (const k of Object.keys(out)) if (typeof out[k] === "number") out[k] = round(out[k] as number)
  console.log(JSON.stringify(out))
}

void main()


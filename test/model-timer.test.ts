/**
 * Randomized model check of Timer: one-shot and recurring timers (random delay and initial delay)
 * whose callbacks sleep, cancel or arm themselves or other timers; the firing times, every
 * arm/cancel result (AlreadyArmedError, NotArmedError, AlreadyCancelledError) and the instant
 * Copas.run returns are compared with a synchronous model of reference §2.11 and the README
 * (spaced recurrence: the next run is `delay` after the callback returned; a one-shot timer is
 * disarmed before its callback, so it may re-arm itself there).
 */
import { Clock, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Timer from "effect-copas/Timer"
import { type Dispatcher, seeded } from "./util/copas.js"
import { describeExit, driveToEnd, EventHeap, Tie, modelSuite } from "./util/model.js"

type Action =
  | { readonly kind: "none" }
  | { readonly kind: "sleep"; readonly ms: number }
  | { readonly kind: "cancel"; readonly j: number }
  | { readonly kind: "arm"; readonly j: number; readonly ms: number | undefined }

interface Plan {
  readonly timers: ReadonlyArray<{ readonly delay: number; readonly initial: number | undefined; readonly recurring: boolean }>
  /** per timer, the actions of its firings 1, 2, ... (then none) */
  readonly actions: ReadonlyArray<ReadonlyArray<ReadonlyArray<Action>>>
  readonly end: number
}

const actText = (a: Action): string =>
  a.kind === "sleep" ? `sleep(${a.ms})` : a.kind === "cancel" ? `cancel(T${a.j})` : a.kind === "arm" ? `arm(T${a.j},${a.ms})` : "none"

export const planOf = (seed: number): Plan => {
  const rnd = seeded(seed * 17 + 9)
  const n = 1 + rnd(4)
  const timers = Array.from({ length: n }, () => ({
    delay: 5 + rnd(300),
    initial: rnd(3) === 0 ? undefined : rnd(8) === 0 ? 0 : 1 + rnd(400),
    recurring: rnd(2) === 0
  }))
  const actions = timers.map(() =>
    Array.from({ length: 1 + rnd(6) }, () =>
      Array.from({ length: rnd(3) }, (): Action => {
        const r = rnd(100)
        const j = rnd(n)
        return r < 30 ? { kind: "sleep", ms: 1 + rnd(400) } : r < 60 ? { kind: "cancel", j } : { kind: "arm", j, ms: rnd(3) === 0 ? undefined : 1 + rnd(400) }
      })
    )
  )
  return { timers, actions, end: 1500 }
}

type Ev = { kind: "fire"; k: number } | { kind: "resume"; cb: Cb }
interface Cb {
  readonly k: number
  readonly n: number
  /** fired at or after END: no actions; a recurring timer stops */
  readonly late: boolean
  step: number
}

export const model = (plan: Plan) => {
  const log: Array<string> = []
  const heap = new EventHeap<Ev>()
  const times: Array<number> = []
  let now = 0
  const ts = plan.timers.map((t) => ({ ...t, armed: false, cancelled: false, fireId: undefined as number | undefined, fired: 0, inFlight: 0, waiting: false }))
  const armAt = (k: number, ms: number) => {
    const t = ts[k]!
    t.armed = true
    t.cancelled = false
    t.waiting = true
    t.fireId = heap.add(now + ms, { kind: "fire", k })
  }
  const run = (cb: Cb) => {
    const t = ts[cb.k]!
    const acts = plan.actions[cb.k]![cb.n - 1] ?? []
    const late = cb.late
    while (cb.step < acts.length && !late) {
      const a = acts[cb.step++]!
      if (a.kind === "sleep") {
        heap.add(now + a.ms, { kind: "resume", cb })
        return
      }
      if (a.kind === "cancel") {
        const u = ts[a.j]!
        let r = "ok"
        if (u.cancelled) r = "AlreadyCancelledError"
        else if (!u.armed) r = "NotArmedError"
        else {
          u.armed = false
          if (u.fireId !== undefined) heap.remove(u.fireId)
          u.fireId = undefined
          u.waiting = false
          u.cancelled = true
        }
        log.push(`${now} T${cb.k}#${cb.n} ${actText(a)} -> ${r}`)
      } else if (a.kind === "arm") {
        const u = ts[a.j]!
        if (u.armed) log.push(`${now} T${cb.k}#${cb.n} ${actText(a)} -> AlreadyArmedError`)
        else {
          // a recurring timer armed again while a callback of it runs: when the next one starts is
          // not specified (left out)
          if (u.recurring && u.inFlight > 0) throw new Tie()
          armAt(a.j, a.ms ?? u.delay)
          log.push(`${now} T${cb.k}#${cb.n} ${actText(a)} -> ok`)
        }
      }
    }
    // after END a recurring timer stops itself (so that the run ends)
    if (late && t.recurring && t.armed && !t.cancelled) {
      t.armed = false
      t.cancelled = true
      if (t.fireId !== undefined) heap.remove(t.fireId)
      log.push(`${now} T${cb.k}#${cb.n} stops`)
    }
    log.push(`${now} T${cb.k}#${cb.n} done`)
    t.inFlight--
    if (t.recurring && t.armed && !t.cancelled && !t.waiting) {
      t.waiting = true
      t.fireId = heap.add(now + t.delay, { kind: "fire", k: cb.k })
    }
  }
  ts.forEach((t, k) => armAt(k, t.initial ?? t.delay))
  for (;;) {
    const next = heap.pop()
    if (next === undefined) break
    now = next.t
    times.push(now)
    const e = next.e
    if (e.kind === "fire") {
      const t = ts[e.k]!
      t.fireId = undefined
      t.waiting = false
      if (!t.recurring) t.armed = false
      t.fired++
      t.inFlight++
      log.push(`${now} T${e.k}#${t.fired} fires`)
      run({ k: e.k, n: t.fired, late: now >= plan.end, step: 0 })
    } else run(e.cb)
  }
  log.push(`${now} run returned`)
  return { log, times }
}

const runImpl = (plan: Plan, times: ReadonlyArray<number>) =>
  Effect.gen(function*() {
    const log: Array<string> = []
    let d: Dispatcher | undefined
    const base = yield* Clock.currentTimeMillis
    const ms = Effect.map(Clock.currentTimeMillis, (t) => t - base)
    const init = Effect.gen(function*() {
      d = yield* Copas.Copas
      const timers: Array<Timer.Timer> = []
      const fired = plan.timers.map(() => 0)
      for (let k = 0; k < plan.timers.length; k++) {
        const spec = plan.timers[k]!
        timers.push(yield* Timer.make({
          delay: spec.delay,
          initialDelay: spec.initial,
          recurring: spec.recurring,
          callback: (timer) =>
            Effect.gen(function*() {
              const n = ++fired[k]!
              log.push(`${yield* ms} T${k}#${n} fires`)
              const acts = plan.actions[k]![n - 1] ?? []
              const late = (yield* ms) >= plan.end
              for (const a of late ? [] : acts) {
                if (a.kind === "sleep") yield* Copas.sleep(a.ms)
                else if (a.kind === "cancel") {
                  const exit = yield* Effect.exit(Timer.cancel(timers[a.j]!))
                  log.push(`${yield* ms} T${k}#${n} ${actText(a)} -> ${describeExit(exit)}`)
                } else if (a.kind === "arm") {
                  const exit = yield* Effect.exit(Timer.arm(timers[a.j]!, a.ms))
                  log.push(`${yield* ms} T${k}#${n} ${actText(a)} -> ${describeExit(exit)}`)
                }
              }
              if (late && timer.recurring && timer.armed && !timer.cancelled) {
                yield* Timer.cancel(timer)
                log.push(`${yield* ms} T${k}#${n} stops`)
              }
              log.push(`${yield* ms} T${k}#${n} done`)
            })
        }))
      }
    })
    const fiber = yield* Effect.fork(Effect.zipRight(Copas.run(init), Effect.flatMap(ms, (t) => Effect.sync(() => log.push(`${t} run returned`)))))
    yield* driveToEnd(fiber, times, () => d, log)
    return log
  })

export const check = (seed: number) =>
  Effect.gen(function*() {
    const plan = planOf(seed)
    const m = model(plan)
    const actual = yield* runImpl(plan, m.times)
    return { seed, plan, expected: m.log, actual }
  })

modelSuite("Timer", "random timers whose callbacks sleep, cancel and arm match the model", (s) => model(planOf(s)), check)

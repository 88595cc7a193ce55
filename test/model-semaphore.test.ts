/**
 * Randomized model check of Semaphore: several tasks run scripts of take(n, timeout) / give(n) /
 * destroy at random milliseconds, others remove them (removeThread) at random moments; every call's
 * result, getCount/getWait after it, and what is left at the end are compared with a plain
 * synchronous simulation of SPEC §1.5 / reference §2.13 (strict FIFO, no barging, exact timeouts,
 * skipped gone waiters, destroy releases all).
 */
import { Effect, Exit } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Semaphore from "effect-copas/Semaphore"
import { seeded, waitList } from "./util/copas.js"
import { describeExit, drive, EventHeap, nowMs, modelSuite } from "./util/model.js"

type Op =
  | { readonly t: number; readonly kind: "take"; readonly n: number; readonly timeout: number | undefined }
  | { readonly t: number; readonly kind: "give"; readonly n: number }
  | { readonly t: number; readonly kind: "destroy" }

interface Plan {
  readonly max: number
  readonly start: number
  readonly timeout: number | undefined
  readonly actors: ReadonlyArray<ReadonlyArray<Op>>
  readonly kills: ReadonlyArray<{ readonly t: number; readonly actor: number }>
  readonly end: number
}

const opText = (op: Op): string =>
  op.kind === "take" ? `take(${op.n},${op.timeout})` : op.kind === "give" ? `give(${op.n})` : "destroy"

export const planOf = (seed: number): Plan => {
  const rnd = seeded(seed)
  const max = 1 + rnd(4)
  const start = rnd(max + 1)
  const timeout = rnd(3) === 0 ? undefined : 50 + rnd(1500)
  const nActors = 2 + rnd(5)
  const destroyer = rnd(4) === 0 ? rnd(nActors) : -1
  const actors: Array<Array<Op>> = []
  for (let a = 0; a < nActors; a++) {
    const ops: Array<Op> = []
    const nOps = 2 + rnd(7)
    let t = 1 + rnd(300)
    for (let k = 0; k < nOps; k++) {
      const r = rnd(100)
      if (a === destroyer && k === nOps - 1) ops.push({ t, kind: "destroy" })
      else if (r < 55) {
        const n = rnd(20) === 0 ? max + 1 : rnd(15) === 0 ? 0 : 1 + rnd(max)
        const tr = rnd(20)
        const to = tr < 6 ? undefined : tr < 8 ? 0 : tr < 17 ? 1 + rnd(1200) : Infinity
        ops.push({ t, kind: "take", n, timeout: to })
      } else ops.push({ t, kind: "give", n: rnd(12) === 0 ? max + 1 : 1 + rnd(max) })
      // several calls at the same millisecond now and then (one task: a defined order)
      t += rnd(4) === 0 ? 0 : 1 + rnd(600)
    }
    actors.push(ops)
  }
  const kills: Array<{ t: number; actor: number }> = []
  const nKills = rnd(4)
  for (let k = 0; k < nKills; k++) kills.push({ t: 1 + rnd(3000), actor: rnd(nActors) })
  return { max, start, timeout, actors, kills, end: 0 }
}

interface Waiter {
  readonly actor: number
  readonly n: number
  readonly start: number
  state: "waiting" | "done"
  deadlineId: number | undefined
}

type Ev = { kind: "wake"; actor: number } | { kind: "deadline"; w: Waiter } | { kind: "kill"; actor: number } | { kind: "end" }
type Run = { kind: "resume"; actor: number; result: string } | { kind: "interrupt"; actor: number }

/** The synchronous simulation: the log of every call, the end state and the instants to step through. */
export const model = (plan: Plan) => {
  const log: Array<string> = []
  const heap = new EventHeap<Ev>()
  const runq: Array<Run> = []
  const times: Array<number> = []
  let now = 0
  let count = plan.start
  let destroyed = false
  const queue: Array<Waiter> = []
  const defaultTimeout = plan.timeout ?? 10_000
  const actors = plan.actors.map(() => ({ pc: 0, state: "idle" as "idle" | "sleeping" | "waiting" | "done" | "dead", wakeId: -1, waiter: undefined as Waiter | undefined }))
  const waitSum = () => queue.reduce((s, w) => s + w.n, 0)
  const stateText = () => destroyed ? "D" : `c=${count} w=${waitSum() - count}`
  const emit = (a: number, op: Op, result: string) => log.push(`${now} a${a} ${opText(op)} -> ${result} ${stateText()}`)
  const serve = () => {
    while (queue.length > 0 && queue[0]!.n <= count) {
      const w = queue.shift()!
      count -= w.n
      w.state = "done"
      if (w.deadlineId !== undefined) heap.remove(w.deadlineId)
      runq.push({ kind: "resume", actor: w.actor, result: "ok" })
    }
  }
  const exec = (a: number) => {
    const act = actors[a]!
    const ops = plan.actors[a]!
    for (;;) {
      if (act.pc >= ops.length) {
        act.state = "done"
        return
      }
      const op = ops[act.pc]!
      if (op.t > now) {
        act.state = "sleeping"
        act.wakeId = heap.add(op.t, { kind: "wake", actor: a })
        return
      }
      act.pc++
      if (op.kind === "take") {
        if (destroyed) emit(a, op, "DestroyedError(0)")
        else if (op.n > plan.max) emit(a, op, "TooManyError")
        else if (queue.length === 0 && count >= op.n) {
          count -= op.n
          emit(a, op, "ok")
        } else {
          const ms = op.timeout ?? defaultTimeout
          if (ms === 0) emit(a, op, "TimeoutError(0)")
          else {
            const w: Waiter = { actor: a, n: op.n, start: now, state: "waiting", deadlineId: undefined }
            if (ms !== Infinity) w.deadlineId = heap.add(now + ms, { kind: "deadline", w })
            queue.push(w)
            act.state = "waiting"
            act.waiter = w
            return
          }
        }
      } else if (op.kind === "give") {
        if (destroyed) emit(a, op, "DestroyedError")
        else {
          const over = count + op.n > plan.max
          count = Math.min(plan.max, count + op.n)
          serve()
          emit(a, op, over ? "TooManyError" : "ok")
        }
      } else {
        if (destroyed) emit(a, op, "DestroyedError")
        else {
          destroyed = true
          for (const w of queue.splice(0)) {
            w.state = "done"
            if (w.deadlineId !== undefined) heap.remove(w.deadlineId)
            runq.push({ kind: "resume", actor: w.actor, result: `DestroyedError(${now - w.start})` })
          }
          emit(a, op, "ok")
        }
      }
    }
  }
  const drain = () => {
    while (runq.length > 0) {
      const r = runq.shift()!
      const act = actors[r.actor]!
      if (r.kind === "resume") {
        const ops = plan.actors[r.actor]!
        act.state = "idle"
        act.waiter = undefined
        emit(r.actor, ops[act.pc - 1]!, r.result)
        exec(r.actor)
      } else {
        if (act.state === "done" || act.state === "dead") continue
        if (act.state === "waiting") {
          const w = act.waiter!
          queue.splice(queue.indexOf(w), 1)
          w.state = "done"
          if (w.deadlineId !== undefined) heap.remove(w.deadlineId)
          serve()
        } else if (act.state === "sleeping") heap.remove(act.wakeId)
        act.state = "dead"
        log.push(`${now} a${r.actor} interrupted`)
      }
    }
  }
  // time 0: the initializer adds the actors (they start in order), then the killers
  for (let a = 0; a < actors.length; a++) exec(a)
  for (const k of plan.kills) heap.add(k.t, { kind: "kill", actor: k.actor })
  const loop = () => {
    for (;;) {
      const next = heap.pop()
      if (next === undefined) break
      now = next.t
      times.push(now)
      const e = next.e
      if (e.kind === "wake") exec(e.actor)
      else if (e.kind === "end") log.push(`${now} after timeout=0 inactive=0 live=0 ring=0`)
      else if (e.kind === "kill") runq.push({ kind: "interrupt", actor: e.actor })
      else if (e.kind === "deadline") {
        const w = e.w
        queue.splice(queue.indexOf(w), 1)
        w.state = "done"
        w.deadlineId = undefined
        runq.push({ kind: "resume", actor: w.actor, result: `TimeoutError(${now - w.start})` })
        serve()
      }
      drain()
    }
  }
  loop()
  let end = now
  // the end: the initializer looks at what is left, destroys, looks again
  end += 1
  now = end
  const forever = queue.length
  log.push(`${end} end ${stateText()} timeout=0 inactive=${forever}`)
  if (!destroyed) {
    destroyed = true
    for (const w of queue.splice(0)) runq.push({ kind: "resume", actor: w.actor, result: `DestroyedError(${now - w.start})` })
  }
  drain()
  // the waiters released here go on with their scripts (every call fails with DestroyedError);
  // the initializer's last look is at end + 1
  times.push(end)
  heap.add(end + 1, { kind: "end" })
  loop()
  return { log, times: [...new Set(times)].sort((a, b) => a - b), end }
}

/** The same plan on the implementation: the log in the model's format. */
const runImpl = (plan: Plan, end: number, times: ReadonlyArray<number>) =>
  Effect.gen(function*() {
    const log: Array<string> = []
    const result = yield* drive((setD) =>
      Effect.gen(function*() {
        setD(yield* Copas.Copas)
        const base = yield* nowMs
        const nowMs_ = Effect.map(nowMs, (t) => t - base)
        const sem = yield* Semaphore.make({ max: plan.max, start: plan.start, timeout: plan.timeout })
        const stateText = Effect.gen(function*() {
          const c = yield* Effect.exit(Semaphore.getCount(sem))
          const w = yield* Effect.exit(Semaphore.getWait(sem))
          return Exit.isSuccess(c) && Exit.isSuccess(w) ? `c=${c.value} w=${w.value}` : Exit.isFailure(c) && Exit.isFailure(w) ? "D" : "?"
        })
        const tasks: Array<Copas.Task> = []
        for (let a = 0; a < plan.actors.length; a++) {
          const ops = plan.actors[a]!
          tasks.push(yield* Copas.addThread(Effect.gen(function*() {
            for (const op of ops) {
              const t0 = yield* nowMs_
              if (op.t > t0) yield* Copas.sleep(op.t - t0)
              const call: Effect.Effect<void, unknown> = op.kind === "take"
                ? Semaphore.take(sem, op.n, op.timeout)
                : op.kind === "give"
                ? Semaphore.give(sem, op.n)
                : Semaphore.destroy(sem)
              const exit = yield* Effect.exit(call)
              log.push(`${yield* nowMs_} a${a} ${opText(op)} -> ${describeExit(exit)} ${yield* stateText}`)
            }
          }).pipe(Effect.onInterrupt(() => Effect.map(nowMs_, (t) => { log.push(`${t} a${a} interrupted`) })))))
        }
        for (const k of plan.kills) {
          yield* Copas.addThread(Effect.zipRight(Copas.sleep(k.t), Copas.removeThread(tasks[k.actor]!)))
        }
        yield* Copas.sleep(end)
        const s = yield* Copas.status()
        log.push(`${yield* nowMs_} end ${yield* stateText} timeout=${s.timeout} inactive=${s.inactive}`)
        yield* Effect.ignore(Semaphore.destroy(sem))
        yield* Copas.sleep(1)
        const s2 = yield* Copas.status()
        const wl = waitList(sem)
        log.push(`${yield* nowMs_} after timeout=${s2.timeout} inactive=${s2.inactive} live=${wl.live} ring=${wl.ring}`)
      }), times, 10)
    return { log, ended: result.ended }
  })

export const check = (seed: number) =>
  Effect.gen(function*() {
    const plan = planOf(seed)
    const m = model(plan)
    const impl = yield* runImpl(plan, m.end, m.times)
    return { seed, plan, expected: m.log, actual: impl.log, ended: impl.ended }
  })

modelSuite("Semaphore", "random take/give/destroy/removeThread scripts match the model", (s) => model(planOf(s)), check, (r) => `max ${r.plan.max} start ${r.plan.start} timeout ${r.plan.timeout}`)

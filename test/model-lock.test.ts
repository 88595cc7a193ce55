/**
 * Randomized model check of Lock (re-entrant or not): tasks run scripts of get(timeout) / release /
 * destroy at random milliseconds (releases by non-owners included, and tasks that end or are
 * removed while holding the lock: as in Copas, the lock stays theirs until destroy), others remove
 * them at random moments. Every call's result, the owner and queue after it, and what is left at
 * the end are compared with a synchronous simulation of SPEC §1.5 / reference §2.12.
 */
import { Duration, Effect, type Fiber } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Lock from "effect-copas/Lock"
import { seeded, waitList } from "./util/copas.js"
import { describeExit, drive, EventHeap, nowMs, modelSuite } from "./util/model.js"

type Op =
  | { readonly t: number; readonly kind: "get"; readonly timeout: number | undefined }
  | { readonly t: number; readonly kind: "release" }
  | { readonly t: number; readonly kind: "destroy" }

interface Plan {
  readonly reentrant: boolean
  readonly timeout: number | undefined
  readonly actors: ReadonlyArray<ReadonlyArray<Op>>
  readonly kills: ReadonlyArray<{ readonly t: number; readonly actor: number }>
}

const opText = (op: Op): string => op.kind === "get" ? `get(${op.timeout})` : op.kind

export const planOf = (seed: number): Plan => {
  const rnd = seeded(seed * 7 + 3)
  const reentrant = rnd(2) === 0
  const timeout = rnd(3) === 0 ? undefined : 50 + rnd(1500)
  const nActors = 2 + rnd(5)
  const destroyer = rnd(5) === 0 ? rnd(nActors) : -1
  const actors: Array<Array<Op>> = []
  for (let a = 0; a < nActors; a++) {
    const ops: Array<Op> = []
    const nOps = 2 + rnd(7)
    let t = 1 + rnd(300)
    for (let k = 0; k < nOps; k++) {
      const r = rnd(100)
      if (a === destroyer && k === nOps - 1) ops.push({ t, kind: "destroy" })
      else if (r < 55) {
        const tr = rnd(20)
        const to = tr < 6 ? undefined : tr < 8 ? 0 : tr < 17 ? 1 + rnd(1200) : Infinity
        ops.push({ t, kind: "get", timeout: to })
      } else ops.push({ t, kind: "release" })
      t += rnd(4) === 0 ? 0 : 1 + rnd(600)
    }
    actors.push(ops)
  }
  const kills: Array<{ t: number; actor: number }> = []
  const nKills = rnd(4)
  for (let k = 0; k < nKills; k++) kills.push({ t: 1 + rnd(3000), actor: rnd(nActors) })
  return { reentrant, timeout, actors, kills }
}

interface Waiter {
  readonly actor: number
  readonly start: number
  deadlineId: number | undefined
}

type Ev = { kind: "wake"; actor: number } | { kind: "deadline"; w: Waiter } | { kind: "kill"; actor: number } | { kind: "end" }
type Run = { kind: "resume"; actor: number; result: string } | { kind: "interrupt"; actor: number }

export const model = (plan: Plan) => {
  const log: Array<string> = []
  const heap = new EventHeap<Ev>()
  const runq: Array<Run> = []
  const times: Array<number> = []
  let now = 0
  let owner = -1
  let count = 0
  let destroyed = false
  const queue: Array<Waiter> = []
  const defaultTimeout = plan.timeout ?? 10_000
  const actors = plan.actors.map(() => ({ pc: 0, state: "idle" as "idle" | "sleeping" | "waiting" | "done" | "dead", wakeId: -1, waiter: undefined as Waiter | undefined }))
  const stateText = () => destroyed ? "D" : `o=${owner < 0 ? "-" : `a${owner}x${count}`} q=${queue.length}`
  const emit = (a: number, op: Op, result: string) => log.push(`${now} a${a} ${opText(op)} -> ${result} ${stateText()}`)
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
      if (op.kind === "get") {
        if (destroyed) emit(a, op, "DestroyedError(0)")
        else if (owner === -1) {
          owner = a
          count = 1
          emit(a, op, "ok 0")
        } else if (owner === a && plan.reentrant) {
          count++
          emit(a, op, "ok 0")
        } else {
          const ms = op.timeout ?? defaultTimeout
          if (ms === 0) emit(a, op, "TimeoutError(0)")
          else {
            const w: Waiter = { actor: a, start: now, deadlineId: undefined }
            if (ms !== Infinity) w.deadlineId = heap.add(now + ms, { kind: "deadline", w })
            queue.push(w)
            act.state = "waiting"
            act.waiter = w
            return
          }
        }
      } else if (op.kind === "release") {
        if (destroyed) emit(a, op, "DestroyedError")
        else if (owner !== a) emit(a, op, "NotOwnerError")
        else {
          if (--count === 0) {
            const w = queue.shift()
            if (w === undefined) owner = -1
            else {
              owner = w.actor
              count = 1
              if (w.deadlineId !== undefined) heap.remove(w.deadlineId)
              runq.push({ kind: "resume", actor: w.actor, result: `ok ${now - w.start}` })
            }
          }
          emit(a, op, "ok")
        }
      } else {
        if (destroyed) emit(a, op, "DestroyedError")
        else {
          destroyed = true
          owner = -1
          count = 0
          for (const w of queue.splice(0)) {
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
        act.state = "idle"
        act.waiter = undefined
        emit(r.actor, plan.actors[r.actor]![act.pc - 1]!, r.result)
        exec(r.actor)
      } else {
        if (act.state === "done" || act.state === "dead") continue
        if (act.state === "waiting") {
          const w = act.waiter!
          queue.splice(queue.indexOf(w), 1)
          if (w.deadlineId !== undefined) heap.remove(w.deadlineId)
        } else if (act.state === "sleeping") heap.remove(act.wakeId)
        act.state = "dead"
        log.push(`${now} a${r.actor} interrupted`)
      }
    }
  }
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
      else {
        const w = e.w
        queue.splice(queue.indexOf(w), 1)
        runq.push({ kind: "resume", actor: w.actor, result: `TimeoutError(${now - w.start})` })
      }
      drain()
    }
  }
  for (let a = 0; a < actors.length; a++) exec(a)
  for (const k of plan.kills) heap.add(k.t, { kind: "kill", actor: k.actor })
  loop()
  const end = now + 1
  now = end
  log.push(`${end} end ${stateText()} timeout=0 inactive=${queue.length}`)
  if (!destroyed) {
    destroyed = true
    owner = -1
    for (const w of queue.splice(0)) runq.push({ kind: "resume", actor: w.actor, result: `DestroyedError(${now - w.start})` })
  }
  drain()
  times.push(end)
  heap.add(end + 1, { kind: "end" })
  loop()
  return { log, times: [...new Set(times)].sort((a, b) => a - b), end }
}

const runImpl = (plan: Plan, end: number, times: ReadonlyArray<number>) =>
  Effect.gen(function*() {
    const log: Array<string> = []
    const result = yield* drive((setD) =>
      Effect.gen(function*() {
        setD(yield* Copas.Copas)
        const base = yield* nowMs
        const ms = Effect.map(nowMs, (t) => t - base)
        const lock = yield* Lock.make({ timeout: plan.timeout, reentrant: plan.reentrant })
        const li = lock as unknown as { owner: Fiber.RuntimeFiber<unknown, unknown> | undefined; count: number; destroyed: boolean }
        const fibers: Array<Fiber.RuntimeFiber<unknown, unknown> | undefined> = []
        const stateText = Effect.gen(function*() {
          if (yield* Lock.isDestroyed(lock)) return "D"
          const o = li.owner === undefined ? "-" : `a${fibers.indexOf(li.owner)}x${li.count}`
          return `o=${o} q=${yield* Lock.waiting(lock)}`
        })
        const tasks: Array<Copas.Task> = []
        for (let a = 0; a < plan.actors.length; a++) {
          const ops = plan.actors[a]!
          tasks.push(yield* Copas.addThread(Effect.gen(function*() {
            fibers[a] = (yield* Copas.currentTask).fiber
            for (const op of ops) {
              const t0 = yield* ms
              if (op.t > t0) yield* Copas.sleep(op.t - t0)
              const call: Effect.Effect<unknown, unknown> = op.kind === "get"
                ? Lock.get(lock, op.timeout)
                : op.kind === "release"
                ? Lock.release(lock)
                : Lock.destroy(lock)
              const exit = yield* Effect.exit(call)
              log.push(`${yield* ms} a${a} ${opText(op)} -> ${describeExit(exit, (v) => Duration.isDuration(v) ? ` ${Duration.toMillis(v)}` : "")} ${yield* stateText}`)
            }
          }).pipe(Effect.onInterrupt(() => Effect.map(ms, (t) => { log.push(`${t} a${a} interrupted`) })))))
        }
        for (const k of plan.kills) yield* Copas.addThread(Effect.zipRight(Copas.sleep(k.t), Copas.removeThread(tasks[k.actor]!)))
        yield* Copas.sleep(end)
        const s = yield* Copas.status()
        log.push(`${yield* ms} end ${yield* stateText} timeout=${s.timeout} inactive=${s.inactive}`)
        yield* Effect.ignore(Lock.destroy(lock))
        yield* Copas.sleep(1)
        const s2 = yield* Copas.status()
        const wl = waitList(lock)
        log.push(`${yield* ms} after timeout=${s2.timeout} inactive=${s2.inactive} live=${wl.live} ring=${wl.ring}`)
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

modelSuite("Lock", "random get/release/destroy/removeThread scripts match the model", (s) => model(planOf(s)), check, (r) => `reentrant ${r.plan.reentrant} timeout ${r.plan.timeout}`)

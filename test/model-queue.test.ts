/**
 * Randomized model check of Queue: tasks run scripts of push / pop(timeout) / stop /
 * finish(timeout, noDestroy) / destroy at random milliseconds, workers (addWorker) handle items
 * for random times (Copas.sleep) and sometimes fail (ending that worker), others remove tasks at
 * random moments. Every call's result, getSize/getWorkers after it, the workers' items and what is
 * left at the end are compared with a synchronous simulation of reference §2.14 and the README.
 */
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Queue from "effect-copas/Queue"
import { seeded } from "./util/copas.js"
import { describeExit, drive, EventHeap, nowMs, modelSuite } from "./util/model.js"

type Op =
  | { readonly t: number; readonly kind: "push"; readonly item: number }
  | { readonly t: number; readonly kind: "pop"; readonly timeout: number | undefined }
  | { readonly t: number; readonly kind: "stop" }
  | { readonly t: number; readonly kind: "finish"; readonly timeout: number | undefined; readonly noDestroy: boolean }
  | { readonly t: number; readonly kind: "destroy" }

interface Plan {
  readonly workers: number
  readonly actors: ReadonlyArray<ReadonlyArray<Op>>
  readonly kills: ReadonlyArray<{ readonly t: number; readonly actor: number }>
  /** item -> [hold ms, fails] */
  readonly handling: ReadonlyMap<number, readonly [number, boolean]>
}

const opText = (op: Op): string =>
  op.kind === "push" ? `push(${op.item})` : op.kind === "pop" ? `pop(${op.timeout})` : op.kind === "finish" ? `finish(${op.timeout},${op.noDestroy})` : op.kind

export const planOf = (seed: number): Plan => {
  const rnd = seeded(seed * 13 + 5)
  const workers = rnd(3)
  const nActors = 1 + rnd(4)
  const actors: Array<Array<Op>> = []
  const handling = new Map<number, readonly [number, boolean]>()
  for (let a = 0; a < nActors; a++) {
    const ops: Array<Op> = []
    const nOps = 2 + rnd(8)
    let t = 1 + rnd(300)
    for (let k = 0; k < nOps; k++) {
      const r = rnd(100)
      const to = () => {
        const tr = rnd(20)
        return tr < 5 ? undefined : tr < 7 ? 0 : tr < 18 ? 1 + rnd(1500) : Infinity
      }
      if (r < 45) {
        const item = a * 100 + k
        handling.set(item, [1 + rnd(500), rnd(6) === 0])
        ops.push({ t, kind: "push", item })
      } else if (r < 75) ops.push({ t, kind: "pop", timeout: to() })
      else if (r < 82) ops.push({ t, kind: "stop" })
      else if (r < 94) ops.push({ t, kind: "finish", timeout: to(), noDestroy: rnd(2) === 0 })
      else ops.push({ t, kind: "destroy" })
      t += rnd(4) === 0 ? 0 : 1 + rnd(600)
    }
    actors.push(ops)
  }
  const kills: Array<{ t: number; actor: number }> = []
  const nKills = rnd(3)
  for (let k = 0; k < nKills; k++) kills.push({ t: 1 + rnd(3000), actor: rnd(nActors) })
  return { workers, actors, kills, handling }
}

interface Waiter {
  /** actor index, or -1 - worker index */
  readonly who: number
  readonly start: number
  deadlineId: number | undefined
}

type Ev =
  | { kind: "wake"; actor: number }
  | { kind: "handled"; worker: number; item: number }
  | { kind: "deadline"; w: Waiter; finish: boolean; noDestroy: boolean }
  | { kind: "kill"; actor: number }
  | { kind: "end" }
type Run =
  | { kind: "resume"; actor: number; result: string }
  | { kind: "worker"; worker: number; item: number | undefined }
  | { kind: "interrupt"; actor: number }

export const model = (plan: Plan) => {
  const log: Array<string> = []
  const heap = new EventHeap<Ev>()
  const runq: Array<Run> = []
  const times: Array<number> = []
  let now = 0
  const items: Array<number> = []
  let stopping = false
  let destroyed = false
  let busy = 0
  const poppers: Array<Waiter> = []
  const finishers: Array<Waiter> = []
  const workers = Array.from({ length: plan.workers }, () => ({ alive: true, busy: false }))
  const actors = plan.actors.map(() => ({ pc: 0, state: "idle" as "idle" | "sleeping" | "waiting" | "done" | "dead", wakeId: -1, waiter: undefined as Waiter | undefined, finish: false }))
  const stateText = () => destroyed ? "D" : `s=${items.length} wk=${workers.filter((w) => w.alive).length}`
  const emit = (a: number, op: Op, result: string) => log.push(`${now} a${a} ${opText(op)} -> ${result} ${stateText()}`)
  const drop = (w: Waiter) => {
    if (w.deadlineId !== undefined) heap.remove(w.deadlineId)
  }
  const checkFinished = () => {
    if (finishers.length === 0 || items.length > 0 || busy > 0) return
    for (const w of finishers.splice(0)) {
      drop(w)
      runq.push({ kind: "resume", actor: w.who, result: "ok" })
    }
  }
  const destroyQ = (explicit: boolean) => {
    destroyed = stopping = true
    items.length = 0
    for (const w of poppers.splice(0)) {
      drop(w)
      if (w.who >= 0) runq.push({ kind: "resume", actor: w.who, result: `DestroyedError(${now - w.start})` })
      else runq.push({ kind: "worker", worker: -1 - w.who, item: undefined })
    }
    if (explicit) {
      for (const w of finishers.splice(0)) {
        drop(w)
        runq.push({ kind: "resume", actor: w.who, result: `DestroyedError(${now - w.start})` })
      }
    } else checkFinished()
  }
  const shift = (worker: number | undefined): number => {
    const item = items.shift()!
    if (worker !== undefined) {
      workers[worker]!.busy = true
      busy++
    }
    if (items.length === 0 && stopping) destroyQ(false)
    return item
  }
  const serve = () => {
    while (items.length > 0 && poppers.length > 0) {
      const w = poppers.shift()!
      drop(w)
      const item = shift(w.who >= 0 ? undefined : -1 - w.who)
      if (w.who >= 0) runq.push({ kind: "resume", actor: w.who, result: `ok ${item}` })
      else runq.push({ kind: "worker", worker: -1 - w.who, item })
    }
  }
  const stop = () => {
    stopping = true
    if (items.length === 0 && !destroyed) destroyQ(false)
  }
  const handle = (wi: number, item: number) => {
    log.push(`${now} w${wi} got ${item}`)
    heap.add(now + plan.handling.get(item)![0], { kind: "handled", worker: wi, item })
  }
  /** the worker loop's body */
  const workerNext = (wi: number) => {
    if (items.length > 0) return handle(wi, shift(wi))
    if (destroyed) {
      workers[wi]!.alive = false
      return
    }
    poppers.push({ who: -1 - wi, start: now, deadlineId: undefined })
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
      const wait = (ms: number, finish: boolean, noDestroy: boolean) => {
        const w: Waiter = { who: a, start: now, deadlineId: undefined }
        if (ms !== Infinity) w.deadlineId = heap.add(now + ms, { kind: "deadline", w, finish, noDestroy })
        ;(finish ? finishers : poppers).push(w)
        act.state = "waiting"
        act.waiter = w
        act.finish = finish
      }
      if (op.kind === "push") {
        if (destroyed) emit(a, op, "DestroyedError")
        else if (stopping) emit(a, op, "StoppingError")
        else {
          items.push(op.item)
          serve()
          emit(a, op, "ok")
        }
      } else if (op.kind === "pop") {
        if (destroyed) emit(a, op, "DestroyedError(0)")
        else if (items.length > 0) {
          const item = shift(undefined)
          emit(a, op, `ok ${item}`)
        } else {
          const ms = op.timeout ?? 10_000
          if (ms === 0) emit(a, op, "TimeoutError(0)")
          else return wait(ms, false, false)
        }
      } else if (op.kind === "stop") {
        if (destroyed) emit(a, op, "DestroyedError")
        else {
          stop()
          emit(a, op, "ok")
        }
      } else if (op.kind === "finish") {
        if (destroyed) emit(a, op, "DestroyedError")
        else {
          const ms = op.timeout ?? 10_000
          stop()
          if (items.length === 0 && busy === 0) emit(a, op, "ok")
          else if (ms === 0) {
            if (!op.noDestroy && !destroyed) destroyQ(true)
            emit(a, op, "TimeoutError(0)")
          } else return wait(ms, true, op.noDestroy)
        }
      } else {
        if (destroyed) emit(a, op, "DestroyedError")
        else {
          destroyQ(true)
          emit(a, op, "ok")
        }
      }
    }
  }
  const drain = () => {
    while (runq.length > 0) {
      const r = runq.shift()!
      if (r.kind === "worker") {
        if (r.item === undefined) workers[r.worker]!.alive = false
        else handle(r.worker, r.item)
        continue
      }
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
          const list = act.finish ? finishers : poppers
          list.splice(list.indexOf(w), 1)
          drop(w)
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
      else if (e.kind === "end") log.push(`${now} after timeout=0 inactive=0`)
      else if (e.kind === "kill") runq.push({ kind: "interrupt", actor: e.actor })
      else if (e.kind === "handled") {
        const w = workers[e.worker]!
        const fails = plan.handling.get(e.item)![1]
        log.push(`${now} w${e.worker} ${fails ? "failed" : "done"} ${e.item}`)
        w.busy = false
        busy--
        if (fails) {
          w.alive = false
          checkFinished()
        } else {
          checkFinished()
          workerNext(e.worker)
        }
      } else {
        const w = e.w
        w.deadlineId = undefined
        if (e.finish) {
          finishers.splice(finishers.indexOf(w), 1)
          if (!e.noDestroy && !destroyed) destroyQ(true)
          runq.push({ kind: "resume", actor: w.who, result: `TimeoutError(${now - w.start})` })
        } else {
          poppers.splice(poppers.indexOf(w), 1)
          runq.push({ kind: "resume", actor: w.who, result: `TimeoutError(${now - w.start})` })
        }
      }
      drain()
    }
  }
  for (let wi = 0; wi < workers.length; wi++) workerNext(wi)
  for (let a = 0; a < actors.length; a++) exec(a)
  for (const k of plan.kills) heap.add(k.t, { kind: "kill", actor: k.actor })
  loop()
  const end = now + 1
  now = end
  const parked = poppers.length + finishers.length
  log.push(`${end} end ${stateText()} timeout=0 inactive=${parked}`)
  if (!destroyed) destroyQ(true)
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
        yield* Copas.setErrorHandler(() => Effect.void, { default: true })
        const base = yield* nowMs
        const ms = Effect.map(nowMs, (t) => t - base)
        const q = yield* Queue.make<number>()
        const stateText = Effect.gen(function*() {
          const s = yield* Effect.either(Queue.getSize(q))
          const w = yield* Effect.either(Queue.getWorkers(q))
          if (s._tag === "Left" && w._tag === "Left") return "D"
          return `s=${s._tag === "Right" ? s.right : "?"} wk=${w._tag === "Right" ? w.right.length : "?"}`
        })
        for (let wi = 0; wi < plan.workers; wi++) {
          yield* Queue.addWorker(q, (item: number) =>
            Effect.gen(function*() {
              log.push(`${yield* ms} w${wi} got ${item}`)
              const [hold, fails] = plan.handling.get(item)!
              yield* Copas.sleep(hold)
              log.push(`${yield* ms} w${wi} ${fails ? "failed" : "done"} ${item}`)
              if (fails) return yield* Effect.fail("boom")
            }))
        }
        const tasks: Array<Copas.Task> = []
        for (let a = 0; a < plan.actors.length; a++) {
          const ops = plan.actors[a]!
          tasks.push(yield* Copas.addThread(Effect.gen(function*() {
            for (const op of ops) {
              const t0 = yield* ms
              if (op.t > t0) yield* Copas.sleep(op.t - t0)
              const call: Effect.Effect<unknown, unknown> = op.kind === "push"
                ? Queue.push(q, op.item)
                : op.kind === "pop"
                ? Queue.pop(q, op.timeout)
                : op.kind === "stop"
                ? Queue.stop(q)
                : op.kind === "finish"
                ? Queue.finish(q, op.timeout, op.noDestroy)
                : Queue.destroy(q)
              const exit = yield* Effect.exit(call)
              log.push(`${yield* ms} a${a} ${opText(op)} -> ${describeExit(exit, (v) => typeof v === "number" ? ` ${v}` : "")} ${yield* stateText}`)
            }
          }).pipe(Effect.onInterrupt(() => Effect.map(ms, (t) => { log.push(`${t} a${a} interrupted`) })))))
        }
        for (const k of plan.kills) yield* Copas.addThread(Effect.zipRight(Copas.sleep(k.t), Copas.removeThread(tasks[k.actor]!)))
        yield* Copas.sleep(end)
        const s = yield* Copas.status()
        log.push(`${yield* ms} end ${yield* stateText} timeout=${s.timeout} inactive=${s.inactive}`)
        yield* Effect.ignore(Queue.destroy(q))
        yield* Copas.sleep(1)
        const s2 = yield* Copas.status()
        log.push(`${yield* ms} after timeout=${s2.timeout} inactive=${s2.inactive}`)
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

modelSuite("Queue", "random push/pop/stop/finish/destroy scripts with workers match the model", (s) => model(planOf(s)), check, (r) => `workers ${r.plan.workers}`)

/**
 * Randomized model check of sleep / pause / pauseForever / wakeup / removeThread / Copas.timeout
 * interleavings: tasks run scripts of those calls; the time each sleep returns (and the Duration
 * it reports), every wakeup's result (NotSleepingError when the task is not sleeping), the
 * timeouts' callbacks, and the instant Copas.run returns are compared with a synchronous model of
 * reference §2.2–2.3 and the README (parked tasks do not keep the loop alive; a pending timeout
 * with a parked task does).
 */
import { Clock, Duration, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import { type Dispatcher, seeded } from "./util/copas.js"
import { describeExit, driveToEnd, EventHeap, modelSuite } from "./util/model.js"

type Op =
  | { readonly kind: "sleep"; readonly d: number }
  | { readonly kind: "pause"; readonly d: number }
  | { readonly kind: "park"; readonly viaSleep: boolean }
  | { readonly kind: "wake"; readonly j: number }
  | { readonly kind: "remove"; readonly j: number }
  | { readonly kind: "timeout"; readonly d: number; readonly cb: "wake" | "remove" }

const opText = (op: Op): string =>
  op.kind === "sleep" || op.kind === "pause"
    ? `${op.kind}(${op.d})`
    : op.kind === "park"
    ? (op.viaSleep ? "sleep(-1)" : "pauseForever")
    : op.kind === "timeout"
    ? `timeout(${op.d},${op.cb})`
    : `${op.kind}(t${(op as { j: number }).j})`

export const planOf = (seed: number): ReadonlyArray<ReadonlyArray<Op>> => {
  const rnd = seeded(seed * 11 + 1)
  const n = 2 + rnd(5)
  const tasks: Array<Array<Op>> = []
  for (let i = 0; i < n; i++) {
    const ops: Array<Op> = []
    const len = 1 + rnd(8)
    for (let k = 0; k < len; k++) {
      const r = rnd(100)
      if (r < 38) ops.push({ kind: "sleep", d: 1 + rnd(500) })
      else if (r < 46) ops.push({ kind: "pause", d: 1 + rnd(500) })
      else if (r < 58) ops.push({ kind: "park", viaSleep: rnd(2) === 0 })
      else if (r < 75) ops.push({ kind: "wake", j: rnd(n) })
      else if (r < 81) ops.push({ kind: "remove", j: rnd(n) })
      else if (r < 95) ops.push({ kind: "timeout", d: 1 + rnd(800), cb: rnd(3) === 0 ? "remove" : "wake" })
      else ops.push({ kind: "timeout", d: 0, cb: "wake" })
    }
    tasks.push(ops)
  }
  return tasks
}

type Ev = { kind: "sleepEnd"; i: number } | { kind: "timeout"; i: number; cb: "wake" | "remove" }
type Run =
  | { kind: "resume"; i: number; slept: number }
  | { kind: "interrupt"; i: number }
  | { kind: "callback"; i: number; cb: "wake" | "remove" }
  | { kind: "start"; i: number }

export const model = (plan: ReadonlyArray<ReadonlyArray<Op>>) => {
  const log: Array<string> = []
  const heap = new EventHeap<Ev>()
  const runq: Array<Run> = []
  const times: Array<number> = []
  let now = 0
  const tasks = plan.map(() => ({
    pc: 0,
    state: "idle" as "idle" | "sleeping" | "parked" | "ready" | "done" | "dead",
    removed: false,
    sleepId: -1,
    start: 0,
    timeoutId: undefined as number | undefined
  }))
  const end = (i: number, state: "done" | "dead") => {
    const t = tasks[i]!
    t.state = state
    if (t.timeoutId !== undefined) heap.remove(t.timeoutId)
    t.timeoutId = undefined
  }
  /** wakeup(j): the task's sleep ends now (it runs later) */
  const wake = (j: number): boolean => {
    const t = tasks[j]!
    if (t.removed || (t.state !== "sleeping" && t.state !== "parked")) return false
    if (t.state === "sleeping") heap.remove(t.sleepId)
    t.state = "ready"
    runq.push({ kind: "resume", i: j, slept: now - t.start })
    return true
  }
  const remove = (j: number) => {
    const t = tasks[j]!
    if (t.state === "done" || t.state === "dead" || t.removed) return
    t.removed = true
    if (t.state === "sleeping") heap.remove(t.sleepId)
    runq.push({ kind: "interrupt", i: j })
  }
  const exec = (i: number) => {
    const t = tasks[i]!
    const ops = plan[i]!
    for (;;) {
      if (t.pc >= ops.length) return end(i, "done")
      const op = ops[t.pc++]!
      if (op.kind === "sleep" || op.kind === "pause") {
        t.state = "sleeping"
        t.start = now
        t.sleepId = heap.add(now + op.d, { kind: "sleepEnd", i })
        return
      }
      if (op.kind === "park") {
        t.state = "parked"
        t.start = now
        return
      }
      if (op.kind === "wake") log.push(`${now} t${i} ${opText(op)} -> ${wake(op.j) ? "ok" : "NotSleepingError"}`)
      else if (op.kind === "remove") {
        // removing itself: interrupted at once
        if (op.j === i) {
          log.push(`${now} t${i} ${opText(op)} -> ok`)
          log.push(`${now} t${i} interrupted`)
          return end(i, "dead")
        }
        remove(op.j)
        log.push(`${now} t${i} ${opText(op)} -> ok`)
      } else {
        if (t.timeoutId !== undefined) heap.remove(t.timeoutId)
        t.timeoutId = op.d === 0 ? undefined : heap.add(now + op.d, { kind: "timeout", i, cb: op.cb })
        log.push(`${now} t${i} ${opText(op)} -> ok`)
      }
    }
  }
  const drain = () => {
    while (runq.length > 0) {
      const r = runq.shift()!
      const t = tasks[r.i]!
      if (r.kind === "start") {
        // a task removed before it started never runs (no finalizer either)
        if (t.removed) end(r.i, "dead")
        else exec(r.i)
      } else if (r.kind === "callback") {
        if (r.cb === "wake") log.push(`${now} cb(t${r.i}) wake -> ${wake(r.i) ? "ok" : "NotSleepingError"}`)
        else {
          remove(r.i)
          log.push(`${now} cb(t${r.i}) remove`)
        }
      } else if (r.kind === "resume") {
        if (t.state === "dead") continue
        if (t.removed) {
          log.push(`${now} t${r.i} interrupted`)
          end(r.i, "dead")
          continue
        }
        t.state = "idle"
        log.push(`${now} t${r.i} ${opText(plan[r.i]![t.pc - 1]!)} -> ${r.slept}`)
        exec(r.i)
      } else {
        if (t.state === "dead" || t.state === "done") continue
        log.push(`${now} t${r.i} interrupted`)
        end(r.i, "dead")
      }
    }
  }
  // the initializer adds the tasks: they start in order, each running until it blocks
  for (let i = 0; i < tasks.length; i++) runq.push({ kind: "start", i })
  drain()
  for (;;) {
    // the loop goes on while anything is timed (a pending timeout belongs to a live task)
    const next = heap.pop()
    if (next === undefined) break
    now = next.t
    times.push(now)
    const e = next.e
    const t = tasks[e.i]!
    if (e.kind === "sleepEnd") {
      t.state = "ready"
      runq.push({ kind: "resume", i: e.i, slept: now - t.start })
    } else {
      t.timeoutId = undefined
      runq.push({ kind: "callback", i: e.i, cb: e.cb })
    }
    drain()
  }
  // at the end of the run the tasks still parked are interrupted (their finalizers run)
  tasks.forEach((t, i) => {
    if (t.state === "parked") log.push(`${now} t${i} interrupted`)
  })
  log.push(`${now} run returned`)
  return { log, times }
}

const runImpl = (plan: ReadonlyArray<ReadonlyArray<Op>>, times: ReadonlyArray<number>) =>
  Effect.gen(function*() {
    const log: Array<string> = []
    let d: Dispatcher | undefined
    let over = false
    const base = yield* Clock.currentTimeMillis
    const ms = Effect.map(Clock.currentTimeMillis, (t) => t - base)
    const push = (line: string) => {
      if (!over) log.push(line)
    }
    const init = Effect.gen(function*() {
      d = yield* Copas.Copas
      const tasks: Array<Copas.Task> = []
      for (let i = 0; i < plan.length; i++) {
        const ops = plan[i]!
        tasks.push(yield* Copas.addThread(Effect.gen(function*() {
          for (const op of ops) {
            if (op.kind === "sleep" || op.kind === "pause" || op.kind === "park") {
              const slept = yield* (op.kind === "sleep"
                ? Copas.sleep(op.d)
                : op.kind === "pause"
                ? Copas.pause(op.d)
                : op.viaSleep
                ? Copas.sleep(-1)
                : Copas.pauseForever)
              push(`${yield* ms} t${i} ${opText(op)} -> ${Duration.toMillis(slept)}`)
            } else if (op.kind === "wake") {
              const exit = yield* Effect.exit(Copas.wakeup(tasks[op.j]!))
              push(`${yield* ms} t${i} ${opText(op)} -> ${describeExit(exit)}`)
            } else if (op.kind === "remove") {
              push(`${yield* ms} t${i} ${opText(op)} -> ok`)
              yield* Copas.removeThread(tasks[op.j]!)
            } else {
              const cb = op.cb
              yield* Copas.timeout(op.d, (task) =>
                cb === "wake"
                  ? Effect.gen(function*() {
                    const exit = yield* Effect.exit(Copas.wakeup(task))
                    push(`${yield* ms} cb(t${i}) wake -> ${describeExit(exit)}`)
                  })
                  : Effect.gen(function*() {
                    yield* Copas.removeThread(task)
                    push(`${yield* ms} cb(t${i}) remove`)
                  }))
              push(`${yield* ms} t${i} ${opText(op)} -> ok`)
            }
          }
        }).pipe(Effect.onInterrupt(() => Effect.map(ms, (t) => push(`${t} t${i} interrupted`))))))
      }
    })
    const fiber = yield* Effect.fork(Effect.zipRight(Copas.run(init), Effect.flatMap(ms, (t) => Effect.sync(() => {
      log.push(`${t} run returned`)
      over = true
    }))))
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

modelSuite("sleep/wakeup/removeThread/timeout", "random scripts match the model", (s) => model(planOf(s)), check)

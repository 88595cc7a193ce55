import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Fiber, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import { CancelledError } from "effect-copas/Errors"
import * as Future from "effect-copas/Future"
import { type Dispatcher, failure, seeded, settle, start, stepThrough, waitList } from "./util/copas.js"

/** `ok <value>` for a success, the error's tag (or the string) for a failure, `defect` for a defect. */
const outcome = <A, E>(exit: Exit.Exit<A, E>): string => {
  if (Exit.isSuccess(exit)) return `ok ${String(exit.value)}`
  const e = Cause.failureOption(exit.cause)
  if (e._tag === "None") return Cause.isDie(exit.cause) ? "defect" : failure(exit)
  return typeof e.value === "string" ? e.value : (e.value as { _tag: string })._tag
}

const stateOf = (s: Future.State<unknown, unknown>): string =>
  s._tag === "Success" ? `Success ${String(s.value)}` : s._tag === "Failure" ? `Failure ${Cause.pretty(s.cause).split("\n")[0]}` : s._tag

describe("Future", () => {
  it.effect("a getter removed in the same step as the future is cancelled ends silently (no CancelledError report)", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      yield* Copas.run(Effect.gen(function*() {
        yield* Copas.setErrorHandler((cause) => Effect.sync(() => log.push(`reported: ${Cause.squash(cause)}`)), { default: true })
        const f = yield* Future.addNamedThread("job", Copas.pauseForever)
        const getter = yield* Copas.addNamedThread(
          "getter",
          Future.get(f).pipe(Effect.onInterrupt(() => Effect.sync(() => log.push("getter interrupted"))))
        )
        yield* Copas.pause()
        yield* Copas.removeThread(getter)
        yield* Future.cancel(f)
        yield* Copas.pause()
      }))
      assert.deepStrictEqual(log, ["getter interrupted"])
    }))

  it.effect("addThread: get waits for the result; many waiters; later gets return it at once", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const f = yield* Future.addThread(Effect.zipRight(Copas.sleep(100), Effect.succeed(42)))
        assert.isTrue(Future.isFuture(f))
        assert.isFalse(Future.isFuture({}))
        for (const id of ["a", "b", "c"]) {
          yield* Copas.addThread(Effect.gen(function*() {
            const v = yield* Future.get(f)
            log.push(`${id} ${v} at ${(yield* Copas.getTime) * 1000}`)
          }))
        }
        yield* Copas.sleep(150)
        log.push(`cached ${yield* Future.get(f)}, as an effect ${yield* f}, ${JSON.stringify(waitList(f))}`)
      }))
      yield* TestClock.adjust(150)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, ["a 42 at 100", "b 42 at 100", "c 42 at 100", "cached 42, as an effect 42, {\"live\":0,\"ring\":0}"])
    }))

  it.effect("try: Pending, then Success with the value (undefined kept)", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const f = yield* Future.addThread(Effect.zipRight(Copas.sleep(10), Effect.succeed(undefined)))
        log.push(stateOf(yield* Future.try(f)))
        yield* Copas.sleep(11)
        log.push(stateOf(yield* Future.try(f)))
        log.push(outcome(yield* Effect.exit(Future.get(f))))
      }))
      yield* TestClock.adjust(11)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, ["Pending", "Success undefined", "ok undefined"])
    }))

  it.effect("failures and defects are captured in the future, not sent to the error handler", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      yield* Copas.run(Effect.gen(function*() {
        yield* Copas.setErrorHandler(() => Effect.sync(() => log.push("error handler called")), { default: true })
        const failing = yield* Future.addThread(Effect.fail("boom"))
        const dying = yield* Future.addThread(Effect.dieMessage("crash"))
        log.push(outcome(yield* Effect.exit(Future.get(failing))))
        log.push(outcome(yield* Effect.exit(Future.get(dying))))
        const s = yield* Future.try(failing)
        log.push(s._tag === "Failure" ? `try: Failure ${Cause.squash(s.cause)}` : `try: ${s._tag}`)
        log.push(outcome(yield* Effect.exit(failing)))
      }))
      assert.deepStrictEqual(log, ["boom", "defect", "try: Failure boom", "boom"])
    }))

  it.effect("cancel: waiters get CancelledError, the task is stopped (finalizers run); done futures return false", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const f = yield* Future.addThread(
          Effect.zipRight(Copas.sleep(100), Effect.sync(() => log.push("body continued"))).pipe(
            Effect.ensuring(Effect.sync(() => log.push("finalizer ran")))
          )
        )
        for (const id of ["a", "b"]) {
          yield* Copas.addThread(Effect.gen(function*() {
            const e = yield* Effect.exit(Future.get(f))
            log.push(`${id}: ${outcome(e)}`)
          }))
        }
        yield* Copas.sleep(10)
        log.push(`cancel: ${yield* Future.cancel(f)}`)
        yield* Copas.pause()
        log.push(`again: ${yield* Future.cancel(f)}`)
        log.push(stateOf(yield* Future.try(f)))
        const e = yield* Effect.exit(Future.get(f))
        assert.isTrue(Exit.isFailure(e) && Cause.failureOption(e.cause)._tag === "Some")
        assert.instanceOf((Cause.failureOption((e as Exit.Failure<unknown, unknown>).cause) as { value: unknown }).value, CancelledError)
        const done = yield* Future.addThread(Effect.succeed(1))
        yield* Future.get(done)
        log.push(`cancel done: ${yield* Future.cancel(done)}`)
        yield* Copas.sleep(200)
      }))
      yield* TestClock.adjust(210)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, [
        "cancel: true",
        "a: CancelledError",
        "b: CancelledError",
        "finalizer ran",
        "again: false",
        "Failure CancelledError: cancelled",
        "cancel done: false"
      ])
    }))

  it.effect("addNamedThread names the task (all three call forms); removeThread cancels the future", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      yield* Copas.run(Effect.gen(function*() {
        const f = yield* Future.addNamedThread("fetcher", Copas.getThreadName())
        const g = yield* Copas.pauseForever.pipe(Future.addNamedThread("sleeper"))
        const h = yield* Future.addNamedThread(Effect.void, "old-order") // Copas's old (fn, name)
        log.push(`${f.task.threadName} ${g.task.threadName} ${h.task.threadName}`)
        log.push(`f: ${yield* Future.get(f)}`)
        yield* Copas.removeThread(g.task)
        log.push(`g: ${outcome(yield* Effect.exit(Future.get(g)))}`)
      }))
      assert.deepStrictEqual(log, ["fetcher sleeper old-order", "f: fetcher", "g: CancelledError"])
    }))

  it.effect("an interrupted get leaves nothing behind", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const f = yield* Future.addThread(Effect.as(Copas.sleep(10), "v"))
        const w = yield* Copas.addThread(Future.get(f))
        const plain = yield* Effect.fork(Future.get(f))
        yield* Copas.addThread(Effect.flatMap(Future.get(f), (v) => Effect.sync(() => log.push(`third got ${v}`))))
        yield* Copas.sleep(5)
        log.push(`${JSON.stringify(waitList(f))} inactive ${(yield* Copas.status()).inactive}`)
        yield* Copas.removeThread(w)
        yield* Fiber.interrupt(plain)
        yield* Copas.pause()
        log.push(`live ${waitList(f).live} inactive ${(yield* Copas.status()).inactive}`)
        yield* Copas.sleep(10)
        log.push(`${JSON.stringify(waitList(f))} inactive ${(yield* Copas.status()).inactive}`)
      }))
      yield* TestClock.adjust(5)
      yield* TestClock.adjust(10)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, [
        "{\"live\":3,\"ring\":3} inactive 3",
        "live 1 inactive 1",
        "third got v",
        "{\"live\":0,\"ring\":0} inactive 0"
      ])
    }))

  it.effect("a waiting get does not keep the loop alive (the future's task does)", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      yield* Copas.run(Effect.gen(function*() {
        // at shutdown the waiter may see the future cancelled before its own interruption
        yield* Copas.setErrorHandler((cause) => Effect.sync(() => log.push(`reported: ${Cause.squash(cause)}`)), { default: true })
        const f = yield* Future.addThread(Copas.pauseForever)
        yield* Copas.addThread(Effect.ensuring(Future.get(f), Effect.sync(() => log.push("waiter stopped at shutdown"))))
      }))
      log.push("loop ended")
      assert.deepStrictEqual(log.filter((l) => !l.startsWith("reported: CancelledError")), ["waiter stopped at shutdown", "loop ended"])
    }))

  it.effect("ten thousand waiters are all released (Copas 4.11 stopped at 9,999)", () =>
    Effect.gen(function*() {
      const n = 10_000
      let released = 0
      let d: Dispatcher | undefined
      const fiber = yield* start(Effect.gen(function*() {
        d = yield* Copas.Copas
        const f = yield* Future.addThread(Effect.as(Copas.sleep(10), "done"))
        for (let i = 0; i < n; i++) {
          yield* Copas.addThread(Effect.flatMap(Future.get(f), (v) => Effect.sync(() => { if (v === "done") released++ })))
        }
      }))
      yield* settle(() => d)
      yield* TestClock.adjust(10)
      yield* Fiber.join(fiber)
      assert.strictEqual(released, n)
    }))

  it.live("get on the real clock", () =>
    Effect.gen(function*() {
      let v = ""
      const t0 = performance.now()
      yield* Copas.run(Effect.gen(function*() {
        const f = yield* Future.addThread(Effect.as(Copas.sleep(20), "late"))
        v = yield* f
      }))
      assert.strictEqual(v, "late")
      assert.isAtLeast(performance.now() - t0, 19)
    }))

  // A model check: 30 futures that succeed, fail or die at random times, with gets, tries and
  // cancels from other tasks at random times, against Copas's rules: a get waits for the result
  // (or returns it at once), a cancel of a pending future makes it CancelledError for every
  // waiter at that moment and returns true, a cancel of a done future returns false and changes
  // nothing, try tells the state now.
  it.effect("model check: results, gets, tries and cancels under random operations", () =>
    Effect.gen(function*() {
      const plan = futurePlan()
      const seen: Array<string> = []
      let d: Dispatcher | undefined
      const fiber = yield* start(Effect.gen(function*() {
        d = yield* Copas.Copas
        const ms = Effect.map(Copas.getTime, (t) => Math.round(t * 1000))
        const futures: Array<Future.Future<number, string>> = []
        for (const f of plan.futures) {
          futures.push(yield* Future.addThread(Effect.zipRight(
            Copas.sleep(f.at),
            f.end === "ok" ? Effect.succeed(f.i) : f.end === "fail" ? Effect.fail(`e${f.i}`) : Effect.die(new Error("boom"))
          )))
        }
        for (const op of plan.ops) {
          yield* Copas.addThread(Effect.gen(function*() {
            yield* Copas.sleep(op.at)
            const f = futures[op.i]!
            if (op.kind === "get") {
              const r = outcome(yield* Effect.exit(Future.get(f)))
              seen.push(`get ${op.i} from ${op.at}: ${r} at ${yield* ms}`)
            } else if (op.kind === "try") {
              const st = yield* Future.try(f)
              seen.push(`try ${op.i} at ${op.at}: ${st._tag}`)
            } else seen.push(`cancel ${op.i} at ${op.at}: ${yield* Future.cancel(f)}`)
          }))
        }
      }))
      yield* stepThrough(plan.times, () => d)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual([...seen].sort(), [...plan.expected].sort())
      for (const what of ["ok", "e", "defect", "CancelledError", "true", "false", "Pending", "Failure"]) {
        assert.isTrue(plan.expected.some((l) => l.includes(`: ${what}`)), what)
      }
    }))
})

/** The future model check's plan (fixed seed) and what Copas's rules make of it. */
const futurePlan = () => {
  for (let seed = 1; ; seed++) {
    const rnd = seeded(seed)
    const ends = ["ok", "ok", "fail", "die"] as const
    const futures = Array.from({ length: 30 }, (_, i) => ({ i, at: 10 * (1 + rnd(500)), end: ends[rnd(ends.length)]! }))
    const kinds = ["get", "get", "try", "cancel"] as const
    const ops = Array.from({ length: 150 }, () => ({ kind: kinds[rnd(kinds.length)]!, i: rnd(futures.length), at: 10 * rnd(600) + 5 }))
    // the simulation: a future ends at its own time with its result, or at the first cancel
    // that comes before that with CancelledError; every op then reads the state at its time
    const end = futures.map((f) => ({ at: f.at, result: f.end === "ok" ? `ok ${f.i}` : f.end === "fail" ? `e${f.i}` : "defect" }))
    const sorted = [...ops].sort((a, b) => a.at - b.at)
    for (const op of sorted) {
      const e = end[op.i]!
      if (op.kind === "cancel" && op.at < e.at) end[op.i] = { at: op.at, result: "CancelledError" }
    }
    const expected: Array<string> = []
    const times = new Set<number>()
    const firstCancel = new Set<number>()
    for (const op of sorted) {
      const e = end[op.i]!
      times.add(op.at)
      if (op.kind === "cancel") {
        // true only for the cancel that ended it
        const ended = e.result === "CancelledError" && e.at === op.at && !firstCancel.has(op.i)
        if (ended) firstCancel.add(op.i)
        expected.push(`cancel ${op.i} at ${op.at}: ${ended}`)
      } else if (op.kind === "try") {
        expected.push(`try ${op.i} at ${op.at}: ${op.at < e.at ? "Pending" : e.result.startsWith("ok") ? "Success" : "Failure"}`)
      } else {
        expected.push(`get ${op.i} from ${op.at}: ${e.result} at ${Math.max(op.at, e.at)}`)
        times.add(Math.max(op.at, e.at))
      }
    }
    for (const f of futures) times.add(f.at)
    // ops are at ...5 ms, ends at ...0 ms: an op never shares a millisecond with an end; two ops
    // on one future at the same millisecond would make their order matter
    const keys = ops.map((op) => `${op.i}@${op.at}`)
    if (new Set(keys).size === keys.length) return { futures, ops, expected, times: [...times].sort((a, b) => a - b) }
  }
}

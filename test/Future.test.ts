import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Fiber, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import { CancelledError } from "effect-copas/Errors"
import * as Future from "effect-copas/Future"
import { type Dispatcher, failure, settle, start, waitList } from "./util/copas.js"

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
})

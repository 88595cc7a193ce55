import { assert, describe, it } from "@effect/vitest"
import { Cause, Duration, Effect, Exit, Fiber, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import { AlreadyArmedError, AlreadyCancelledError, NotArmedError } from "effect-copas/Errors"
import * as Timer from "effect-copas/Timer"
import { start } from "./util/copas.js"

describe("Timer", () => {
  it.effect("a one-shot timer fires once after its delay, then the loop ends", () =>
    Effect.gen(function*() {
      const log: Array<number> = []
      const fiber = yield* start(Effect.gen(function*() {
        yield* Timer.make({ delay: "1 second", callback: () => Effect.map(Copas.getTime, (t) => log.push(t)) })
      }))
      yield* TestClock.adjust(999)
      assert.deepStrictEqual(log, [])
      yield* TestClock.adjust(1)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, [1])
    }))

  it.effect("a timer with delay 0 fires under TestClock without moving the clock", () =>
    Effect.gen(function*() {
      const log: Array<number> = []
      const fiber = yield* start(Effect.gen(function*() {
        yield* Timer.make({ delay: 0, callback: () => Effect.map(Copas.getTime, (t) => log.push(t)) })
      }))
      yield* Fiber.join(fiber) // hangs if a deadline that is already due never fires
      assert.deepStrictEqual(log, [0])
    }))

  it.effect("the guide's hello world: a recurring timer cancelled after five runs", () =>
    Effect.gen(function*() {
      const lines: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        let count = 0
        yield* Timer.make({
          delay: 1000,
          recurring: true,
          callback: (timer) =>
            Effect.gen(function*() {
              count++
              lines.push(`hello world ${count}`)
              if (count >= 5) yield* Timer.cancel(timer)
            })
        })
      }))
      for (let i = 0; i < 5; i++) yield* TestClock.adjust(1000)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(lines, [1, 2, 3, 4, 5].map((n) => `hello world ${n}`))
    }))

  it.effect("initialDelay, params (identity kept), name and spaced recurrence", () =>
    Effect.gen(function*() {
      const params = { id: 1 }
      const seen: Array<[number, unknown, string]> = []
      const fiber = yield* start(Effect.gen(function*() {
        yield* Timer.make({
          delay: 300,
          initialDelay: 100,
          recurring: true,
          params,
          name: "ticker",
          callback: (timer, p) =>
            Effect.gen(function*() {
              seen.push([(yield* Copas.getTime) * 1000, p, yield* Copas.getThreadName()])
              if (seen.length === 3) yield* Timer.cancel(timer)
            })
        })
      }))
      yield* TestClock.adjust(700)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(seen.map((s) => s[0]), [100, 400, 700])
      assert.strictEqual(seen[0]![1], params)
      assert.strictEqual(seen[0]![2], "ticker")
    }))

  it.effect("default names are copas_timer_<n>", () =>
    Effect.gen(function*() {
      const timer = yield* Timer.make({ delay: 10, callback: () => Effect.void }).pipe(Effect.provide(Copas.layer))
      assert.match(timer.name, /^copas_timer_\d+$/)
      assert.strictEqual(Duration.toMillis(timer.delay), 10)
      assert.isFalse(timer.recurring)
    }))

  it.effect("a recurring timer keeps running after its callback fails; errors reach its handler", () =>
    Effect.gen(function*() {
      const reports: Array<string> = []
      let runs = 0
      const fiber = yield* start(Effect.gen(function*() {
        yield* Timer.make({
          delay: 100,
          recurring: true,
          name: "flaky",
          errorHandler: (cause, task) => Effect.sync(() => reports.push(`${task.threadName}: ${Cause.squash(cause)}`)),
          callback: (timer) =>
            Effect.gen(function*() {
              runs++
              if (runs === 3) yield* Timer.cancel(timer)
              if (runs <= 2) return yield* Effect.fail("failed run")
            })
        })
      }))
      yield* TestClock.adjust(300)
      yield* Fiber.join(fiber)
      assert.strictEqual(runs, 3)
      assert.deepStrictEqual(reports, ["flaky: failed run", "flaky: failed run"])
    }))

  it.effect("plain Effect.sync callbacks (the driver's fast path): a throw is a defect for the handler, the timer goes on", () =>
    Effect.gen(function*() {
      const reports: Array<string> = []
      const times: Array<number> = []
      let runs = 0
      let timer: Timer.Timer | undefined
      const fiber = yield* start(Effect.gen(function*() {
        timer = yield* Timer.make({
          delay: 100,
          recurring: true,
          name: "syncy",
          errorHandler: (cause, task) => Effect.sync(() => reports.push(`${task.threadName}: ${Cause.squash(cause)}`)),
          callback: () => {
            runs++
            if (runs === 2) throw new Error("callback threw")
            return Effect.sync(() => {
              times.push(runs)
              if (runs === 3) throw new Error("thunk threw")
            })
          }
        })
        yield* Copas.sleep(450)
        yield* Timer.cancel(timer)
      }))
      yield* TestClock.adjust(500)
      yield* Fiber.join(fiber)
      assert.strictEqual(runs, 4)
      assert.deepStrictEqual(times, [1, 3, 4])
      assert.deepStrictEqual(reports, ["syncy: Error: callback threw", "syncy: Error: thunk threw"])
      assert.isFalse(timer!.armed)
    }))

  it.effect("a one-shot timer can re-arm itself from its callback", () =>
    Effect.gen(function*() {
      const times: Array<number> = []
      const fiber = yield* start(Effect.gen(function*() {
        yield* Timer.make({
          delay: 100,
          callback: (timer) =>
            Effect.gen(function*() {
              times.push((yield* Copas.getTime) * 1000)
              if (times.length < 3) yield* Timer.arm(timer, 50)
            })
        })
      }))
      yield* TestClock.adjust(200)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(times, [100, 150, 200])
    }))

  it.effect("a recurring timer re-arming itself gets AlreadyArmedError", () =>
    Effect.gen(function*() {
      let error: unknown
      const fiber = yield* start(Effect.gen(function*() {
        yield* Timer.make({
          delay: 100,
          recurring: true,
          callback: (timer) =>
            Effect.gen(function*() {
              error = yield* Effect.flip(Timer.arm(timer))
              yield* Timer.cancel(timer)
            })
        })
      }))
      yield* TestClock.adjust(100)
      yield* Fiber.join(fiber)
      assert.instanceOf(error, AlreadyArmedError)
    }))

  it.effect("cancel: NotArmedError after a one-shot fired, AlreadyCancelledError twice; re-arm after cancel", () =>
    Effect.gen(function*() {
      const errors: Array<unknown> = []
      let fired = 0
      const fiber = yield* start(Effect.gen(function*() {
        const t = yield* Timer.make({ delay: 100, callback: () => Effect.sync(() => fired++) })
        yield* Copas.sleep(150)
        errors.push(yield* Effect.flip(Timer.cancel(t)))
        yield* Timer.arm(t)
        yield* Timer.cancel(t)
        errors.push(yield* Effect.flip(Timer.cancel(t)))
        assert.isTrue(t.cancelled)
        yield* Timer.arm(t, 10)
        assert.isFalse(t.cancelled)
      }))
      yield* TestClock.adjust(150)
      yield* TestClock.adjust(10)
      yield* Fiber.join(fiber)
      assert.instanceOf(errors[0], NotArmedError)
      assert.instanceOf(errors[1], AlreadyCancelledError)
      assert.strictEqual(fired, 2)
    }))

  it.effect("cancel lets a running callback finish but stops the recurrence", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const t = yield* Timer.make({
          delay: 100,
          recurring: true,
          callback: () =>
            Effect.gen(function*() {
              log.push("start")
              yield* Copas.sleep(50)
              log.push("end")
            })
        })
        yield* Copas.sleep(120)
        yield* Timer.cancel(t)
      }))
      yield* TestClock.adjust(120)
      yield* TestClock.adjust(500)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, ["start", "end"])
    }))

  it.effect("a callback that suspends does not hold back the other due timers", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        yield* Timer.make({ delay: 100, callback: () => Effect.zipRight(Copas.sleep(1000), Effect.sync(() => log.push("slow done"))) })
        yield* Timer.make({ delay: 100, callback: () => Effect.sync(() => log.push("fast")) })
        yield* Timer.make({ delay: 100, callback: () => Effect.sync(() => log.push("fast too")) })
      }))
      yield* TestClock.adjust(100)
      assert.deepStrictEqual(log, ["fast", "fast too"])
      yield* TestClock.adjust(1000)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, ["fast", "fast too", "slow done"])
    }))

  it.effect("bad arguments are defects with Copas's messages", () =>
    Effect.gen(function*() {
      const e1 = yield* Effect.exit(Timer.make({ delay: -1, callback: () => Effect.void }).pipe(Effect.provide(Copas.layer)))
      assert.match(Cause.pretty((e1 as Exit.Failure<never, never>).cause), /delay must be greater than or equal to 0/)
      const e2 = yield* Effect.exit(Timer.make({ delay: 1, callback: 5 as never }).pipe(Effect.provide(Copas.layer)))
      assert.match(Cause.pretty((e2 as Exit.Failure<never, never>).cause), /expected callback to be a function/)
      const e3 = yield* Effect.exit(Timer.make({ delay: NaN, callback: () => Effect.void }).pipe(Effect.provide(Copas.layer)))
      assert.isTrue(Exit.isFailure(e3))
    }))

  it.effect("cancelAll stops armed timers", () =>
    Effect.gen(function*() {
      let fired = 0
      const fiber = yield* start(Effect.gen(function*() {
        yield* Timer.make({ delay: 100, recurring: true, callback: () => Effect.sync(() => fired++) })
        yield* Copas.sleep(250)
        yield* Copas.cancelAll
      }))
      yield* TestClock.adjust(250)
      yield* TestClock.adjust(1000)
      yield* Fiber.join(fiber)
      assert.strictEqual(fired, 2)
    }))

  it.live("real clock: a recurring timer fires at its period", () =>
    Effect.gen(function*() {
      const times: Array<number> = []
      yield* Copas.run(Effect.gen(function*() {
        yield* Timer.make({
          delay: 20,
          recurring: true,
          callback: (t) =>
            Effect.gen(function*() {
              times.push(performance.now())
              if (times.length === 3) yield* Timer.cancel(t)
            })
        })
      }))
      assert.strictEqual(times.length, 3)
      assert.isAtLeast(times[2]! - times[0]!, 39)
    }))
})

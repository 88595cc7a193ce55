import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Fiber, Option, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import { DestroyedError, TimeoutError, TooManyError } from "effect-copas/Errors"
import * as Semaphore from "effect-copas/Semaphore"
import { type Dispatcher, errorOf, failure, leftovers, preemptIn, settle, start, waitList, waitPlan, stepThrough, assertOutcomes, runPlan, runToEnd, seeded } from "./util/copas.js"

/** `tag` of a failed exit, `ok` for a success. */
const outcome = <A, E>(exit: Exit.Exit<A, E>): string =>
  Exit.isSuccess(exit) ? "ok" : (errorOf(exit) as { _tag: string })._tag

// The type-level check: a Copas semaphore is an Effect.Semaphore.
type IsEffectSemaphore = Semaphore.Semaphore extends Effect.Semaphore ? true : false
const isEffectSemaphore: IsEffectSemaphore = true

describe("Semaphore", () => {
  it.effect("one resource (the default) cannot fail with TooManyError, and the types say so", () =>
    Effect.gen(function*() {
      yield* Copas.run(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 1, start: 1 })
        // (type checks: `npm test` compiles this file; one resource has no TooManyError)
        const one: Effect.Effect<void, TimeoutError | DestroyedError, never> = Semaphore.take(sem)
        const piped: Effect.Effect<void, TimeoutError | DestroyedError, never> = sem.pipe(Semaphore.take(1))
        const guarded: Effect.Effect<string, TimeoutError | DestroyedError, never> = Effect.succeed("in").pipe(
          Semaphore.withPermits(sem)
        )
        const n: number = 2
        // @ts-expect-error: a count that is not the literal 1 may be over `max`
        const many: Effect.Effect<void, TimeoutError | DestroyedError, never> = Semaphore.take(sem, n)
        yield* one
        yield* Semaphore.give(sem)
        yield* piped
        yield* Semaphore.give(sem)
        assert.strictEqual(yield* guarded, "in")
        const err = yield* Effect.flip(many)
        assert.instanceOf(err, TooManyError)
      }))
    }))

  it.effect("take and give also come piped (data-last)", () =>
    Effect.gen(function*() {
      let got: Array<unknown> = []
      yield* Copas.run(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 3, start: 3 })
        yield* sem.pipe(Semaphore.take(2, 0))
        yield* sem.pipe(Semaphore.take())
        const none = yield* Effect.flip(sem.pipe(Semaphore.take(1, 0)))
        yield* sem.pipe(Semaphore.give(2))
        const two = yield* Semaphore.getCount(sem)
        yield* sem.pipe(Semaphore.give())
        got = [none._tag, two, yield* Semaphore.getCount(sem)]
      }))
      assert.deepStrictEqual(got, ["TimeoutError", 2, 3])
    }))

  it.effect("take and give; getCount; the start count; a take that fits is immediate", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      yield* Copas.run(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 3, start: 2 })
        assert.strictEqual(sem.max, 3)
        assert.strictEqual(sem.timeout, 10_000)
        log.push(`count ${yield* Semaphore.getCount(sem)}`)
        yield* Semaphore.take(sem)
        yield* Semaphore.take(sem, 1)
        log.push(`count ${yield* Semaphore.getCount(sem)}`)
        yield* Semaphore.give(sem, 3)
        log.push(`count ${yield* Semaphore.getCount(sem)}`)
        const empty = yield* Semaphore.make({ max: 1 })
        log.push(`default start ${yield* Semaphore.getCount(empty)}`)
      }))
      assert.deepStrictEqual(log, ["count 2", "count 0", "count 3", "default start 0"])
    }))

  it.effect("the default timeout is 10 seconds", () =>
    Effect.gen(function*() {
      let exit: Exit.Exit<void, unknown> | undefined
      const fiber = yield* start(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 1 })
        exit = yield* Effect.exit(Semaphore.take(sem))
      }))
      yield* TestClock.adjust(9_999)
      assert.isUndefined(exit)
      yield* TestClock.adjust(1)
      yield* Fiber.join(fiber)
      const e = errorOf(exit!) as TimeoutError
      assert.instanceOf(e, TimeoutError)
      assert.strictEqual(e.operation, "semaphore")
      assert.strictEqual(e.waited, 10_000)
    }))

  it.effect("take(n > max) fails at once with TooManyError", () =>
    Effect.gen(function*() {
      let e: unknown
      yield* Copas.run(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 3, start: 3 })
        e = errorOf(yield* Effect.exit(Semaphore.take(sem, 4, Infinity)))
        assert.strictEqual(yield* Semaphore.getCount(sem), 3)
      }))
      assert.instanceOf(e, TooManyError)
      assert.strictEqual((e as TooManyError).reason, "too many")
      assert.deepStrictEqual([(e as TooManyError).requested, (e as TooManyError).max], [4, 3])
    }))

  it.effect("give beyond max caps the count, fails with TooManyError, and still serves waiters", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      yield* Copas.run(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 3, start: 2 })
        log.push(outcome(yield* Effect.exit(Semaphore.give(sem, 2))))
        log.push(`count ${yield* Semaphore.getCount(sem)}`)
        yield* Semaphore.take(sem, 3)
        yield* Copas.addThread(Effect.zipRight(Semaphore.take(sem, 2), Effect.sync(() => log.push("waiter served"))))
        yield* Copas.pause()
        log.push(outcome(yield* Effect.exit(Semaphore.give(sem, 5))))
        log.push(`count ${yield* Semaphore.getCount(sem)}`)
        yield* Copas.pause()
      }))
      assert.deepStrictEqual(log, ["TooManyError", "count 3", "TooManyError", "count 1", "waiter served"])
    }))

  it.effect("strict FIFO: a queued big request blocks a later small one (no barging)", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 5, start: 2 })
        yield* Copas.addNamedThread("big", Effect.zipRight(Semaphore.take(sem, 5), Effect.sync(() => log.push("big served"))))
        yield* Copas.addNamedThread("small", Effect.zipRight(Semaphore.take(sem, 1), Effect.sync(() => log.push("small served"))))
        yield* Copas.pause()
        // Copas verified: take(1, 0) fails with count 2 while a take(5) is queued
        log.push(`take(1, 0) with count ${yield* Semaphore.getCount(sem)}: ${outcome(yield* Effect.exit(Semaphore.take(sem, 1, 0)))}`)
        yield* Semaphore.give(sem, 2)
        yield* Copas.pause()
        log.push(`count ${yield* Semaphore.getCount(sem)}`)
        yield* Semaphore.give(sem, 1)
        yield* Copas.pause()
        log.push(`count ${yield* Semaphore.getCount(sem)}`)
        yield* Semaphore.give(sem, 1)
        yield* Copas.pause()
      }))
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, [
        "take(1, 0) with count 2: TimeoutError",
        "count 4",
        "big served",
        "count 0",
        "small served"
      ])
    }))

  it.effect("requests are served in arrival order while the head one fits", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      yield* Copas.run(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 10 })
        for (const [id, n] of [["a", 2], ["b", 1], ["c", 3], ["d", 1]] as const) {
          yield* Copas.addThread(Effect.zipRight(Semaphore.take(sem, n), Effect.sync(() => log.push(id))))
        }
        yield* Copas.pause()
        yield* Semaphore.give(sem, 4) // a and b fit, c (3) does not: d waits behind it
        yield* Copas.pause()
        log.push(`count ${yield* Semaphore.getCount(sem)}`)
        yield* Semaphore.give(sem, 3)
        yield* Copas.pause()
      }))
      assert.deepStrictEqual(log, ["a", "b", "count 1", "c", "d"])
    }))

  it.effect("a big request that times out at the head lets the smaller ones behind it through", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 5, start: 2 })
        yield* Copas.addThread(Effect.gen(function*() {
          const e = yield* Effect.exit(Semaphore.take(sem, 5, 100))
          log.push(`big: ${outcome(e)} at ${(yield* Copas.getTime) * 1000}`)
        }))
        yield* Copas.addThread(Effect.gen(function*() {
          yield* Semaphore.take(sem, 2)
          log.push(`small: ok at ${(yield* Copas.getTime) * 1000}`)
        }))
      }))
      yield* TestClock.adjust(99)
      assert.deepStrictEqual(log, [])
      yield* TestClock.adjust(1)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, ["big: TimeoutError at 100", "small: ok at 100"])
    }))

  it.effect("getWait: requested minus count; -count with no waiters; give(getWait()) releases everyone", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      yield* Copas.run(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 10, start: 3 })
        log.push(`no waiters: ${yield* Semaphore.getWait(sem)}`)
        yield* Semaphore.take(sem, 3)
        for (const n of [2, 4]) yield* Copas.addThread(Effect.zipRight(Semaphore.take(sem, n), Effect.sync(() => log.push(`got ${n}`))))
        yield* Copas.pause()
        log.push(`waiting for 6: ${yield* Semaphore.getWait(sem)}`)
        yield* Semaphore.give(sem, 1)
        log.push(`after give(1): ${yield* Semaphore.getWait(sem)}`)
        yield* Semaphore.give(sem, yield* Semaphore.getWait(sem))
        yield* Copas.pause()
        log.push(`count ${yield* Semaphore.getCount(sem)}, wait ${yield* Semaphore.getWait(sem)}`)
      }))
      assert.deepStrictEqual(log, ["no waiters: -3", "waiting for 6: 6", "after give(1): 5", "got 2", "got 4", "count 0, wait 0"])
    }))

  it.effect("a zero timeout fails at once and leaves no waiter behind", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      yield* Copas.run(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 5, start: 1 })
        const e = errorOf(yield* Effect.exit(Semaphore.take(sem, 3, 0))) as TimeoutError
        log.push(`${e._tag} ${e.waited}`)
        log.push(`wait ${yield* Semaphore.getWait(sem)}, ring ${waitList(sem).ring}, ${JSON.stringify(yield* leftovers)}`)
        yield* Semaphore.give(sem, 2)
        log.push(`count ${yield* Semaphore.getCount(sem)}`)
      }))
      assert.deepStrictEqual(log, ["TimeoutError 0", "wait -1, ring 0, {\"timeout\":0,\"inactive\":0}", "count 3"])
    }))

  it.effect("interrupted waiters are skipped and their requests withdrawn", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      yield* Copas.run(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 5 })
        const big = yield* Copas.addThread(Effect.zipRight(Semaphore.take(sem, 4), Effect.sync(() => log.push("big served"))))
        const plain = yield* Effect.fork(Semaphore.take(sem, 1, Infinity))
        yield* Copas.addThread(Effect.zipRight(Semaphore.take(sem, 1), Effect.sync(() => log.push("small served"))))
        yield* Copas.pause()
        log.push(`wait ${yield* Semaphore.getWait(sem)}`)
        yield* Fiber.interrupt(plain)
        yield* Copas.removeThread(big) // the head leaves: the small one behind it fits now
        yield* Semaphore.give(sem, 1)
        yield* Copas.pause()
        log.push(`wait ${yield* Semaphore.getWait(sem)}, ring ${waitList(sem).ring}, ${JSON.stringify(yield* leftovers)}`)
      }))
      assert.deepStrictEqual(log, ["wait 6", "small served", "wait 0, ring 0, {\"timeout\":0,\"inactive\":0}"])
    }))

  it.effect("waits inside Effect's own combinators (timeout, race, uninterruptible) behave", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 2, timeout: Infinity })
        // Effect.timeout interrupts the wait: nothing stays queued
        const t = yield* Effect.exit(Semaphore.take(sem, 2).pipe(Effect.timeout("100 millis")))
        log.push(`timeout: ${Exit.isFailure(t) ? Cause.squash(t.cause) instanceof Cause.TimeoutException : "?"}, wait ${yield* Semaphore.getWait(sem)}`)
        // the loser of a race is interrupted and withdraws; the winner keeps what it took
        yield* Copas.addThread(Effect.zipRight(Copas.sleep(50), Semaphore.give(sem, 1)))
        const r = yield* Effect.race(Semaphore.take(sem, 1).pipe(Effect.as("a")), Semaphore.take(sem, 1).pipe(Effect.as("b")))
        log.push(`race: ${r === "a" || r === "b"}, count ${yield* Semaphore.getCount(sem)}, wait ${yield* Semaphore.getWait(sem)}`)
        // an uninterruptible wait is not cut short: removeThread takes effect once it is served
        // (then the task ends at once, holding the resource: as with any uninterruptible take)
        const task = yield* Copas.addThread(Effect.gen(function*() {
          yield* Effect.uninterruptible(
            Effect.zipRight(Semaphore.take(sem, 1), Effect.sync(() => log.push("uninterruptible wait served")))
          )
          yield* Copas.sleep(1_000)
          log.push("must not run")
        }))
        yield* Copas.sleep(10)
        yield* Copas.removeThread(task)
        yield* Copas.sleep(10)
        yield* Semaphore.give(sem, 1)
        yield* Copas.sleep(10)
        log.push(`count ${yield* Semaphore.getCount(sem)}, wait ${yield* Semaphore.getWait(sem)}, ${JSON.stringify(yield* leftovers)}`)
      }))
      yield* TestClock.adjust(100)
      yield* TestClock.adjust(50)
      for (let i = 0; i < 3; i++) yield* TestClock.adjust(10)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, [
        "timeout: true, wait 0",
        "race: true, count 0, wait 0",
        "uninterruptible wait served",
        "count 0, wait 0, {\"timeout\":0,\"inactive\":0}"
      ])
    }))

  it.effect("withPermits waits inside Effect's combinators and under removeThread; uninterruptible callers wait on", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 2, timeout: Infinity })
        const state = Effect.map(
          Effect.all([Semaphore.getCount(sem), leftovers]),
          ([c, l]) => `count ${c}, waiters ${waitList(sem).live}, ${JSON.stringify(l)}`
        )
        const body = (name: string) => Effect.sync(() => log.push(`${name} ran`))
        // Effect.timeout (a child fiber's wait) interrupts it: nothing stays queued
        const t = yield* Effect.exit(Semaphore.withPermits(body("timeout"), sem, 2).pipe(Effect.timeout("100 millis")))
        log.push(`timeout: ${Exit.isFailure(t) ? Cause.squash(t.cause) instanceof Cause.TimeoutException : "?"}; ${yield* state}`)
        // the winner runs and gives back (served by that, the loser runs too before it is told)
        yield* Copas.addThread(Effect.zipRight(Copas.sleep(50), Semaphore.give(sem, 1)))
        yield* Effect.race(Semaphore.withPermits(body("a"), sem, 1), Semaphore.withPermits(body("a"), sem, 1))
        log.push(`race; ${yield* state}`)
        // a task removed while it waits (a task's own wait) ends without running the effect
        yield* Semaphore.take(sem, 1)
        const removed = yield* Copas.addThread(sem.withPermits(1)(body("removed")))
        yield* Copas.sleep(10)
        yield* Copas.removeThread(removed)
        yield* Copas.sleep(10)
        log.push(`removed; ${yield* state}`)
        // an uninterruptible caller waits on; removed meanwhile, it runs the effect and gives back
        const stubborn = yield* Copas.addThread(Effect.uninterruptible(Semaphore.withPermits(body("stubborn"), sem, 1)))
        yield* Copas.sleep(10)
        yield* Copas.removeThread(stubborn)
        yield* Copas.sleep(10)
        yield* Semaphore.give(sem, 1)
        yield* Copas.sleep(10)
        log.push(`stubborn; ${yield* state}`)
      }))
      yield* TestClock.adjust(100)
      yield* TestClock.adjust(50)
      for (let i = 0; i < 5; i++) yield* TestClock.adjust(10)
      yield* Fiber.join(fiber)
      const clean = `waiters 0, {"timeout":0,"inactive":0}`
      assert.deepStrictEqual(log, [
        `timeout: true; count 0, ${clean}`,
        "a ran",
        "a ran",
        `race; count 1, ${clean}`,
        `removed; count 0, ${clean}`,
        "stubborn ran",
        `stubborn; count 1, ${clean}`
      ])
    }))

  it.effect("a waiter interrupted right after the hand-off gives its resources back", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      yield* Copas.run(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 2 })
        const first = yield* Copas.addThread(Effect.zipRight(Semaphore.take(sem, 2), Effect.sync(() => log.push("first resumed"))))
        yield* Copas.addThread(Effect.zipRight(Semaphore.take(sem, 1), Effect.sync(() => log.push("second served"))))
        yield* Copas.pause()
        yield* Semaphore.give(sem, 2) // handed to `first`, interrupted before it resumes
        yield* Copas.removeThread(first)
        yield* Copas.pause()
        yield* Copas.pause()
        log.push(`count ${yield* Semaphore.getCount(sem)}`)
      }))
      assert.deepStrictEqual(log, ["second served", "count 1"])
    }))

  it.effect("destroy releases every waiter (more than max) with DestroyedError; later calls fail", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 1, timeout: Infinity })
        for (const t of [undefined, 300, Infinity]) {
          yield* Copas.addThread(Effect.gen(function*() {
            const e = errorOf(yield* Effect.exit(Semaphore.take(sem, 1, t))) as DestroyedError
            log.push(`${e._tag} ${e.reason} ${e.waited}`)
          }))
        }
        yield* Copas.sleep(50)
        yield* Semaphore.destroy(sem)
        yield* Copas.pause()
        log.push(JSON.stringify(yield* leftovers))
        const ops: Array<Effect.Effect<unknown, unknown>> = [
          Semaphore.take(sem),
          Semaphore.give(sem),
          Semaphore.getCount(sem),
          Semaphore.getWait(sem),
          Semaphore.destroy(sem)
        ]
        for (const op of ops) log.push(outcome(yield* Effect.exit(op)))
      }))
      yield* TestClock.adjust(50)
      yield* Fiber.join(fiber)
      // #118/#119: no timeout fires later either
      assert.deepStrictEqual(log, [
        "DestroyedError destroyed 50",
        "DestroyedError destroyed 50",
        "DestroyedError destroyed 50",
        "{\"timeout\":0,\"inactive\":0}",
        "DestroyedError",
        "DestroyedError",
        "DestroyedError",
        "DestroyedError",
        "DestroyedError"
      ])
    }))

  it.effect("thousands of waiters with mixed timeouts, interruptions and a destroy leave nothing behind", () =>
    Effect.gen(function*() {
      const n = 4_000
      const counts = { ok: 0, timeout: 0, destroyed: 0, interrupted: 0 }
      let after = ""
      let d: Dispatcher | undefined
      const fiber = yield* start(Effect.gen(function*() {
        d = yield* Copas.Copas
        const sem = yield* Semaphore.make({ max: 3 })
        const tasks: Array<Copas.Task> = []
        for (let i = 0; i < n; i++) {
          // i % 5: 0 → 0 ms, 1 → 20–29 ms, 2 → Infinity, 3 → 1 s, 4 → default (10 s)
          const timeout = [0, 20 + (i % 10), Infinity, 1_000, undefined][i % 5]
          tasks.push(yield* Copas.addThread(Effect.gen(function*() {
            const exit = yield* Effect.exit(Semaphore.take(sem, 1 + (i % 3), timeout))
            if (Exit.isSuccess(exit)) counts.ok++
            else if (errorOf(exit)._tag === "TimeoutError") counts.timeout++
            else counts.destroyed++
          }).pipe(Effect.onInterrupt(() => Effect.sync(() => counts.interrupted++)))))
        }
        yield* Copas.sleep(10)
        for (let i = 0; i < n; i++) if (i % 10 === 2 || i % 10 === 8) yield* Copas.removeThread(tasks[i]!)
        yield* Copas.sleep(40)
        yield* Semaphore.destroy(sem)
        yield* Copas.pause()
        after = `ring ${waitList(sem).ring} ${JSON.stringify(yield* leftovers)}`
      }))
      for (const step of [0, 10, 10, 10, 20]) {
        yield* settle(() => d)
        yield* TestClock.adjust(step)
      }
      yield* Fiber.join(fiber)
      // i % 10 = 2 (Infinity) and 8 (1 s) were removed: n / 5 of them
      assert.deepStrictEqual(counts, { ok: 0, timeout: (2 * n) / 5, interrupted: n / 5, destroyed: (2 * n) / 5 })
      assert.strictEqual(after, "ring 0 {\"timeout\":0,\"inactive\":0}")
    }))

  it.effect("bad arguments are defects with Copas's messages", () =>
    Effect.gen(function*() {
      const cases: Array<[Effect.Effect<unknown, unknown, Copas.Copas>, string]> = [
        [Semaphore.make({ max: 0 }), "expected max resources (1st argument) to be a number greater than 0, got: 0"],
        [Semaphore.make({ max: NaN }), "expected max resources (1st argument) to be a number greater than 0, got: NaN"],
        [Semaphore.make({ max: "3" as unknown as number }), "expected max resources (1st argument) to be a number greater than 0, got: 3"],
        [Semaphore.make({ max: 1, timeout: -1 }), "expected timeout (3rd argument) to be a number greater than or equal to 0, got: -1"],
        [Effect.flatMap(Semaphore.make({ max: 1 }), (s) => Semaphore.take(s, 1, -1)), "expected timeout (2nd argument) to be a number greater than or equal to 0, got: -1"],
        [Effect.flatMap(Semaphore.make({ max: 1 }), (s) => Semaphore.take(s, NaN)), "got: NaN"],
        [Effect.flatMap(Semaphore.make({ max: 1 }), (s) => Semaphore.give(s, -1)), "got: -1"]
      ]
      for (const [effect, message] of cases) {
        const exit = yield* Effect.exit(effect.pipe(Effect.provide(Copas.layer)))
        assert.isTrue(Exit.isFailure(exit) && Cause.isDie(exit.cause), failure(exit))
        assert.include(failure(exit), message)
      }
    }))

  it.effect("withPermits holds resources around the effect (both call forms) and gives them back", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      let peak = 0
      let inside = 0
      const fiber = yield* start(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 2, start: 2 })
        const job = (i: number) =>
          Effect.gen(function*() {
            inside++
            peak = Math.max(peak, inside)
            yield* Copas.sleep(10)
            inside--
            if (i === 3) yield* Effect.fail("job 3 failed")
          })
        for (let i = 0; i < 6; i++) {
          yield* Copas.addThread(Effect.exit(i % 2 ? job(i).pipe(Semaphore.withPermits(sem)) : Semaphore.withPermits(job(i), sem, 1)))
        }
        yield* Copas.sleep(35)
        log.push(`count ${yield* Semaphore.getCount(sem)}`)
        // a timeout of its own: nobody gives the resources back in time
        yield* Semaphore.take(sem, 2)
        const e = yield* Effect.exit(Effect.void.pipe(Semaphore.withPermits(sem, 1, 100)))
        log.push(`timed out: ${outcome(e)}`)
      }))
      yield* TestClock.adjust(135)
      yield* Fiber.join(fiber)
      assert.strictEqual(peak, 2)
      assert.deepStrictEqual(log, ["count 2", "timed out: TimeoutError"])
    }))

  // A task can be pre-empted (op count, due timer) at any instruction and removed while it is
  // queued: the sweep puts that moment at every instruction of withPermits in turn.
  it.effect("withPermits (both forms): a task pre-empted and removed at any point of taking them gives them back", () =>
    Effect.gen(function*() {
      const ran: Array<boolean> = []
      const lost: Array<string> = []
      for (const form of ["copas", "effect"] as const) {
        for (let k = 0; k < 40; k++) {
          yield* Copas.run(Effect.gen(function*() {
            const sem = yield* Semaphore.make({ max: 2, start: 2 })
            let inside = false
            const body = Effect.sync(() => { inside = true })
            const task = yield* Copas.addThread(Effect.gen(function*() {
              yield* preemptIn(k)
              yield* form === "copas" ? Semaphore.withPermits(body, sem, 2) : sem.withPermits(2)(body)
            }))
            yield* Copas.addThread(Copas.removeThread(task)) // runs while the task is pre-empted
            yield* Copas.pause()
            yield* Copas.pause()
            ran.push(inside)
            const count = yield* Semaphore.getCount(sem)
            if (count !== 2) lost.push(`${form} ${k}: count ${count}`)
          }))
        }
      }
      assert.isTrue(ran.includes(true) && ran.includes(false))
      assert.deepStrictEqual(lost, [])
    }))

  it.effect("withPermits: a task removed before its wait starts does not wait", () =>
    Effect.gen(function*() {
      const waiting: Array<number> = []
      for (let k = 0; k < 40; k++) {
        yield* Copas.run(Effect.gen(function*() {
          const sem = yield* Semaphore.make({ max: 1, start: 0, timeout: Infinity })
          const task = yield* Copas.addThread(Effect.gen(function*() {
            yield* preemptIn(k)
            yield* Semaphore.withPermits(Effect.void, sem, 1)
          }))
          yield* Copas.addThread(Copas.removeThread(task))
          yield* Copas.pause()
          yield* Copas.pause()
          if (waitList(sem).live > 0) waiting.push(k)
          yield* Semaphore.give(sem, 1)
        }))
      }
      assert.deepStrictEqual(waiting, [])
    }))

  describe("as an Effect.Semaphore", () => {
    it.effect("is assignable to Effect.Semaphore and usable by code that takes one", () =>
      Effect.gen(function*() {
        assert.isTrue(isEffectSemaphore)
        const useIt = (s: Effect.Semaphore) => s.withPermits(1)(Effect.succeed("ran"))
        let result = ""
        yield* Copas.run(Effect.gen(function*() {
          const sem = yield* Semaphore.make({ max: 1, start: 1 })
          result = yield* useIt(sem)
          assert.isTrue(Semaphore.isSemaphore(sem))
          assert.isFalse(Semaphore.isSemaphore({}))
        }))
        assert.strictEqual(result, "ran")
      }))

    it.effect("take returns the permits taken; release and releaseAll return the count; no timeout", () =>
      Effect.gen(function*() {
        const log: Array<string> = []
        const fiber = yield* start(Effect.gen(function*() {
          const sem: Effect.Semaphore = yield* Semaphore.make({ max: 4, start: 4, timeout: 10 })
          log.push(`take ${yield* sem.take(3)}`)
          log.push(`release ${yield* sem.release(1)}`)
          yield* Copas.addThread(Effect.gen(function*() {
            yield* sem.take(4) // waits past the 10 ms default timeout of Copas's take
            log.push(`big take served at ${(yield* Copas.getTime) * 1000}`)
          }))
          yield* Copas.sleep(50)
          // the waiter is served at once: what is left is 0 (Effect's own would say 4 and wake it later)
          log.push(`releaseAll ${yield* sem.releaseAll}`)
          yield* Copas.pause()
          log.push(`release over max ${yield* sem.release(9)}`)
        }))
        yield* TestClock.adjust(50)
        yield* Fiber.join(fiber)
        assert.deepStrictEqual(log, ["take 3", "release 2", "releaseAll 0", "big take served at 50", "release over max 4"])
      }))

    it.effect("withPermits waits in FIFO order; withPermitsIfAvailable does not wait and does not barge", () =>
      Effect.gen(function*() {
        const log: Array<string> = []
        yield* Copas.run(Effect.gen(function*() {
          const sem = yield* Semaphore.make({ max: 2, start: 2 })
          yield* Copas.addThread(sem.withPermits(2)(Effect.zipRight(Copas.pause(), Effect.sync(() => log.push("a")))))
          yield* Copas.addThread(sem.withPermits(2)(Effect.sync(() => log.push("b"))))
          yield* Copas.pause()
          // a holds both, b is queued
          log.push(`if available: ${Option.isSome(yield* sem.withPermitsIfAvailable(1)(Effect.succeed(1)))}`)
          yield* Copas.pause()
          yield* Copas.pause()
          log.push(`count ${yield* Semaphore.getCount(sem)}`)
          const got = yield* sem.withPermitsIfAvailable(2)(Effect.map(Semaphore.getCount(sem), (n) => `inside count ${n}`))
          log.push(Option.getOrElse(got, () => "none"))
          log.push(`after ${yield* Semaphore.getCount(sem)}`)
          // a request above max cannot wait: a defect, not a hang
          const exit = yield* Effect.exit(sem.take(3))
          log.push(`take(3): ${Exit.isFailure(exit) && Cause.isDie(exit.cause) ? "defect" : "?"}`)
          // with a request queued, free resources are not taken by withPermitsIfAvailable
          yield* sem.take(1)
          yield* Copas.addThread(sem.take(2))
          yield* Copas.pause()
          log.push(`count ${yield* Semaphore.getCount(sem)}: ${Option.isSome(yield* sem.withPermitsIfAvailable(1)(Effect.void))}`)
          yield* sem.release(1)
        }))
        assert.deepStrictEqual(log, [
          "if available: false",
          "a",
          "b",
          "count 2",
          "inside count 0",
          "after 2",
          "take(3): defect",
          "count 1: false"
        ])
      }))

    it.effect("resize changes max and moves the count by the difference; waiters are served", () =>
      Effect.gen(function*() {
        const log: Array<string> = []
        yield* Copas.run(Effect.gen(function*() {
          const sem = yield* Semaphore.make({ max: 2, start: 2 })
          yield* sem.take(2)
          yield* Copas.addThread(Effect.zipRight(sem.take(2), Effect.sync(() => log.push("waiter served"))))
          yield* Copas.pause()
          yield* sem.resize(4)
          yield* Copas.pause()
          log.push(`max ${sem.max}, count ${yield* Semaphore.getCount(sem)}`)
          yield* sem.resize(1)
          log.push(`max ${sem.max}, count ${yield* Semaphore.getCount(sem)}`)
          log.push(`release ${yield* sem.release(4)}`)
          const exit = yield* Effect.exit(sem.resize(0))
          log.push(`resize(0): ${Exit.isFailure(exit) && Cause.isDie(exit.cause) ? "defect" : "?"}`)
        }))
        assert.deepStrictEqual(log, ["waiter served", "max 4, count 0", "max 1, count -3", "release 1", "resize(0): defect"])
      }))

    it.effect("interface methods on a destroyed semaphore are defects", () =>
      Effect.gen(function*() {
        const log: Array<string> = []
        yield* Copas.run(Effect.gen(function*() {
          const sem = yield* Semaphore.make({ max: 2, start: 2 })
          yield* Semaphore.destroy(sem)
          for (const op of [sem.take(1), sem.release(1), sem.releaseAll, sem.resize(3), sem.withPermits(1)(Effect.void)]) {
            const exit = yield* Effect.exit(op as Effect.Effect<unknown>)
            log.push(Exit.isFailure(exit) && Cause.isDie(exit.cause) && Cause.pretty(exit.cause).includes("DestroyedError") ? "d" : "?")
          }
        }))
        assert.deepStrictEqual(log, ["d", "d", "d", "d", "d"])
      }))
  })

  // The model check of Lock.test.ts with 3 permits and requests of 1–3: a request that does not fit
  // blocks the ones behind it, and one that leaves the head (timeout, interruption) lets them through.
  it.effect("model check: FIFO hand-offs of 1–3 permits and exact timeouts under random load", () =>
    Effect.gen(function*() {
      const plan = waitPlan(3, 3)
      const seen: Array<string> = []
      let d: Dispatcher | undefined
      let after = ""
      const fiber = yield* start(Effect.gen(function*() {
        d = yield* Copas.Copas
        const sem = yield* Semaphore.make({ max: 3, start: 3 }) // default timeout 10 s
        yield* runPlan(
          plan.waiters,
          seen,
          (w) => Effect.as(Semaphore.take(sem, w.n, w.timeout), ""),
          (w) => Semaphore.give(sem, w.n)
        )
        yield* Copas.sleep(plan.times[plan.times.length - 1]! + 1)
        after = `count ${yield* Semaphore.getCount(sem)} ${JSON.stringify(yield* leftovers)}`
      }))
      yield* stepThrough([...plan.times, plan.times[plan.times.length - 1]! + 1], () => d)
      yield* Fiber.join(fiber)
      assertOutcomes(seen, plan.expected)
      assert.strictEqual(after, "count 3 {\"timeout\":0,\"inactive\":0}")
      // (the plan has 193 hand-offs, 14 timeouts and 9 interruptions)
      assert.isAtLeast(plan.counts.timeout, 10)
      assert.isAtLeast(plan.counts.interrupted, 5)
      assert.isAtLeast(plan.counts.got, 100)
    }), 30_000)

  // withPermits under fire: 60 tasks hold 1–3 of 3 permits around sleeps, with their own short
  // timeouts or none, while other tasks remove them at random moments (waiting, just served, or
  // inside). The permits held never exceed 3, and every permit comes back: no leak, no waiter left.
  it.effect("withPermits with random interruptions and timeouts: never over the limit, nothing leaks", () =>
    Effect.gen(function*() {
      const rnd = seeded(5)
      let held = 0
      let peak = 0
      let after = ""
      const inside = new Set<number>()
      const outcomes = { ok: 0, timeout: 0, interrupted: 0 }
      let d: Dispatcher | undefined
      const fiber = yield* start(Effect.gen(function*() {
        d = yield* Copas.Copas
        const sem = yield* Semaphore.make({ max: 3, start: 3 })
        const tasks: Array<Copas.Task> = []
        for (let i = 0; i < 60; i++) {
          const n = 1 + rnd(3)
          const timeout = rnd(3) === 0 ? 10 * (1 + rnd(30)) : undefined
          const hold = 10 * (1 + rnd(20))
          const body = Effect.gen(function*() {
            held += n
            peak = Math.max(peak, held)
            inside.add(i)
            yield* Copas.sleep(hold).pipe(Effect.ensuring(Effect.sync(() => {
              held -= n
              inside.delete(i)
            })))
          })
          tasks.push(yield* Copas.addThread(Effect.gen(function*() {
            yield* Copas.sleep(rnd(500))
            const exit = yield* Effect.exit(Semaphore.withPermits(body, sem, n, timeout))
            if (Exit.isSuccess(exit)) outcomes.ok++
            else outcomes.timeout++
          }).pipe(Effect.onInterrupt(() => Effect.sync(() => { outcomes.interrupted++ })))))
        }
        // half the removals hit a task that holds permits at that moment
        for (let k = 0; k < 30; k++) {
          const pick = rnd(tasks.length)
          const holder = rnd(2) === 0
          yield* Copas.addThread(Effect.zipRight(
            Copas.sleep(rnd(3_000)),
            Effect.suspend(() => {
              const victim = holder && inside.size > 0 ? [...inside][pick % inside.size]! : pick
              return Copas.removeThread(tasks[victim]!)
            })
          ))
        }
        // (the plan asks for about four seconds of all three permits)
        while (outcomes.ok + outcomes.timeout + outcomes.interrupted < 60) yield* Copas.sleep(50)
        after = `count ${yield* Semaphore.getCount(sem)} held ${held} ${JSON.stringify(yield* leftovers)}`
      }))
      yield* runToEnd(fiber, () => d)
      assert.strictEqual(after, "count 3 held 0 {\"timeout\":0,\"inactive\":0}")
      assert.isAtMost(peak, 3)
      assert.strictEqual(outcomes.ok + outcomes.timeout + outcomes.interrupted, 60)
      assert.isAtLeast(outcomes.interrupted, 10)
      assert.isAtLeast(outcomes.timeout, 3)
    }))

  it.live("a wait is served on the real clock by a give from a sleeping task", () =>
    Effect.gen(function*() {
      let at = -1
      const t0 = performance.now()
      yield* Copas.run(Effect.gen(function*() {
        const sem = yield* Semaphore.make({ max: 1 })
        yield* Copas.addThread(Effect.zipRight(Copas.sleep(30), Semaphore.give(sem)))
        yield* Semaphore.take(sem, 1, "1 second")
        at = performance.now() - t0
      }))
      assert.isAtLeast(at, 29)
      assert.isBelow(at, 500)
    }))
})

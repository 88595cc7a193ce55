import { assert, describe, it } from "@effect/vitest"
import { Cause, Duration, Effect, Exit, Fiber, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import { DestroyedError, NotOwnerError, TimeoutError } from "effect-copas/Errors"
import * as Lock from "effect-copas/Lock"
import * as Timer from "effect-copas/Timer"
import { type Dispatcher, errorOf, failure, leftovers, preemptIn, settle, start, waitList, waitPlan, stepThrough, assertOutcomes, runPlan, runToEnd, seeded } from "./util/copas.js"

describe("Lock", () => {
  it.effect("get also comes piped (data-last)", () =>
    Effect.gen(function*() {
      let got: Array<unknown> = []
      yield* Copas.run(Effect.gen(function*() {
        const lock = yield* Lock.make({ reentrant: false })
        const waited = yield* lock.pipe(Lock.get())
        const again = yield* Effect.flip(lock.pipe(Lock.get(0)))
        yield* Lock.release(lock)
        got = [Duration.toMillis(waited), again._tag]
      }))
      assert.deepStrictEqual(got, [0, "TimeoutError"])
    }))

  it.effect("hands the lock over in FIFO order; get returns the time waited", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const lock = yield* Lock.make()
        for (let i = 0; i < 3; i++) {
          yield* Copas.addThread(Effect.gen(function*() {
            const waited = yield* Lock.get(lock)
            log.push(`${i} after ${Duration.toMillis(waited)}`)
            yield* Copas.sleep(100)
            yield* Lock.release(lock)
          }))
        }
      }))
      yield* TestClock.adjust(300)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, ["0 after 0", "1 after 100", "2 after 200"])
    }))

  it.effect("no barging: a release hands the lock to the queued waiter, not to a newcomer", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const lock = yield* Lock.make()
        yield* Lock.get(lock)
        yield* Copas.addNamedThread("waiter", Effect.gen(function*() {
          yield* Lock.get(lock)
          log.push("waiter owns it")
          yield* Lock.release(lock)
        }))
        yield* Copas.pause()
        yield* Lock.release(lock)
        // the waiter has not run yet, but the lock is already its own
        const again = yield* Effect.exit(Lock.get(lock, 0))
        log.push(`newcomer: ${Exit.isSuccess(again) ? "got it" : errorOf(again)._tag}`)
        yield* Lock.get(lock) // queued behind the waiter
        log.push("initializer owns it again")
      }))
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, ["newcomer: TimeoutError", "waiter owns it", "initializer owns it again"])
    }))

  it.effect("defaults: re-entrant, 10 second timeout (TimeoutError with the time waited)", () =>
    Effect.gen(function*() {
      let result: Exit.Exit<Duration.Duration, TimeoutError | DestroyedError> | undefined
      let props: [number, boolean] | undefined
      const fiber = yield* start(Effect.gen(function*() {
        const lock = yield* Lock.make()
        props = [lock.timeout, lock.reentrant]
        yield* Lock.get(lock)
        yield* Copas.addThread(Effect.gen(function*() {
          result = yield* Effect.exit(Lock.get(lock))
        }))
      }))
      yield* TestClock.adjust(9_999)
      assert.isUndefined(result)
      yield* TestClock.adjust(1)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(props, [10_000, true])
      const e = errorOf(result!)
      assert.instanceOf(e, TimeoutError)
      assert.strictEqual(e.reason, "timeout")
      assert.strictEqual((e as TimeoutError).waited, 10_000)
    }))

  it.effect("re-entrant: the owner takes it again and must release as many times", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const lock = yield* Lock.make()
        for (let i = 0; i < 3; i++) assert.strictEqual(Duration.toMillis(yield* Lock.get(lock)), 0)
        yield* Copas.addThread(Effect.gen(function*() {
          const waited = yield* Lock.get(lock)
          log.push(`other got it after ${Duration.toMillis(waited)}`)
        }))
        yield* Copas.sleep(10)
        yield* Lock.release(lock)
        yield* Copas.sleep(10)
        yield* Lock.release(lock)
        yield* Copas.sleep(10)
        log.push("two releases done")
        yield* Lock.release(lock)
        yield* Copas.pause()
        // the other task ended without releasing: the lock stays its (as in Copas)
        log.push(`release now: ${errorOf(yield* Effect.exit(Lock.release(lock)))._tag}`)
      }))
      yield* TestClock.adjust(30)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, ["two releases done", "other got it after 30", "release now: NotOwnerError"])
    }))

  it.effect("release by a task that does not own it fails with NotOwnerError", () =>
    Effect.gen(function*() {
      const errors: Array<unknown> = []
      yield* Copas.run(Effect.gen(function*() {
        const lock = yield* Lock.make()
        errors.push(errorOf(yield* Effect.exit(Lock.release(lock)))) // free
        yield* Lock.get(lock)
        yield* Copas.addThread(Effect.gen(function*() {
          errors.push(errorOf(yield* Effect.exit(Lock.release(lock)))) // owned by the initializer
        }))
        yield* Copas.pause()
        yield* Lock.release(lock)
      }))
      assert.strictEqual(errors.length, 2)
      for (const e of errors) {
        assert.instanceOf(e, NotOwnerError)
        assert.strictEqual((e as NotOwnerError).reason, "cannot release a lock not owned")
      }
    }))

  it.effect("non-re-entrant: taking it again blocks the owner until the timeout", () =>
    Effect.gen(function*() {
      let second: Exit.Exit<Duration.Duration, TimeoutError | DestroyedError> | undefined
      let releasedAfter = false
      const fiber = yield* start(Effect.gen(function*() {
        const lock = yield* Lock.make({ timeout: "200 millis", reentrant: false })
        assert.isFalse(lock.reentrant)
        yield* Lock.get(lock)
        second = yield* Effect.exit(Lock.get(lock))
        yield* Lock.release(lock) // still the owner
        releasedAfter = true
      }))
      yield* TestClock.adjust(199)
      assert.isUndefined(second)
      yield* TestClock.adjust(1)
      yield* Fiber.join(fiber)
      assert.strictEqual((errorOf(second!) as TimeoutError).waited, 200)
      assert.isTrue(releasedAfter)
    }))

  it.effect("get with a zero timeout fails at once and leaves no waiter behind", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      yield* Copas.run(Effect.gen(function*() {
        const lock = yield* Lock.make()
        yield* Copas.addNamedThread("owner", Effect.gen(function*() {
          yield* Lock.get(lock)
          yield* Copas.pause()
          yield* Lock.release(lock)
        }))
        yield* Copas.pause()
        const e = errorOf(yield* Effect.exit(Lock.get(lock, 0))) as TimeoutError
        log.push(`${e._tag} ${e.waited}`)
        log.push(`waiting ${yield* Lock.waiting(lock)}, ring ${waitList(lock).ring}, ${JSON.stringify(yield* leftovers)}`)
        yield* Copas.pause()
        yield* Copas.pause()
        // Copas 4.11's bug #201: the failed caller stayed queued and was handed the lock
        const again = yield* Effect.exit(Lock.get(lock, 0))
        log.push(`after release: ${Exit.isSuccess(again) ? "free" : "poisoned"}`)
      }))
      assert.deepStrictEqual(log, [
        "TimeoutError 0",
        "waiting 0, ring 0, {\"timeout\":0,\"inactive\":0}",
        "after release: free"
      ])
    }))

  it.effect("waiters that timed out are skipped on hand-off", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const lock = yield* Lock.make()
        yield* Lock.get(lock)
        yield* Copas.addThread(Effect.gen(function*() {
          const e = yield* Effect.exit(Lock.get(lock, 50))
          log.push(`short: ${Exit.isSuccess(e) ? "got it" : `${errorOf(e)._tag} after ${(errorOf(e) as TimeoutError).waited}`}`)
        }))
        yield* Copas.addThread(Effect.gen(function*() {
          const waited = yield* Lock.get(lock, Infinity)
          log.push(`long: got it after ${Duration.toMillis(waited)}`)
          yield* Lock.release(lock)
        }))
        yield* Copas.sleep(100)
        log.push(`waiting ${yield* Lock.waiting(lock)}`)
        yield* Lock.release(lock)
      }))
      yield* TestClock.adjust(100)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, ["short: TimeoutError after 50", "waiting 1", "long: got it after 100"])
    }))

  it.effect("interrupted waiters are skipped on hand-off and leave nothing behind", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const lock = yield* Lock.make()
        yield* Lock.get(lock)
        const removed = yield* Copas.addThread(Effect.gen(function*() {
          yield* Lock.get(lock)
          log.push("removed task got the lock")
        }))
        // a plain fiber (not a task) waiting too, interrupted with Fiber.interrupt
        const plain = yield* Effect.fork(Lock.get(lock, Infinity))
        yield* Copas.addThread(Effect.gen(function*() {
          yield* Lock.get(lock)
          log.push("third got it")
          yield* Lock.release(lock)
        }))
        yield* Copas.pause()
        log.push(`waiting ${yield* Lock.waiting(lock)}`)
        yield* Copas.removeThread(removed)
        yield* Fiber.interrupt(plain)
        yield* Copas.pause()
        log.push(`waiting ${yield* Lock.waiting(lock)}, timeouts ${(yield* leftovers).timeout}`)
        yield* Lock.release(lock)
        yield* Copas.sleep(10)
        log.push(`ring ${waitList(lock).ring}, ${JSON.stringify(yield* leftovers)}`)
      }))
      yield* TestClock.adjust(10)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, [
        "waiting 3",
        "waiting 1, timeouts 1",
        "third got it",
        "ring 0, {\"timeout\":0,\"inactive\":0}"
      ])
    }))

  it.effect("a waiter interrupted right after the hand-off passes the lock on", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      yield* Copas.run(Effect.gen(function*() {
        const lock = yield* Lock.make()
        yield* Lock.get(lock)
        const first = yield* Copas.addThread(Effect.gen(function*() {
          yield* Lock.get(lock)
          log.push("first resumed")
        }))
        yield* Copas.addThread(Effect.gen(function*() {
          const waited = yield* Lock.get(lock)
          log.push(`second got it`)
          yield* Lock.release(lock)
          assert.isAtLeast(Duration.toMillis(waited), 0)
        }))
        yield* Copas.pause()
        // the lock is handed to `first`, whose fiber is interrupted before it resumes
        yield* Lock.release(lock)
        yield* Copas.removeThread(first)
        yield* Copas.pause()
        yield* Copas.pause()
        log.push(`free: ${Exit.isSuccess(yield* Effect.exit(Lock.get(lock, 0)))}`)
      }))
      assert.deepStrictEqual(log, ["second got it", "free: true"])
    }))

  it.effect("after a wait (served, timed out or destroyed) the task is interruptible again", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const lock = yield* Lock.make()
        const other = yield* Lock.make()
        yield* Lock.get(lock)
        yield* Lock.get(other)
        const sleeper = (id: string, wait: Effect.Effect<unknown, unknown>) =>
          Copas.addThread(Effect.gen(function*() {
            log.push(`${id}: ${Exit.isSuccess(yield* Effect.exit(wait)) ? "served" : "failed"}`)
            yield* Copas.sleep(1_000)
            log.push(`${id}: not interrupted`)
          }))
        const a = yield* sleeper("served", Lock.get(lock))
        const b = yield* sleeper("timed out", Lock.get(lock, 5))
        const c = yield* sleeper("destroyed", Lock.get(other))
        yield* Copas.sleep(10)
        yield* Lock.release(lock)
        yield* Lock.destroy(other)
        yield* Copas.sleep(10)
        for (const t of [a, b, c]) yield* Copas.removeThread(t)
        yield* Copas.sleep(10)
        log.push(`alive: ${[a, b, c].filter((t) => t.fiber?.unsafePoll() === null).length}`)
      }))
      yield* TestClock.adjust(5)
      yield* TestClock.adjust(5)
      yield* TestClock.adjust(10)
      yield* TestClock.adjust(10)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, ["timed out: failed", "served: served", "destroyed: failed", "alive: 0"])
    }))

  it.effect("destroy releases every waiter with DestroyedError; later calls fail with it", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const lock = yield* Lock.make({ timeout: "1 second" })
        yield* Lock.get(lock)
        for (const t of [undefined, 5_000, Infinity] as const) {
          yield* Copas.addThread(Effect.gen(function*() {
            const e = errorOf(yield* Effect.exit(Lock.get(lock, t))) as DestroyedError
            log.push(`${String(t)}: ${e._tag} ${e.reason} after ${e.waited}`)
          }))
        }
        yield* Copas.sleep(100)
        yield* Lock.destroy(lock)
        yield* Copas.pause()
        log.push(`destroyed ${yield* Lock.isDestroyed(lock)} ${JSON.stringify(yield* leftovers)}`)
        for (const op of [Lock.get(lock), Lock.get(lock, 0), Lock.release(lock), Lock.destroy(lock)]) {
          log.push(errorOf(yield* Effect.exit(op as Effect.Effect<unknown, unknown>)) instanceof DestroyedError ? "d" : "?")
        }
      }))
      yield* TestClock.adjust(100)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, [
        "undefined: DestroyedError destroyed after 100",
        "5000: DestroyedError destroyed after 100",
        "Infinity: DestroyedError destroyed after 100",
        "destroyed true {\"timeout\":0,\"inactive\":0}",
        "d",
        "d",
        "d",
        "d"
      ])
    }))

  it.effect("Copas's scale test: 750 waiters, 250 served, 250 timed out, 250 destroyed", () =>
    Effect.gen(function*() {
      const counts = { ok: 0, timeout: 0, destroyed: 0 }
      let after = ""
      let d: Dispatcher | undefined
      const fiber = yield* start(Effect.gen(function*() {
        d = yield* Copas.Copas
        const lock = yield* Lock.make({ timeout: Infinity })
        yield* Lock.get(lock)
        // queued in this order: 250 served one by one (the last keeps the lock), 250 that give up
        // at 100 ms while still queued behind them, 250 left for the destroy
        const waiter = (timeout: number, i: number) =>
          Effect.gen(function*() {
            const exit = yield* Effect.exit(Lock.get(lock, timeout))
            if (Exit.isSuccess(exit)) {
              counts.ok++
              yield* Copas.pause()
              if (i < 249) yield* Lock.release(lock)
            } else if (errorOf(exit)._tag === "TimeoutError") counts.timeout++
            else counts.destroyed++
          })
        for (let i = 0; i < 250; i++) yield* Copas.addThread(waiter(Infinity, i))
        for (let i = 0; i < 250; i++) yield* Copas.addThread(waiter(100, i))
        for (let i = 0; i < 250; i++) yield* Copas.addThread(waiter(Infinity, i))
        yield* Copas.sleep(150)
        yield* Lock.release(lock)
        yield* Copas.sleep(850)
        yield* Lock.destroy(lock)
        yield* Copas.pause()
        after = `waiting ${yield* Lock.waiting(lock)} ring ${waitList(lock).ring} ${JSON.stringify(yield* leftovers)}`
      }))
      for (const step of [0, 100, 50, 850]) {
        yield* settle(() => d)
        yield* TestClock.adjust(step)
      }
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(counts, { ok: 250, timeout: 250, destroyed: 250 })
      assert.strictEqual(after, "waiting 0 ring 0 {\"timeout\":0,\"inactive\":0}")
    }))

  it.effect("thousands of waiters with mixed timeouts, interruptions and a destroy leave nothing behind", () =>
    Effect.gen(function*() {
      const n = 3_000
      const counts = { ok: 0, timeout: 0, destroyed: 0, interrupted: 0 }
      let after = ""
      let d: Dispatcher | undefined
      const fiber = yield* start(Effect.gen(function*() {
        d = yield* Copas.Copas
        const lock = yield* Lock.make()
        yield* Lock.get(lock)
        const tasks: Array<Copas.Task> = []
        for (let i = 0; i < n; i++) {
          const timeout = i % 4 === 0 ? 0 : i % 4 === 1 ? 50 + (i % 7) : i % 4 === 2 ? Infinity : 500
          tasks.push(yield* Copas.addThread(Effect.gen(function*() {
            const exit = yield* Effect.exit(Lock.get(lock, timeout))
            if (Exit.isSuccess(exit)) {
              counts.ok++
              yield* Lock.release(lock)
            } else if (errorOf(exit)._tag === "TimeoutError") counts.timeout++
            else counts.destroyed++
          }).pipe(Effect.onInterrupt(() => Effect.sync(() => counts.interrupted++)))))
        }
        yield* Copas.sleep(10)
        // a quarter of the waiting ones are removed; removing those that already failed does nothing
        for (let i = 0; i < n; i++) if (i % 8 <= 3) yield* Copas.removeThread(tasks[i]!)
        yield* Copas.sleep(100)
        yield* Lock.destroy(lock)
        yield* Copas.pause()
        after = `waiting ${yield* Lock.waiting(lock)} ring ${waitList(lock).ring} ${JSON.stringify(yield* leftovers)}`
      }))
      for (const step of [0, 10, 40, 10, 50]) {
        yield* settle(() => d)
        yield* TestClock.adjust(step)
      }
      yield* Fiber.join(fiber)
      // i % 8: 0, 4 → 0 ms; 1, 5 → 50–56 ms; 2, 6 → Infinity; 3, 7 → 500 ms; 1–3 were removed at 10 ms
      assert.deepStrictEqual(counts, { ok: 0, timeout: n / 4 + n / 8, interrupted: (3 * n) / 8, destroyed: n / 4 })
      assert.strictEqual(after, "waiting 0 ring 0 {\"timeout\":0,\"inactive\":0}")
    }))

  it.effect("a parked wait does not keep the loop alive; a wait with a pending timeout does", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      // the owner ends without releasing: a waiter without a timeout would wait forever
      yield* Copas.run(Effect.gen(function*() {
        const lock = yield* Lock.make({ timeout: Infinity })
        yield* Lock.get(lock)
        yield* Copas.addThread(Effect.ensuring(Lock.get(lock), Effect.sync(() => log.push("forever waiter ended"))))
      }))
      log.push("loop 1 done")
      const fiber = yield* start(Effect.gen(function*() {
        const lock = yield* Lock.make({ timeout: 1_000 })
        yield* Lock.get(lock)
        yield* Copas.addThread(Effect.gen(function*() {
          const e = yield* Effect.exit(Lock.get(lock))
          log.push(`timed waiter: ${errorOf(e)._tag}`)
        }))
      }))
      yield* TestClock.adjust(999)
      assert.isNull(fiber.unsafePoll())
      yield* TestClock.adjust(1)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, ["forever waiter ended", "loop 1 done", "timed waiter: TimeoutError"])
    }))

  it.effect("withLock holds the lock around the effect and releases it on success, failure and interruption", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const lock = yield* Lock.make()
        const critical = (id: string, body: Effect.Effect<void, string, Copas.Copas>) =>
          Effect.gen(function*() {
            log.push(`${id} in`)
            yield* Copas.sleep(10)
            yield* body
            log.push(`${id} out`)
          }).pipe(Lock.withLock(lock))
        yield* Copas.addThread(critical("a", Effect.void))
        yield* Copas.addThread(Effect.exit(critical("b", Effect.fail("boom"))).pipe(
          Effect.tap((e) => Effect.sync(() => log.push(`b: ${Exit.isFailure(e) ? "failed" : "ok"}`)))
        ))
        const c = yield* Copas.addThread(critical("c", Copas.sleep(1_000).pipe(Effect.asVoid)))
        yield* Copas.addThread(Lock.withLock(Effect.sync(() => log.push("d in")), lock, "1 second"))
        yield* Copas.sleep(25)
        yield* Copas.removeThread(c) // interrupted while holding the lock
        yield* Copas.sleep(10)
        log.push(`free: ${Exit.isSuccess(yield* Effect.exit(Lock.get(lock, 0)))}`)
      }))
      yield* TestClock.adjust(40)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, ["a in", "a out", "b in", "b: failed", "c in", "d in", "free: true"])
    }))

  it.effect("withLock fails with the lock's TimeoutError when it cannot get it in time", () =>
    Effect.gen(function*() {
      let exit: Exit.Exit<void, unknown> | undefined
      let ran = false
      const fiber = yield* start(Effect.gen(function*() {
        const lock = yield* Lock.make()
        yield* Lock.get(lock)
        yield* Copas.addThread(Effect.gen(function*() {
          exit = yield* Effect.exit(Effect.sync(() => { ran = true }).pipe(Lock.withLock(lock, 300)))
        }))
      }))
      yield* TestClock.adjust(300)
      yield* Fiber.join(fiber)
      assert.isFalse(ran)
      assert.strictEqual((errorOf(exit!) as TimeoutError).waited, 300)
    }))

  // A task can be pre-empted (op count, due timer) at any instruction and removed while it is
  // queued: the sweep puts that moment at every instruction of withLock in turn.
  it.effect("withLock: a task pre-empted and removed at any point of taking a free lock leaves it free", () =>
    Effect.gen(function*() {
      const ran: Array<boolean> = []
      const free: Array<number> = []
      for (let k = 0; k < 40; k++) {
        yield* Copas.run(Effect.gen(function*() {
          const lock = yield* Lock.make()
          let inside = false
          const task = yield* Copas.addThread(Effect.gen(function*() {
            yield* preemptIn(k)
            yield* Lock.withLock(Effect.sync(() => { inside = true }), lock)
          }))
          yield* Copas.addThread(Copas.removeThread(task)) // runs while the task is pre-empted
          yield* Copas.pause()
          yield* Copas.pause()
          ran.push(inside)
          if (Exit.isSuccess(yield* Effect.exit(Lock.get(lock, 0)))) free.push(k)
        }))
      }
      // (the sweep crosses the take: the body ran for the early pre-emptions only)
      assert.isTrue(ran.includes(true) && ran.includes(false))
      assert.deepStrictEqual(free, ran.map((_, k) => k))
    }))

  it.effect("a waiter pre-empted and removed at any point of starting its wait leaves nothing behind", () =>
    Effect.gen(function*() {
      const bad: Array<string> = []
      for (let k = 0; k < 40; k++) {
        yield* Copas.run(Effect.gen(function*() {
          const lock = yield* Lock.make()
          yield* Lock.get(lock)
          const task = yield* Copas.addThread(Effect.gen(function*() {
            yield* preemptIn(k)
            yield* Lock.get(lock)
            bad.push(`${k}: got the lock`)
          }))
          yield* Copas.addThread(Copas.removeThread(task)) // runs while the task is pre-empted
          yield* Copas.pause()
          yield* Copas.pause()
          const waits = waitList(lock)
          const left = yield* leftovers
          yield* Lock.release(lock)
          const free = Exit.isSuccess(yield* Effect.exit(Lock.get(lock, 0)))
          const seen = JSON.stringify({ waits, left, free })
          if (seen !== JSON.stringify({ waits: { live: 0, ring: 0 }, left: { timeout: 0, inactive: 0 }, free: true })) {
            bad.push(`${k}: ${seen}`)
          }
        }))
      }
      assert.deepStrictEqual(bad, [])
    }))

  it.effect("withLock: a task removed while it waits ends at once; an uninterruptible caller waits on", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const lock = yield* Lock.make({ timeout: Infinity })
        const state = Effect.map(leftovers, (l) => `waiters ${waitList(lock).live}, ${JSON.stringify(l)}`)
        yield* Lock.get(lock)
        const removed = yield* Copas.addThread(Lock.withLock(Effect.sync(() => log.push("removed ran")), lock))
        yield* Copas.sleep(10)
        yield* Copas.removeThread(removed)
        yield* Copas.pause()
        log.push(`removed: ${yield* state}`)
        const stubborn = yield* Copas.addThread(
          Effect.uninterruptible(Lock.withLock(Effect.sync(() => log.push("stubborn ran")), lock))
        )
        yield* Copas.sleep(10)
        yield* Copas.removeThread(stubborn)
        yield* Copas.sleep(10)
        log.push(`stubborn still waiting: ${yield* state}`)
        yield* Lock.release(lock)
        yield* Copas.pause()
        log.push(`free again: ${Exit.isSuccess(yield* Effect.exit(Lock.get(lock, 0)))}`)
      }))
      yield* TestClock.adjust(10)
      yield* TestClock.adjust(10)
      yield* TestClock.adjust(10)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, [
        `removed: waiters 0, {"timeout":0,"inactive":0}`,
        `stubborn still waiting: waiters 1, {"timeout":0,"inactive":1}`,
        "stubborn ran",
        "free again: true"
      ])
    }))

  it.effect("withLock: a task removed before its wait starts does not wait for the lock", () =>
    Effect.gen(function*() {
      const waiting: Array<number> = []
      for (let k = 0; k < 40; k++) {
        yield* Copas.run(Effect.gen(function*() {
          const lock = yield* Lock.make({ timeout: Infinity })
          yield* Lock.get(lock)
          const task = yield* Copas.addThread(Effect.gen(function*() {
            yield* preemptIn(k)
            yield* Lock.withLock(Effect.void, lock)
          }))
          yield* Copas.addThread(Copas.removeThread(task))
          yield* Copas.pause()
          yield* Copas.pause()
          if (waitList(lock).live > 0) waiting.push(k)
          yield* Lock.release(lock)
        }))
      }
      assert.deepStrictEqual(waiting, [])
    }))

  // (timer callbacks run on the timer driver's fiber, with the timer's task lent to it)
  it.effect("timer callbacks wait for the lock in turn; cancelAll ends such waits and leaves nothing behind", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      let before: unknown
      let lockRef: Lock.Lock | undefined
      const fiber = yield* start(Effect.gen(function*() {
        const ms = Effect.map(Copas.getTime, (t) => Math.round(t * 1000))
        const lock = yield* Lock.make({ timeout: Infinity })
        yield* Lock.get(lock)
        for (const name of ["a", "b", "c"]) {
          yield* Timer.make({
            delay: name === "a" ? 10 : 20,
            callback: () =>
              Effect.gen(function*() {
                yield* Lock.get(lock)
                log.push(`${name} got ${yield* ms}`)
                yield* Copas.sleep(5)
                yield* Lock.release(lock)
              })
          })
        }
        yield* Copas.sleep(30)
        yield* Lock.release(lock)
        yield* Copas.sleep(20)
        // all three served; now two callbacks wait behind the init's lock and are cancelled
        yield* Lock.get(lock)
        for (const name of ["d", "e"]) {
          yield* Timer.make({ delay: 1, callback: () => Effect.zipRight(Lock.get(lock), Effect.sync(() => log.push(`${name} got`))) })
        }
        yield* Copas.sleep(5)
        before = { waits: waitList(lock), left: yield* leftovers }
        lockRef = lock
        yield* Copas.cancelAll // (this task too)
      }))
      yield* TestClock.adjust(100)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(log, ["a got 30", "b got 35", "c got 40"])
      // (parked callbacks count as inactive, not as tasks)
      assert.deepStrictEqual(before, { waits: { live: 2, ring: 2 }, left: { timeout: 0, inactive: 2 } })
      assert.deepStrictEqual(waitList(lockRef!), { live: 0, ring: 0 })
    }))

  it.effect("bad timeouts are defects with Copas's message", () =>
    Effect.gen(function*() {
      const cases: Array<[Effect.Effect<unknown, unknown, Copas.Copas>, string]> = [
        [Lock.make({ timeout: -1 }), "got: -1"],
        [Lock.make({ timeout: NaN }), "got: NaN"],
        [Lock.make({ timeout: "abc" as Duration.DurationInput }), "got: abc"],
        [Effect.flatMap(Lock.make(), (l) => Lock.get(l, -5)), "got: -5"]
      ]
      for (const [effect, got] of cases) {
        const exit = yield* Effect.exit(effect.pipe(Effect.provide(Copas.layer)))
        assert.isTrue(Exit.isFailure(exit) && Cause.isDie(exit.cause), failure(exit))
        assert.include(failure(exit), `expected timeout (1st argument) to be a number greater than or equal to 0, ${got}`)
      }
    }))

  it.effect("isLock", () =>
    Effect.gen(function*() {
      const lock = yield* Lock.make().pipe(Effect.provide(Copas.layer))
      assert.isTrue(Lock.isLock(lock))
      assert.isFalse(Lock.isLock({}))
      assert.isFalse(Lock.isLock(null))
    }))

  // waits with the same default timeout share one timer entry (a lane, see internal/waiters.ts):
  // each one must still time out at its own deadline, hand-offs must not move anyone's deadline,
  // and a shorter explicit timeout must not wait behind the lane
  it.effect("timeouts of queued waiters: each at its own deadline, around hand-offs and shorter timeouts", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      const counts: Array<number> = []
      const fiber = yield* start(Effect.gen(function*() {
        const lock = yield* Lock.make({ timeout: "10 seconds" })
        yield* Lock.get(lock)
        const waiter = (name: string, timeout?: number) =>
          Copas.addThread(Effect.gen(function*() {
            const exit = yield* Effect.exit(Lock.get(lock, timeout))
            const t = yield* Copas.getTime
            if (Exit.isSuccess(exit)) {
              log.push(`${name} got it at ${t} after ${Duration.toMillis(exit.value)}`)
              yield* Copas.sleep(5000) // past the deadlines of the others
              yield* Lock.release(lock)
            } else log.push(`${name} ${errorOf(exit)._tag} at ${t} after ${(errorOf(exit) as TimeoutError).waited}`)
          }))
        yield* waiter("a") // deadline 10 s
        yield* Copas.sleep(1000)
        yield* waiter("b") // 11 s
        yield* Copas.sleep(1000)
        yield* waiter("c") // 12 s
        yield* waiter("short", 3000) // 5 s, earlier than the lane's last deadline
        yield* Copas.pause() // let them queue
        counts.push(yield* Copas.getTimeouts)
        yield* Copas.sleep(7000) // t = 9 s: the owner releases, "a" takes it (its deadline goes away)
        yield* Lock.release(lock)
        counts.push(yield* Copas.getTimeouts)
      }))
      yield* TestClock.adjust(9_400)
      assert.deepStrictEqual(log, ["short TimeoutError at 5 after 3000", "a got it at 9 after 9000"])
      yield* TestClock.adjust(1_599) // t = 10.999 s: "b" has 1 ms left
      assert.strictEqual(log.length, 2)
      yield* TestClock.adjust(1) // t = 11 s
      assert.deepStrictEqual(log.slice(2), ["b TimeoutError at 11 after 10000"])
      yield* TestClock.adjust(999)
      assert.strictEqual(log.length, 3)
      yield* TestClock.adjust(1) // t = 12 s
      assert.deepStrictEqual(log.slice(3), ["c TimeoutError at 12 after 10000"])
      yield* TestClock.adjust(2000) // "a" releases at 14 s
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(counts, [4, 2])
    }))

  it.effect("waiters queued a millisecond apart time out a millisecond apart", () =>
    Effect.gen(function*() {
      const log: Array<number> = []
      let d: Dispatcher | undefined
      const fiber = yield* start(Effect.gen(function*() {
        d = yield* Copas.Copas
        const lock = yield* Lock.make()
        yield* Lock.get(lock)
        for (let i = 0; i < 5; i++) {
          yield* Copas.addThread(Effect.zipRight(
            Copas.sleep(i),
            Effect.flatMap(Effect.exit(Lock.get(lock)), () => Effect.map(Copas.getTime, (t) => log.push(Math.round(t * 1000))))
          ))
        }
      }))
      const counts: Array<number> = []
      for (const step of [0, 1, 1, 1, 1, 9_996, 1, 1, 1, 1]) {
        yield* settle(() => d)
        yield* TestClock.adjust(step)
        yield* settle(() => d)
        counts.push(log.length)
      }
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(counts, [0, 0, 0, 0, 0, 1, 2, 3, 4, 5])
      assert.deepStrictEqual(log, [10_000, 10_001, 10_002, 10_003, 10_004])
    }))

  it.effect("the last waiter leaving cancels the shared timeout; a later wait gets its own deadline", () =>
    Effect.gen(function*() {
      const seen: Array<string> = []
      const fiber = yield* start(Effect.gen(function*() {
        const d = yield* Copas.Copas
        const lock = yield* Lock.make()
        yield* Lock.get(lock)
        for (let i = 0; i < 3; i++) yield* Copas.addThread(Effect.zipRight(Lock.get(lock), Lock.release(lock)))
        yield* Copas.sleep(100)
        yield* Lock.release(lock)
        yield* Copas.pause()
        // nothing is left that could time out: no timer entry may stay behind
        seen.push(`timeouts ${yield* Copas.getTimeouts}, timers ${d.scheduler.heap.size}`)
        yield* Lock.get(lock)
        yield* Copas.addThread(Effect.gen(function*() {
          const e = errorOf(yield* Effect.exit(Lock.get(lock))) as TimeoutError
          seen.push(`${e._tag} at ${yield* Copas.getTime} after ${e.waited}`)
        }))
      }))
      yield* TestClock.adjust(100)
      yield* TestClock.adjust(9_999)
      assert.deepStrictEqual(seen, ["timeouts 0, timers 0"])
      yield* TestClock.adjust(1)
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(seen, ["timeouts 0, timers 0", "TimeoutError at 10.1 after 10000"])
    }))

  // A model check: random bursts of waiters with the lock's default timeout (they share one timer
  // entry), explicit shorter and longer timeouts, no timeout, and interruptions, against a plain
  // simulation of Copas's rules (strict FIFO hand-off, each timeout at its own deadline). Event
  // times are whole milliseconds, chosen so that no two events fall on the same one.
  it.effect("model check: FIFO hand-offs and exact timeouts under random load", () =>
    Effect.gen(function*() {
      const plan = waitPlan()
      const seen: Array<string> = []
      let d: Dispatcher | undefined
      const fiber = yield* start(Effect.gen(function*() {
        d = yield* Copas.Copas
        const lock = yield* Lock.make() // default timeout 10 s
        yield* runPlan(
          plan.waiters,
          seen,
          (w) => Effect.map(Lock.get(lock, w.timeout), (waited) => ` waited ${Duration.toMillis(waited)}`),
          () => Lock.release(lock)
        )
      }))
      yield* stepThrough(plan.times, () => d)
      yield* Fiber.join(fiber)
      assertOutcomes(seen, plan.expected, (o) => ` waited ${o.waited}`)
      assert.isAtLeast(plan.counts.timeout, 20)
      assert.isAtLeast(plan.counts.interrupted, 5)
      assert.isAtLeast(plan.counts.got, 100)
    }), 30_000)

  // the dispatcher's Node timer stays armed for the first deadline when a later one becomes the
  // earliest (it fires early, finds nothing due, and is armed again): the later wait still times
  // out on time
  it.live("a later deadline behind an earlier, abandoned one times out on time (real clock)", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      yield* Copas.run(Effect.gen(function*() {
        const lock = yield* Lock.make({ timeout: "60 millis" })
        yield* Lock.get(lock)
        // waits from 0 ms (deadline 60 ms: the timer is armed for it), served at 10 ms, keeps it
        yield* Copas.addThread(Effect.zipRight(Lock.get(lock), Copas.sleep(300)))
        yield* Copas.sleep(10)
        yield* Lock.release(lock)
        yield* Copas.sleep(10)
        // waits from 20 ms with a deadline at 120 ms: the timer armed for 60 ms fires first and
        // finds nothing due; this one must still time out at 120 ms
        yield* Copas.addThread(Effect.gen(function*() {
          const t0 = performance.now()
          const e = errorOf(yield* Effect.exit(Lock.get(lock, "100 millis"))) as TimeoutError
          log.push(`${e._tag} after ${e.waited} (${Math.round(performance.now() - t0)} ms)`)
        }))
      }))
      assert.strictEqual(log.length, 1)
      const [, waited, real] = /^TimeoutError after ([\d.]+) \((\d+) ms\)$/.exec(log[0]!)!
      assert.isAtLeast(Number(waited), 99)
      assert.isBelow(Number(waited), 130, log[0])
      assert.isAtLeast(Number(real), 99)
      assert.isBelow(Number(real), 130, log[0])
    }))

  // withLock under fire: 60 tasks hold the lock (some re-entering it) around sleeps, with short
  // timeouts or the default, while other tasks remove them at random, half of the time the one
  // inside. One holder at a time, and the lock always comes back: nothing is left locked or waiting.
  it.effect("withLock with re-entry, random interruptions and timeouts: one holder at a time, nothing leaks", () =>
    Effect.gen(function*() {
      const rnd = seeded(9)
      let inside: number | undefined
      let overlaps = 0
      let after = ""
      const outcomes = { ok: 0, timeout: 0, interrupted: 0 }
      let d: Dispatcher | undefined
      const fiber = yield* start(Effect.gen(function*() {
        d = yield* Copas.Copas
        const lock = yield* Lock.make()
        const tasks: Array<Copas.Task> = []
        for (let i = 0; i < 60; i++) {
          const timeout = rnd(3) === 0 ? 10 * (1 + rnd(30)) : undefined
          const hold = 10 * (1 + rnd(8))
          const nested = rnd(2) === 0
          const sleep = Copas.sleep(hold)
          const body = Effect.gen(function*() {
            if (inside !== undefined) overlaps++
            inside = i
            yield* (nested ? Lock.withLock(sleep, lock) : sleep).pipe(Effect.ensuring(Effect.sync(() => { inside = undefined })))
          })
          tasks.push(yield* Copas.addThread(Effect.gen(function*() {
            yield* Copas.sleep(rnd(300))
            const exit = yield* Effect.exit(Lock.withLock(body, lock, timeout))
            if (Exit.isSuccess(exit)) outcomes.ok++
            else outcomes.timeout++
          }).pipe(Effect.onInterrupt(() => Effect.sync(() => { outcomes.interrupted++ })))))
        }
        for (let k = 0; k < 30; k++) {
          const pick = rnd(tasks.length)
          const holder = rnd(2) === 0
          yield* Copas.addThread(Effect.zipRight(
            Copas.sleep(rnd(2_000)),
            Effect.suspend(() => Copas.removeThread(tasks[holder && inside !== undefined ? inside : pick]!))
          ))
        }
        while (outcomes.ok + outcomes.timeout + outcomes.interrupted < 60) yield* Copas.sleep(50)
        const free = Exit.isSuccess(yield* Effect.exit(Lock.get(lock, 0)))
        after = `free ${free} ${JSON.stringify(yield* leftovers)}`
      }))
      yield* runToEnd(fiber, () => d)
      assert.strictEqual(after, "free true {\"timeout\":0,\"inactive\":0}")
      assert.strictEqual(overlaps, 0)
      assert.strictEqual(outcomes.ok + outcomes.timeout + outcomes.interrupted, 60)
      assert.isAtLeast(outcomes.interrupted, 10)
      assert.isAtLeast(outcomes.timeout, 3)
    }))

  it.live("a wait times out on the real clock", () =>
    Effect.gen(function*() {
      let waited = -1
      const t0 = performance.now()
      yield* Copas.run(Effect.gen(function*() {
        const lock = yield* Lock.make({ timeout: "40 millis" })
        yield* Lock.get(lock)
        yield* Copas.addThread(Effect.gen(function*() {
          waited = (errorOf(yield* Effect.exit(Lock.get(lock))) as TimeoutError).waited!
        }))
      }))
      const elapsed = performance.now() - t0
      assert.isAtLeast(waited, 39)
      assert.isBelow(waited, 200)
      assert.isAtLeast(elapsed, 39)
    }))
})


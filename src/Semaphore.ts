/**
 * Copas's `copas.semaphore`: a counting semaphore with a maximum, strict FIFO service, a wait
 * timeout and `destroy`.
 *
 * A request waits in line: the fast path is taken only when nobody is queued, so a queued big
 * request blocks later small ones (no barging), exactly as Copas. Waiting tasks are parked: they
 * do not keep the loop alive by themselves, but a wait with a pending timeout does.
 *
 * A `Semaphore` is also an `Effect.Semaphore` (strict FIFO), so it can be handed to Effect code
 * expecting one. Those interface methods cannot fail in Effect's types, so: they wait without a
 * timeout; a request larger than `max` or a call on a destroyed semaphore is a defect
 * (`TooManyError` / `DestroyedError` as the defect value); `release(n)` caps the count at `max`
 * silently; `release` and `releaseAll` serve the queued requests at once and return what is left
 * after that (Effect's own returns the count before its waiters wake); `resize(n)` changes `max`
 * (≥ 1) and moves the count by the same difference; `withPermitsIfAvailable` does not take free
 * resources while a request is queued.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as Semaphore from "effect-copas/Semaphore"
 *
 * const program = Copas.run(Effect.gen(function*() {
 *   const sem = yield* Semaphore.make({ max: 2, start: 2 })
 *   for (let i = 0; i < 5; i++) {
 *     yield* Copas.addThread(Copas.sleep(10).pipe(Semaphore.withPermits(sem, 1))) // 2 at a time
 *   }
 * }))
 * ```
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { type Pipeable, pipeArguments } from "effect/Pipeable"
import { dual } from "effect/Function"
import * as Option from "effect/Option"
import { Copas } from "./Copas.js"
import { DestroyedError, TimeoutError, TooManyError } from "./Errors.js"
import type { Dispatcher } from "./internal/dispatcher.js"
import { isInterruptible, withFiber } from "./internal/primitive.js"
import {
  GONE,
  GRANTED,
  type Host,
  makeWaiter,
  suspend,
  timeoutMillis,
  WAITING,
  type Waiter,
  WaitList
} from "./internal/waiters.js"

const TypeId: unique symbol = Symbol.for("effect-copas/Semaphore")

/**
 * A semaphore (Copas's `copas.semaphore.new()` object); also an `Effect.Semaphore`.
 * @example
 * ```ts
 * import * as Semaphore from "effect-copas/Semaphore"
 * const free = (sem: Semaphore.Semaphore) => Semaphore.getCount(sem) // of sem.max
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Semaphore extends Effect.Semaphore, Pipeable {
  readonly [TypeId]: typeof TypeId
  /** the maximum count */
  readonly max: number
  /** the default wait timeout in milliseconds (`Infinity` = forever) */
  readonly timeout: number
}

/**
 * Options of {@link make}.
 * @example
 * ```ts
 * import * as Semaphore from "effect-copas/Semaphore"
 * const options: Semaphore.Options = { max: 4, start: 4, timeout: "1 second" }
 * const pool = Semaphore.make(options)
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** the maximum number of resources (≥ 1) */
  readonly max: number
  /** the initial count (default 0) */
  readonly start?: number | undefined
  /** default timeout of {@link take}: default 10 seconds; `Infinity` waits forever */
  readonly timeout?: Duration.DurationInput | undefined
}

type SemWaiter = Waiter<void, TimeoutError | DestroyedError>

class SemaphoreImpl implements Semaphore, Host<void, TimeoutError | DestroyedError, SemWaiter> {
  pipe() {
    // (Pipeable, as Effect's data types: `x.pipe(Module.op(...))`)
    return pipeArguments(this, arguments)
  }
  readonly [TypeId]: typeof TypeId = TypeId
  destroyed = false
  readonly waiters = new WaitList<SemWaiter>()
  /** sum of the live waiters' requests */
  waitSum = 0
  constructor(readonly d: Dispatcher, public max: number, public count: number, readonly timeout: number) {}

  /** `take(sem)` and `give(sem)`, built once (the common calls allocate nothing) */
  readonly take1 = this.takeMs(1, undefined)
  readonly give1 = this.give(1)

  tryNow(w: SemWaiter) {
    if (this.destroyed) return Effect.fail(new DestroyedError({ waited: w.waited() }))
    if (this.waiters.live > 0 || this.count < w.n) return undefined
    this.count -= w.n
    w.state = GRANTED
    return Effect.void
  }

  enqueue(w: SemWaiter) {
    this.waiters.push(w)
    this.waitSum += w.n
    return this.waiters
  }

  onTimeout(w: SemWaiter) {
    if (!w.settle(GONE)) return
    this.waitSum -= w.n
    this.waiters.left()
    w.resume!(Effect.fail(new TimeoutError({ operation: "semaphore", waited: w.waited() })))
    // a big request leaving the head may let smaller ones behind it through
    this.serve()
  }

  onInterrupt(w: SemWaiter) {
    if (w.state === WAITING) {
      w.settle(GONE)
      this.waitSum -= w.n
      this.waiters.left()
      this.serve()
      this.d.requestCheck()
    } else if (w.state === GRANTED && !this.destroyed) {
      // the hand-off raced with the interruption: give the permits back
      w.state = GONE
      this.refill(w.n)
    }
  }

  /** Gives `n` permits back (capped at `max`) and serves the queue. */
  refill(n: number): void {
    this.count = Math.min(this.max, this.count + n)
    if (this.waiters.live > 0) this.serve()
  }

  /** Hands permits to the queued requests, in order, while the head request fits. */
  serve(): void {
    const ws = this.waiters
    for (;;) {
      const w = ws.first()
      if (w === undefined || w.n > this.count) return
      ws.next()
      this.count -= w.n
      this.waitSum -= w.n
      w.settle(GRANTED)
      w.resume!(Effect.void)
    }
  }

  /**
   * Copas's take (arguments validated here, so that a bad one is a defect of the effect).
   * `interruptible`: whether the wait may be interrupted (default: whether the fiber is
   * interruptible now); see `withPermits`, which takes in an uninterruptible region.
   */
  takeMs(n: number, timeout: Duration.DurationInput | undefined, interruptible?: boolean): Effect.Effect<
    void,
    TooManyError | TimeoutError | DestroyedError
  > {
    return withFiber<void, TooManyError | TimeoutError | DestroyedError, never>((fiber) => {
      if (this.destroyed) return Effect.fail(new DestroyedError({ waited: 0 }))
      checkCount(n)
      const ms = timeout === undefined ? this.timeout : timeoutMillis(timeout, "2nd")
      if (n > this.max) return Effect.fail(new TooManyError({ requested: n, max: this.max }))
      if (this.waiters.live === 0 && this.count >= n) {
        this.count -= n
        return Effect.void
      }
      if (ms === 0) return Effect.fail(new TimeoutError({ operation: "semaphore", waited: 0 }))
      return suspend(this, makeWaiter(this.d, fiber, n), ms, interruptible ?? isInterruptible(fiber))
    })
  }

  give(n: number): Effect.Effect<void, TooManyError | DestroyedError> {
    return Effect.suspend((): Effect.Effect<void, TooManyError | DestroyedError> => {
      if (this.destroyed) return Effect.fail(new DestroyedError({}))
      checkCount(n)
      const over = this.count + n > this.max
      this.refill(n)
      return over ? Effect.fail(new TooManyError({ requested: n, max: this.max })) : Effect.void
    })
  }

  destroy(): Effect.Effect<void, DestroyedError> {
    return Effect.suspend(() => {
      if (this.destroyed) return Effect.fail(new DestroyedError({}))
      this.destroyed = true
      this.waitSum = 0
      this.waiters.destroyAll()
      this.d.requestCheck()
      return Effect.void
    })
  }

  // ---- Effect.Semaphore ----------------------------------------------------------------------

  private alive(): void {
    if (this.destroyed) throw new DestroyedError({})
  }

  take(permits: number): Effect.Effect<number> {
    return Effect.orDie(Effect.as(this.takeMs(permits, Infinity), permits))
  }

  release(permits: number): Effect.Effect<number> {
    return Effect.sync(() => {
      this.alive()
      this.refill(permits)
      return this.count
    })
  }

  readonly releaseAll: Effect.Effect<number> = Effect.sync(() => {
    this.alive()
    this.count = Math.max(this.count, this.max)
    if (this.waiters.live > 0) this.serve()
    return this.count
  })

  resize(permits: number): Effect.Effect<void> {
    return Effect.sync(() => {
      this.alive()
      if (!(permits >= 1)) {
        throw new RangeError(`expected max resources (1st argument) to be a number greater than 0, got: ${permits}`)
      }
      this.count += permits - this.max
      this.max = permits
      if (this.waiters.live > 0) this.serve()
    })
  }

  withPermits(permits: number) {
    // (taken in the uninterruptible region: see the module's `withPermits`)
    return <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
      withFiber((fiber) => {
        const interruptible = isInterruptible(fiber)
        return Effect.uninterruptibleMask((restore) =>
          Effect.flatMap(
            Effect.orDie(this.takeMs(permits, Infinity, interruptible)),
            () => Effect.ensuring(restore(self), this.release(permits))
          )
        )
      })
  }

  withPermitsIfAvailable(permits: number) {
    return <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<Option.Option<A>, E, R> =>
      Effect.uninterruptibleMask((restore) =>
        Effect.suspend(() => {
          this.alive()
          if (this.waiters.live > 0 || this.count < permits) return Effect.succeed(Option.none())
          this.count -= permits
          return Effect.ensuring(restore(Effect.asSome(self)), this.release(permits))
        })
      )
  }
}

const impl = (self: Semaphore): SemaphoreImpl => self as SemaphoreImpl

/**
 * Copas's `copas.semaphore.new(max[, start][, timeout])`. `max` must be ≥ 1 and the timeout a
 * non-negative duration (defects with Copas's messages otherwise); `start` defaults to 0 and
 * the timeout to 10 seconds.
 *
 * @example
 * ```ts
 * import * as Semaphore from "effect-copas/Semaphore"
 * const pool = Semaphore.make({ max: 10, start: 10, timeout: "1 second" })
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Semaphore, never, Copas> =>
  Effect.map(Copas, (d) => {
    const max = options.max
    if (typeof max !== "number" || !(max >= 1)) {
      throw new RangeError(`expected max resources (1st argument) to be a number greater than 0, got: ${String(max)}`)
    }
    const timeout = options.timeout === undefined ? 10_000 : timeoutMillis(options.timeout, "3rd")
    return new SemaphoreImpl(d, max, options.start ?? 0, timeout)
  })

const checkCount = (n: number): number => {
  if (typeof n !== "number" || !(n >= 0)) throw new RangeError(`expected a number of resources ≥ 0, got: ${String(n)}`)
  return n
}

/**
 * Copas's `sema:take([n][, timeout])`: takes `n` resources (default 1), waiting in FIFO order for
 * at most `timeout` (default: the semaphore's). Fails with `TooManyError` at once when `n > max`,
 * `TimeoutError` (with `waited`, ms) or `DestroyedError`. A timeout of 0 fails at once when the
 * resources are not available and leaves nothing behind.
 *
 * @example
 * ```ts
 * import * as Semaphore from "effect-copas/Semaphore"
 * const takeTwo = (sem: Semaphore.Semaphore) => Semaphore.take(sem, 2, "500 millis")
 * const takeTwoPiped = (sem: Semaphore.Semaphore) => sem.pipe(Semaphore.take(2, "500 millis"))
 * ```
 * @since 0.1.0
 * @category operations
 */
export const take: {
  // (one resource cannot be more than `max`, which is at least 1: no TooManyError)
  (n?: 1, timeout?: Duration.DurationInput): (self: Semaphore) => Effect.Effect<void, TimeoutError | DestroyedError>
  (n?: number, timeout?: Duration.DurationInput): (self: Semaphore) => Effect.Effect<void, TooManyError | TimeoutError | DestroyedError>
  (self: Semaphore, n?: 1, timeout?: Duration.DurationInput): Effect.Effect<void, TimeoutError | DestroyedError>
  (self: Semaphore, n?: number, timeout?: Duration.DurationInput): Effect.Effect<void, TooManyError | TimeoutError | DestroyedError>
} = function(a?: unknown, b?: unknown, c?: unknown) {
  // By hand, not Effect's `dual` with a predicate (it passes `arguments` around: +15 % on a W4
  // hand-off, where this runs at every take): the piped form's first argument is a count, never
  // an object, so an object is the semaphore (data-first).
  if (typeof a === "object" || c !== undefined) {
    return takeOf(a as Semaphore, b as number | undefined, c as Duration.DurationInput | undefined)
  }
  return (self: Semaphore) => takeOf(self, a as number | undefined, b as Duration.DurationInput | undefined)
} as any

const takeOf = (
  self: Semaphore,
  n: number = 1,
  timeout?: Duration.DurationInput
): Effect.Effect<void, TooManyError | TimeoutError | DestroyedError> =>
  n === 1 && timeout === undefined ? impl(self).take1 : impl(self).takeMs(n, timeout)

/**
 * Copas's `sema:give([n])`: returns `n` resources (default 1) and serves the queued requests in
 * order while the first one fits. The count is capped at `max`: giving more fails with
 * `TooManyError` (after capping and serving, as Copas).
 *
 * @example
 * ```ts
 * import * as Semaphore from "effect-copas/Semaphore"
 * const giveOne = (sem: Semaphore.Semaphore) => Semaphore.give(sem)
 * const giveTwoPiped = (sem: Semaphore.Semaphore) => sem.pipe(Semaphore.give(2))
 * ```
 * @since 0.1.0
 * @category operations
 */
export const give: {
  (n?: number): (self: Semaphore) => Effect.Effect<void, TooManyError | DestroyedError>
  (self: Semaphore, n?: number): Effect.Effect<void, TooManyError | DestroyedError>
} = function(a?: unknown, b?: unknown) {
  // (by hand, as `take`)
  if (typeof a === "object" || b !== undefined) return giveOf(a as Semaphore, b as number | undefined)
  return (self: Semaphore) => giveOf(self, a as number | undefined)
} as any

const giveOf = (self: Semaphore, n: number = 1): Effect.Effect<void, TooManyError | DestroyedError> =>
  n === 1 ? impl(self).give1 : impl(self).give(n)

/**
 * Copas's `sema:get_count()`: the resources available now.
 * @example
 * ```ts
 * import * as Semaphore from "effect-copas/Semaphore"
 * const free = (sem: Semaphore.Semaphore) => Semaphore.getCount(sem)
 * ```
 * @since 0.1.0
 * @category getters
 */
export const getCount = (self: Semaphore): Effect.Effect<number, DestroyedError> =>
  Effect.suspend(() => {
    const s = impl(self)
    return s.destroyed ? Effect.fail(new DestroyedError({})) : Effect.succeed(s.count)
  })

/**
 * Copas's `sema:get_wait()`: the resources requested by queued tasks minus the count. With no
 * waiters it is `-count` (as Copas), so `give(getWait())` releases everyone.
 * @example
 * ```ts
 * import * as Semaphore from "effect-copas/Semaphore"
 * const missing = (sem: Semaphore.Semaphore) => Semaphore.getWait(sem)
 * ```
 * @since 0.1.0
 * @category getters
 */
export const getWait = (self: Semaphore): Effect.Effect<number, DestroyedError> =>
  Effect.suspend(() => {
    const s = impl(self)
    return s.destroyed ? Effect.fail(new DestroyedError({})) : Effect.succeed(s.waitSum - s.count)
  })

/**
 * Copas's `sema:destroy()`: every waiter fails with `DestroyedError` (with `waited`, ms), their
 * timeouts are cancelled, and every later call fails with it too.
 * @example
 * ```ts
 * import * as Semaphore from "effect-copas/Semaphore"
 * const teardown = (sem: Semaphore.Semaphore) => Semaphore.destroy(sem)
 * ```
 * @since 0.1.0
 * @category operations
 */
export const destroy = (self: Semaphore): Effect.Effect<void, DestroyedError> => impl(self).destroy()

/**
 * Runs `effect` holding `n` resources (default 1): {@link take} (with `timeout`, default the
 * semaphore's), the effect, then the resources are given back on every exit.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Semaphore from "effect-copas/Semaphore"
 * const limited = (sem: Semaphore.Semaphore) => Effect.log("working").pipe(Semaphore.withPermits(sem, 1))
 * const same = (sem: Semaphore.Semaphore) => Semaphore.withPermits(Effect.log("working"), sem, 1)
 * ```
 * @since 0.1.0
 * @category combinators
 */
export const withPermits: {
  // (one resource cannot be more than `max`, which is at least 1: no TooManyError)
  (
    self: Semaphore,
    n?: 1,
    timeout?: Duration.DurationInput
  ): <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | TimeoutError | DestroyedError, R>
  (
    self: Semaphore,
    n?: number,
    timeout?: Duration.DurationInput
  ): <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | TooManyError | TimeoutError | DestroyedError, R>
  <A, E, R>(
    effect: Effect.Effect<A, E, R>,
    self: Semaphore,
    n?: 1,
    timeout?: Duration.DurationInput
  ): Effect.Effect<A, E | TimeoutError | DestroyedError, R>
  <A, E, R>(
    effect: Effect.Effect<A, E, R>,
    self: Semaphore,
    n?: number,
    timeout?: Duration.DurationInput
  ): Effect.Effect<A, E | TooManyError | TimeoutError | DestroyedError, R>
} = dual(
  (args) => Effect.isEffect(args[0]),
  <A, E, R>(
    effect: Effect.Effect<A, E, R>,
    self: Semaphore,
    n: number = 1,
    timeout?: Duration.DurationInput
  ): Effect.Effect<A, E | TooManyError | TimeoutError | DestroyedError, R> =>
    // The resources are taken in the uninterruptible region (only the wait itself is
    // interruptible, if the caller is): with `restore(take)` a task pre-empted right after taking
    // them and removed before the region's end lost them (nothing gave them back).
    withFiber((fiber) => {
      const interruptible = isInterruptible(fiber)
      return Effect.uninterruptibleMask((restore) =>
        Effect.flatMap(
          impl(self).takeMs(n, timeout, interruptible),
          () => Effect.ensuring(restore(effect), Effect.ignore(give(self, n)))
        )
      )
    })
)

/**
 * Whether `u` is a Semaphore.
 * @example
 * ```ts
 * import * as Semaphore from "effect-copas/Semaphore"
 * Semaphore.isSemaphore({}) // false
 * ```
 * @since 0.1.0
 * @category guards
 */
export const isSemaphore = (u: unknown): u is Semaphore => typeof u === "object" && u !== null && TypeId in u

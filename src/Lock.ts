/**
 * Copas's `copas.lock`: a mutual-exclusion lock for tasks, re-entrant by default, with a wait
 * timeout, strict FIFO hand-off and `destroy`.
 *
 * Ownership is per fiber: the fiber that called {@link get} owns the lock and only it may
 * {@link release} it. `release` hands the lock straight to the oldest waiter, so a newcomer never
 * overtakes a queued task. Waiting tasks are parked: they do not keep the loop alive by
 * themselves, but a wait with a pending timeout does (as in Copas).
 *
 * Note: `Effect.timeout` runs its effect in a child fiber, which would then own the lock; use the
 * `timeout` argument of {@link get} (or {@link withLock}) instead.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as Lock from "effect-copas/Lock"
 *
 * const program = Copas.run(Effect.gen(function*() {
 *   const lock = yield* Lock.make()
 *   const critical = (id: number) =>
 *     Effect.gen(function*() {
 *       yield* Copas.sleep(10) // other tasks queue up meanwhile
 *       console.log("task", id)
 *     }).pipe(Lock.withLock(lock))
 *   for (let i = 1; i <= 3; i++) yield* Copas.addThread(critical(i))
 * }))
 * ```
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { type Pipeable, pipeArguments } from "effect/Pipeable"
import type * as Fiber from "effect/Fiber"
import { dual } from "effect/Function"
import { Copas } from "./Copas.js"
import { DestroyedError, NotOwnerError, TimeoutError } from "./Errors.js"
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

const TypeId: unique symbol = Symbol.for("effect-copas/Lock")

/**
 * A lock (Copas's `copas.lock.new()` object).
 * @example
 * ```ts
 * import * as Lock from "effect-copas/Lock"
 * const describe = (lock: Lock.Lock) => `timeout ${lock.timeout} ms, re-entrant: ${lock.reentrant}`
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Lock extends Pipeable {
  readonly [TypeId]: typeof TypeId
  /** the default wait timeout in milliseconds (`Infinity` = forever) */
  readonly timeout: number
  /** whether the owner may take it again (and must release it as many times) */
  readonly reentrant: boolean
}

/**
 * Options of {@link make}.
 * @example
 * ```ts
 * import * as Lock from "effect-copas/Lock"
 * const options: Lock.Options = { timeout: "2 seconds", reentrant: false }
 * const mutex = Lock.make(options)
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** default timeout of {@link get}: default 10 seconds; `Infinity` waits forever */
  readonly timeout?: Duration.DurationInput | undefined
  /** default `true` (Copas's `not_reentrant = false`) */
  readonly reentrant?: boolean | undefined
}

type LockWaiter = Waiter<Duration.Duration, TimeoutError | DestroyedError>

const ZERO = Effect.succeed(Duration.zero)

class LockImpl implements Lock, Host<Duration.Duration, TimeoutError | DestroyedError, LockWaiter> {
  pipe() {
    // (Pipeable, as Effect's data types: `x.pipe(Module.op(...))`)
    return pipeArguments(this, arguments)
  }
  readonly [TypeId]: typeof TypeId = TypeId
  owner: Fiber.RuntimeFiber<unknown, unknown> | undefined = undefined
  count = 0
  destroyed = false
  readonly waiters = new WaitList<LockWaiter>()
  constructor(readonly d: Dispatcher, readonly timeout: number, readonly reentrant: boolean) {}

  /** `get` with the lock's own timeout, built once (the common call allocates nothing) */
  readonly getDefault: Effect.Effect<Duration.Duration, TimeoutError | DestroyedError> = this.getWith(undefined)

  /**
   * `interruptible`: whether the wait may be interrupted (default: whether the fiber is
   * interruptible now); see {@link withLock}, which takes the lock in an uninterruptible region.
   */
  getWith(
    timeout: Duration.DurationInput | undefined,
    interruptible?: boolean
  ): Effect.Effect<Duration.Duration, TimeoutError | DestroyedError> {
    return withFiber<Duration.Duration, TimeoutError | DestroyedError, never>((f) => {
      if (this.destroyed) return Effect.fail(new DestroyedError({ waited: 0 }))
      const ms = timeout === undefined ? this.timeout : timeoutMillis(timeout, "1st")
      if (this.take(f)) return ZERO
      if (ms === 0) return Effect.fail(new TimeoutError({ operation: "lock", waited: 0 }))
      return suspend(this, makeWaiter(this.d, f, 1), ms, interruptible ?? isInterruptible(f))
    })
  }

  readonly release: Effect.Effect<void, NotOwnerError | DestroyedError> = withFiber<void, NotOwnerError | DestroyedError, never>((fiber) => {
    if (this.destroyed) return Effect.fail(new DestroyedError({}))
    if (this.owner !== fiber) return Effect.fail(new NotOwnerError())
    this.releaseOne()
    return Effect.void
  })

  /** Takes the lock for `f` if it is free, or again if `f` owns it and it is re-entrant. */
  take(f: Fiber.RuntimeFiber<unknown, unknown>): boolean {
    if (this.owner === undefined) {
      this.owner = f
      this.count = 1
    } else if (this.owner === f && this.reentrant) {
      this.count++
    } else return false
    return true
  }

  tryNow(w: LockWaiter) {
    if (this.destroyed) return Effect.fail(new DestroyedError({ waited: w.waited() }))
    if (!this.take(w.fiber)) return undefined
    w.state = GRANTED
    return Effect.succeed(Duration.millis(w.waited()))
  }

  enqueue(w: LockWaiter) {
    this.waiters.push(w)
    return this.waiters
  }

  onTimeout(w: LockWaiter) {
    if (!w.settle(GONE)) return
    this.waiters.left()
    w.resume!(Effect.fail(new TimeoutError({ operation: "lock", waited: w.waited() })))
  }

  onInterrupt(w: LockWaiter) {
    if (w.state === WAITING) {
      w.settle(GONE)
      this.waiters.left()
      this.d.requestCheck()
    } else if (w.state === GRANTED && this.owner === w.fiber) {
      // the hand-off raced with the interruption: pass the lock on
      w.state = GONE
      this.releaseOne()
    }
  }

  /** One release by the owner: the last one hands the lock to the oldest live waiter. */
  releaseOne(): void {
    if (--this.count > 0) return
    const w = this.waiters.next()
    if (w === undefined) {
      this.owner = undefined
      this.count = 0
      return
    }
    this.owner = w.fiber
    this.count = 1
    w.settle(GRANTED)
    w.resume!(Effect.succeed(Duration.millis(w.waited())))
  }
}

const impl = (self: Lock): LockImpl => self as LockImpl

/**
 * Copas's `copas.lock.new([timeout][, not_reentrant])`: a new lock. `timeout` (default 10 s) is
 * the default wait limit of {@link get}; an invalid or negative timeout is a defect with Copas's
 * message.
 *
 * @example
 * ```ts
 * import * as Lock from "effect-copas/Lock"
 * const mutex = Lock.make({ timeout: "5 seconds", reentrant: false })
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const make = (options?: Options): Effect.Effect<Lock, never, Copas> =>
  Effect.map(Copas, (d) => {
    const timeout = options?.timeout === undefined ? 10_000 : timeoutMillis(options.timeout, "1st")
    return new LockImpl(d, timeout, options?.reentrant ?? true)
  })

/**
 * Copas's `lock:get([timeout])`: takes the lock, waiting in FIFO order for at most `timeout`
 * (default: the lock's). Succeeds with the time waited (zero when it was free or re-entered).
 * Fails with `TimeoutError` (with `waited`, ms) or `DestroyedError`. A timeout of 0 fails at
 * once when the lock is busy and leaves nothing behind. A non-re-entrant lock taken again by its
 * owner waits until the timeout, as in Copas.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Lock from "effect-copas/Lock"
 * const guarded = (lock: Lock.Lock) =>
 *   Effect.gen(function*() {
 *     const waited = yield* Lock.get(lock, "1 second") // or: lock.pipe(Lock.get("1 second"))
 *     yield* Effect.log(`waited ${waited}`)
 *     yield* Lock.release(lock)
 *   })
 * ```
 * @since 0.1.0
 * @category operations
 */
export const get: {
  (timeout?: Duration.DurationInput): (self: Lock) => Effect.Effect<Duration.Duration, TimeoutError | DestroyedError>
  (self: Lock, timeout?: Duration.DurationInput): Effect.Effect<Duration.Duration, TimeoutError | DestroyedError>
} = dual(
  (args) => args.length >= 2 || isLock(args[0]),
  (self: Lock, timeout?: Duration.DurationInput): Effect.Effect<Duration.Duration, TimeoutError | DestroyedError> =>
    timeout === undefined ? impl(self).getDefault : impl(self).getWith(timeout)
)

/**
 * Copas's `lock:release()`: gives the lock up (once per {@link get} for a re-entered lock). The
 * last release hands it to the oldest waiter still waiting. Fails with `NotOwnerError` when the
 * calling fiber does not own it.
 *
 * @example
 * ```ts
 * import * as Lock from "effect-copas/Lock"
 * const done = (lock: Lock.Lock) => Lock.release(lock)
 * ```
 * @since 0.1.0
 * @category operations
 */
export const release = (self: Lock): Effect.Effect<void, NotOwnerError | DestroyedError> => impl(self).release

/**
 * Copas's `lock:destroy()`: every waiter fails with `DestroyedError` (carrying its `waited`
 * milliseconds), and every later call on the lock, `destroy` included, fails with it too.
 *
 * @example
 * ```ts
 * import * as Lock from "effect-copas/Lock"
 * const teardown = (lock: Lock.Lock) => Lock.destroy(lock)
 * ```
 * @since 0.1.0
 * @category operations
 */
export const destroy = (self: Lock): Effect.Effect<void, DestroyedError> =>
  Effect.suspend(() => {
    const l = impl(self)
    if (l.destroyed) return Effect.fail(new DestroyedError({}))
    l.destroyed = true
    l.owner = undefined
    l.count = 0
    l.waiters.destroyAll()
    l.d.requestCheck()
    return Effect.void
  })

/**
 * Whether the lock is destroyed.
 * @example
 * ```ts
 * import * as Lock from "effect-copas/Lock"
 * const gone = (lock: Lock.Lock) => Lock.isDestroyed(lock)
 * ```
 * @since 0.1.0
 * @category getters
 */
export const isDestroyed = (self: Lock): Effect.Effect<boolean> => Effect.sync(() => impl(self).destroyed)

/**
 * How many tasks are waiting for the lock.
 * @example
 * ```ts
 * import * as Lock from "effect-copas/Lock"
 * const queued = (lock: Lock.Lock) => Lock.waiting(lock)
 * ```
 * @since 0.1.0
 * @category getters
 */
export const waiting = (self: Lock): Effect.Effect<number> => Effect.sync(() => impl(self).waiters.live)

/**
 * Runs `effect` holding the lock: {@link get} (with `timeout`, default the lock's), then the
 * effect, then {@link release} on every exit, interruption included. A lock destroyed meanwhile
 * is not an error at release.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Lock from "effect-copas/Lock"
 * const once = (lock: Lock.Lock) => Effect.log("alone").pipe(Lock.withLock(lock))
 * const sameThing = (lock: Lock.Lock) => Lock.withLock(Effect.log("alone"), lock, "2 seconds")
 * ```
 * @since 0.1.0
 * @category combinators
 */
export const withLock: {
  (
    self: Lock,
    timeout?: Duration.DurationInput
  ): <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | TimeoutError | DestroyedError, R>
  <A, E, R>(
    effect: Effect.Effect<A, E, R>,
    self: Lock,
    timeout?: Duration.DurationInput
  ): Effect.Effect<A, E | TimeoutError | DestroyedError, R>
} = dual(
  (args) => Effect.isEffect(args[0]),
  <A, E, R>(
    effect: Effect.Effect<A, E, R>,
    self: Lock,
    timeout?: Duration.DurationInput
  ): Effect.Effect<A, E | TimeoutError | DestroyedError, R> =>
    // The lock is taken in the uninterruptible region (only the wait itself is interruptible, if
    // the caller is): with `restore(get)` a task pre-empted right after taking the lock and
    // removed before the region's end lost the lock with it (nothing released it).
    withFiber((f) => {
      const interruptible = isInterruptible(f)
      return Effect.uninterruptibleMask((restore) =>
        Effect.flatMap(
          impl(self).getWith(timeout, interruptible),
          () => Effect.ensuring(restore(effect), Effect.ignore(release(self)))
        )
      )
    })
)

/**
 * Whether `u` is a Lock.
 * @example
 * ```ts
 * import * as Lock from "effect-copas/Lock"
 * Lock.isLock({}) // false
 * ```
 * @since 0.1.0
 * @category guards
 */
export const isLock = (u: unknown): u is Lock => typeof u === "object" && u !== null && TypeId in u

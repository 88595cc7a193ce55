/**
 * Copas's `copas.future`: run an effect as a task and collect its result later.
 *
 * The task's failure is captured into the future (the task's error handler is not called).
 * {@link get} waits for the result (any number of waiters; later calls return the cached result at
 * once), {@link try_ try} reads the state without waiting and {@link cancel} stops the task. A
 * future is itself an Effect: `yield* future` is `get(future)` (Copas's `f()`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as Future from "effect-copas/Future"
 *
 * const program = Copas.run(Effect.gen(function*() {
 *   const f = yield* Future.addThread(Copas.sleep(10).pipe(Effect.as(42)))
 *   const answer = yield* Future.get(f) // 42, after 10 ms
 * }))
 * ```
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Effectable from "effect/Effectable"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import { Copas, type Task } from "./Copas.js"
import { CancelledError } from "./Errors.js"
import { type Dispatcher, fiberRefsOf, type TaskImpl } from "./internal/dispatcher.js"
import { GONE, GRANTED, type Host, interruptible, makeWaiter, suspend, WAITING, type Waiter, WaitList } from "./internal/waiters.js"

const TypeId: unique symbol = Symbol.for("effect-copas/Future")

/**
 * A future (Copas's `copas.future.addthread()` object). It is an Effect: yielding it is
 * {@link get}.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as Future from "effect-copas/Future"
 * const twice = (f: Future.Future<number>) => Effect.map(f, (n) => n * 2) // a future is an Effect: `yield* f` waits
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Future<A, E = never> extends Effect.Effect<A, E | CancelledError> {
  readonly [TypeId]: typeof TypeId
  /** the task computing the result */
  readonly task: Task
}

/**
 * What {@link try_ try} returns: Copas's `PENDING`, `SUCCESS` with the value, `ERROR` with the
 * failure's cause (`CancelledError` after {@link cancel}).
 * @example
 * ```ts
 * import * as Future from "effect-copas/Future"
 * const describe = (s: Future.State<number, string>) =>
 *   s._tag === "Success" ? `done: ${s.value}` : s._tag === "Failure" ? "failed" : "still running"
 * ```
 * @since 0.1.0
 * @category models
 */
export type State<A, E> =
  | { readonly _tag: "Pending" }
  | { readonly _tag: "Success"; readonly value: A }
  | { readonly _tag: "Failure"; readonly cause: Cause.Cause<E | CancelledError> }

type GetWaiter<A, E> = Waiter<A, E | CancelledError>

const PENDING: State<never, never> = { _tag: "Pending" }

class FutureImpl<A, E> extends Effectable.Class<A, E | CancelledError>
  implements Future<A, E>, Host<A, E | CancelledError, GetWaiter<A, E>>
{
  readonly [TypeId]: typeof TypeId = TypeId
  result: Exit.Exit<A, E | CancelledError> | undefined = undefined
  readonly waiters = new WaitList<GetWaiter<A, E>>()
  taskImpl: TaskImpl | undefined = undefined
  constructor(readonly d: Dispatcher) {
    super()
  }

  get task(): Task {
    return this.taskImpl as unknown as Task
  }

  commit(): Effect.Effect<A, E | CancelledError> {
    return get(this)
  }

  tryNow(w: GetWaiter<A, E>) {
    if (this.result === undefined) return undefined
    w.state = GRANTED
    return this.result
  }
  enqueue(w: GetWaiter<A, E>) {
    this.waiters.push(w)
    return this.waiters
  }
  onTimeout() {}
  onInterrupt(w: GetWaiter<A, E>) {
    if (w.state === WAITING) {
      w.settle(GONE)
      this.waiters.left()
      this.d.requestCheck()
    }
  }

  /** Stores the result (once) and releases every waiter. */
  complete(exit: Exit.Exit<A, E | CancelledError>): boolean {
    if (this.result !== undefined) return false
    this.result = exit
    for (const w of this.waiters.takeAll()) {
      w.settle(GRANTED)
      w.resume!(exit)
    }
    this.d.requestCheck()
    return true
  }
}

const impl = <A, E>(self: Future<A, E>): FutureImpl<A, E> => self as FutureImpl<A, E>

/** interruption of the effect itself (not a cancel) also reads as cancelled */
const normalize = <A, E>(exit: Exit.Exit<A, E>): Exit.Exit<A, E | CancelledError> =>
  Exit.isFailure(exit) && Cause.isInterruptedOnly(exit.cause) ? Exit.fail(new CancelledError()) : exit

const start = <A, E, R>(name: string | undefined, effect: Effect.Effect<A, E, R>): Effect.Effect<
  Future<A, E>,
  never,
  Copas | R
> =>
  Effect.flatMap(Copas, (d) =>
    Effect.withFiberRuntime((fiber, status) => {
      if (name !== undefined && typeof name !== "string") throw new TypeError("expected arg #1 to be a string")
      const future = new FutureImpl<A, E>(d)
      const body = Effect.flatMap(Effect.exit(effect), (exit) =>
        Effect.sync(() => {
          future.complete(normalize(exit))
        }))
      future.taskImpl = d.spawn(
        body,
        name,
        fiberRefsOf(fiber as Fiber.RuntimeFiber<unknown, unknown>),
        status.runtimeFlags,
        (t) => {
          // a task removed (removeThread, shutdown) before it finished: the future is cancelled
          ;(t.onExit ??= []).push(() => {
            future.complete(Exit.fail(new CancelledError()))
          })
        }
      )
      return Effect.succeed(future as Future<A, E>)
    })
  )

/**
 * Copas's `copas.future.addthread(fn, ...)`: runs `effect` as a task and returns its future.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Future from "effect-copas/Future"
 * const f = Future.addThread(Effect.succeed("done"))
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const addThread = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<Future<A, E>, never, Copas | R> =>
  start(undefined, effect)

/**
 * Copas's `copas.future.addnamedthread(name, fn, ...)`: {@link addThread} with a task name.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Future from "effect-copas/Future"
 * const f = Future.addNamedThread("fetcher", Effect.succeed(1))
 * const g = Effect.succeed(2).pipe(Future.addNamedThread("other"))
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const addNamedThread: {
  (name: string): <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<Future<A, E>, never, Copas | R>
  <A, E, R>(name: string, effect: Effect.Effect<A, E, R>): Effect.Effect<Future<A, E>, never, Copas | R>
  <A, E, R>(effect: Effect.Effect<A, E, R>, name: string): Effect.Effect<Future<A, E>, never, Copas | R>
} = function(a: unknown, b?: unknown) {
  // not `dual`: its data-last form passes the piped value first, and here the name comes first;
  // Copas's old order (fn, name) is accepted too, as in Copas.addNamedThread
  if (arguments.length < 2) return (self: Effect.Effect<unknown, unknown, unknown>) => start(a as string, self)
  return Effect.isEffect(a) && typeof b === "string"
    ? start(b, a)
    : start(a as string, b as Effect.Effect<unknown, unknown, unknown>)
} as never

/**
 * Copas's `f:get()`: waits for the result and succeeds or fails with it (`CancelledError` after
 * {@link cancel}). Any number of tasks may wait; once done, it returns the cached result at once.
 * A waiting task is parked (it does not keep the loop alive).
 * @example
 * ```ts
 * import * as Future from "effect-copas/Future"
 * const result = (f: Future.Future<number, string>) => Future.get(f)
 * ```
 * @since 0.1.0
 * @category operations
 */
export const get = <A, E>(self: Future<A, E>): Effect.Effect<A, E | CancelledError> =>
  Effect.withFiberRuntime((fiber, status) => {
    const f = impl(self)
    if (f.result !== undefined) return f.result
    return suspend(f, makeWaiter(f.d, fiber as Fiber.RuntimeFiber<unknown, unknown>, 0), Infinity, interruptible(status))
  })

const try_ = <A, E>(self: Future<A, E>): Effect.Effect<State<A, E>> =>
  Effect.sync(() => {
    const r = impl(self).result
    if (r === undefined) return PENDING
    return Exit.isSuccess(r) ? { _tag: "Success", value: r.value } : { _tag: "Failure", cause: r.cause }
  })

export {
  /**
   * Copas's `f:try()`: the state now, without waiting: `Pending`, `Success` with the value, or
   * `Failure` with the cause.
   * @example
   * ```ts
   * import { Effect } from "effect"
   * import * as Future from "effect-copas/Future"
   * const peek = (f: Future.Future<number>) =>
   *   Future.try(f).pipe(Effect.map((s) => s._tag === "Success" ? s.value : undefined))
   * ```
   * @since 0.1.0
   * @category operations
   */
  try_ as try
}

/**
 * Copas's `f:cancel()`: when the future is pending, its result becomes `CancelledError`, its
 * waiters are released and its task is interrupted (its finalizers run); returns `true`.
 * Returns `false` when it was already done.
 * @example
 * ```ts
 * import * as Future from "effect-copas/Future"
 * const stop = (f: Future.Future<number>) => Future.cancel(f)
 * ```
 * @since 0.1.0
 * @category operations
 */
export const cancel = <A, E>(self: Future<A, E>): Effect.Effect<boolean> =>
  Effect.sync(() => {
    const f = impl(self)
    if (!f.complete(Exit.fail(new CancelledError()))) return false
    const t = f.taskImpl
    if (t !== undefined && !t.done && t.fiber !== undefined) t.fiber.unsafeInterruptAsFork(t.fiber.id())
    return true
  })

/**
 * Whether `u` is a Future.
 * @example
 * ```ts
 * import * as Future from "effect-copas/Future"
 * Future.isFuture({}) // false
 * ```
 * @since 0.1.0
 * @category guards
 */
export const isFuture = (u: unknown): u is Future<unknown, unknown> =>
  typeof u === "object" && u !== null && TypeId in u

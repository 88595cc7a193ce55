/**
 * Copas's `copas.queue`: an unbounded FIFO queue between tasks, with workers, `stop`, `finish`
 * and `destroy`.
 *
 * `pop` waits (default 10 seconds) for an item; a push hands the item straight to the oldest
 * waiting pop. A worker ({@link addWorker}) is a task that pops forever and runs its handler on
 * each item; idle workers are parked and do not keep the loop alive. {@link stop} refuses new
 * pushes and destroys the queue once drained; {@link finish} stops it and waits until it is empty
 * and every worker has finished its current item.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as Queue from "effect-copas/Queue"
 *
 * const program = Copas.run(Effect.gen(function*() {
 *   const q = yield* Queue.make<string>({ name: "jobs" })
 *   yield* Queue.addWorker(q, (job) => Effect.log(`handling ${job}`))
 *   yield* Queue.push(q, "a")
 *   yield* Queue.push(q, "b")
 *   yield* Queue.finish(q) // both handled, then the queue is destroyed
 * }))
 * ```
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { type Pipeable, pipeArguments } from "effect/Pipeable"
import { dual } from "effect/Function"
import type * as Fiber from "effect/Fiber"
import { Copas, type Task } from "./Copas.js"
import { DestroyedError, StoppingError, TimeoutError } from "./Errors.js"
import { type Dispatcher, fiberRefsOf, type TaskImpl, taskOf } from "./internal/dispatcher.js"
import { isInterruptible, withFiber } from "./internal/primitive.js"
import {
  GONE,
  GRANTED,
  type Host,
  interruptible,
  makeWaiter,
  Ring,
  suspend,
  timeoutMillis,
  WAITING,
  Waiter,
  WaitList
} from "./internal/waiters.js"

const TypeId: unique symbol = Symbol.for("effect-copas/Queue")

/**
 * A queue (Copas's `copas.queue.new()` object).
 * @example
 * ```ts
 * import * as Queue from "effect-copas/Queue"
 * const label = (q: Queue.Queue<string>) => `queue ${q.name}`
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Queue<in out A> extends Pipeable {
  readonly [TypeId]: { readonly _A: (_: A) => A }
  /** the queue's name (`copas_queue_<n>` by default); workers are named `<name>:worker_<n>` */
  readonly name: string
}

/**
 * Options of {@link make}.
 * @example
 * ```ts
 * import * as Queue from "effect-copas/Queue"
 * const options: Queue.Options = { name: "mail" }
 * const outbox = Queue.make<string>(options)
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly name?: string | undefined
}

/** a worker's state: `busy` while it handles an item */
interface Worker {
  task: TaskImpl | undefined
  busy: boolean
}

/** a pop waiter; `item` holds a handed-over item until the waiter's fiber takes it */
class PopWaiter<A> extends Waiter<A, TimeoutError | DestroyedError> {
  item: A | undefined = undefined
  worker: Worker | undefined = undefined
}

type FinishWaiter = Waiter<void, TimeoutError | DestroyedError>

let queueCounter = 0

class FinishHost implements Host<void, TimeoutError | DestroyedError, FinishWaiter> {
  noDestroy = false
  constructor(readonly q: QueueImpl<any>) {}
  tryNow(w: FinishWaiter) {
    const q = this.q
    if (q.explicitlyDestroyed) return Effect.fail(new DestroyedError({ waited: w.waited() }))
    if (q.items.length > 0 || q.busy > 0) return undefined
    w.state = GRANTED
    return Effect.void
  }
  enqueue(w: FinishWaiter) {
    this.q.finishers.push(w)
    return this.q.finishers
  }
  onTimeout(w: FinishWaiter) {
    if (!w.settle(GONE)) return
    const q = this.q
    q.finishers.left()
    if (!this.noDestroy && !q.destroyed) q.destroy(true)
    w.resume!(Effect.fail(new TimeoutError({ operation: "finish", waited: w.waited() })))
  }
  onInterrupt(w: FinishWaiter) {
    if (w.settle(GONE)) {
      this.q.finishers.left()
      this.q.d.requestCheck()
    }
  }
}

class QueueImpl<A> implements Queue<A>, Host<A, TimeoutError | DestroyedError, PopWaiter<A>> {
  pipe() {
    // (Pipeable, as Effect's data types: `x.pipe(Module.op(...))`)
    return pipeArguments(this, arguments)
  }
  readonly [TypeId] = { _A: (a: A) => a }
  readonly items = new Ring<A>()
  readonly poppers = new WaitList<PopWaiter<A>>()
  readonly finishers = new WaitList<FinishWaiter>()
  readonly workers = new Set<Worker>()
  stopping = false
  destroyed = false
  /** destroyed by `destroy` or a finish timeout, not by draining a stopped queue */
  explicitlyDestroyed = false
  /** workers handling an item */
  busy = 0
  workerCount = 0
  constructor(readonly d: Dispatcher, readonly name: string) {}

  /** Takes the first item (the caller checked there is one); a stopped queue drained is destroyed. */
  shift(worker: Worker | undefined): A {
    const item = this.items.shift() as A
    if (worker !== undefined) {
      worker.busy = true
      this.busy++
    }
    if (this.items.length === 0 && this.stopping) this.destroy(false)
    return item
  }

  tryNow(w: PopWaiter<A>) {
    if (this.destroyed) return Effect.fail(new DestroyedError({ waited: w.waited() }))
    if (this.items.length === 0) return undefined
    w.state = GRANTED
    return Effect.succeed(this.shift(w.worker))
  }

  enqueue(w: PopWaiter<A>) {
    this.poppers.push(w)
    return this.poppers
  }

  onTimeout(w: PopWaiter<A>) {
    if (!w.settle(GONE)) return
    this.poppers.left()
    w.resume!(Effect.fail(new TimeoutError({ operation: "pop", waited: w.waited() })))
  }

  onInterrupt(w: PopWaiter<A>) {
    if (w.state === WAITING) {
      w.settle(GONE)
      this.poppers.left()
      this.d.requestCheck()
    } else if (w.state === GRANTED) {
      // the hand-off raced with the interruption: the item goes back to the front
      w.state = GONE
      const worker = w.worker
      if (worker !== undefined && worker.busy) {
        worker.busy = false
        this.busy--
      }
      if (!this.destroyed) {
        this.items.unshift(w.item as A)
        w.item = undefined
        this.serve()
      }
      this.checkFinished()
    }
  }

  /** Hands items to waiting pops, oldest first. */
  serve(): void {
    while (this.items.length > 0) {
      const w = this.poppers.next()
      if (w === undefined) return
      const item = this.shift(w.worker)
      w.item = item
      w.settle(GRANTED)
      w.resume!(Effect.succeed(item))
    }
  }

  push(item: A): Effect.Effect<void, StoppingError | DestroyedError> {
    return Effect.suspend((): Effect.Effect<void, StoppingError | DestroyedError> => {
      if (this.destroyed) return Effect.fail(new DestroyedError({}))
      if (this.stopping) return Effect.fail(new StoppingError())
      this.items.push(item)
      if (this.poppers.live > 0) this.serve()
      return Effect.void
    })
  }

  /** Pop for `worker` (or a plain caller); `timeout` validated inside. */
  pop(timeout: Duration.DurationInput | undefined, worker: Worker | undefined): Effect.Effect<
    A,
    TimeoutError | DestroyedError
  > {
    return withFiber<A, TimeoutError | DestroyedError, never>((f) => {
      if (this.destroyed) return Effect.fail(new DestroyedError({ waited: 0 }))
      const ms = timeout === undefined ? 10_000 : timeoutMillis(timeout, "1st")
      if (this.items.length > 0) return Effect.succeed(this.shift(worker))
      if (ms === 0) return Effect.fail(new TimeoutError({ operation: "pop", waited: 0 }))
      const w = new PopWaiter<A>(this.d, f, taskOf(f), this.d.scheduler.now(), 1)
      w.worker = worker
      return suspend(this, w, ms, isInterruptible(f))
    })
  }

  /** Drops the items, fails the waiting pops; `explicit` also fails the finish waiters. */
  destroy(explicit: boolean): void {
    this.destroyed = true
    this.stopping = true
    if (explicit) this.explicitlyDestroyed = true
    this.items.drain()
    this.poppers.destroyAll()
    if (explicit) this.finishers.destroyAll()
    else this.checkFinished()
    this.d.requestCheck()
  }

  /** Releases the finish waiters once the queue is empty and no worker is busy. */
  checkFinished(): void {
    if (this.finishers.live === 0 || this.items.length > 0 || this.busy > 0) return
    for (const w of this.finishers.takeAll()) {
      w.settle(GRANTED)
      w.resume!(Effect.void)
    }
  }

  stop(): void {
    this.stopping = true
    if (this.items.length === 0 && !this.destroyed) this.destroy(false)
  }

  /**
   * The worker's loop: take the next item (synchronously while items are there, else wait in a
   * pop), handle it, repeat; ends when the queue is destroyed. A `whileLoop` costs three calls per
   * item and no allocation (W5).
   */
  workerLoop<E, R>(worker: Worker, handler: (item: A) => Effect.Effect<unknown, E, R>): Effect.Effect<void, E, R> {
    let stop = false
    const wait = Effect.matchEffect(this.pop(Infinity, worker), {
      onFailure: () => {
        stop = true // destroyed
        return Effect.void
      },
      onSuccess: handler
    })
    return Effect.whileLoop({
      while: () => !stop,
      body: (): Effect.Effect<unknown, E, R> => {
        if (this.items.length > 0) return handler(this.shift(worker))
        if (this.destroyed) {
          stop = true
          return Effect.void
        }
        return wait
      },
      step: () => {
        if (worker.busy) {
          worker.busy = false
          this.busy--
          if (this.finishers.live > 0) this.checkFinished()
        }
      }
    })
  }
}

const impl = <A>(self: Queue<A>): QueueImpl<A> => self as QueueImpl<A>

/**
 * Copas's `copas.queue.new([opts])`: a new, unbounded queue named `opts.name` (default
 * `copas_queue_<n>`).
 * @example
 * ```ts
 * import * as Queue from "effect-copas/Queue"
 * const jobs = Queue.make<number>({ name: "jobs" })
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const make = <A>(options?: Options): Effect.Effect<Queue<A>, never, Copas> =>
  Effect.map(Copas, (d) => {
    const n = ++queueCounter
    const name = options?.name
    if (name !== undefined && typeof name !== "string") throw new TypeError("expected name to be a string")
    return new QueueImpl<A>(d, name ?? `copas_queue_${n}`)
  })

/**
 * Copas's `q:push(item)`: adds an item (any value, `undefined` included). Fails with
 * `StoppingError` after {@link stop} / {@link finish}, `DestroyedError` after destroy.
 * @example
 * ```ts
 * import * as Queue from "effect-copas/Queue"
 * const add = (q: Queue.Queue<string>) => Queue.push(q, "job")
 * const addPiped = (q: Queue.Queue<string>) => q.pipe(Queue.push("job"))
 * ```
 * @since 0.1.0
 * @category operations
 */
export const push: {
  // (the queue's type comes from the queue, not from the item: `Queue<A>` is invariant, so a
  // `Queue<"a" | "b">` or `Queue<Animal>` must take an item of a narrower type)
  <I>(item: I): <A>(self: [I] extends [A] ? Queue<A> : Queue<I>) => Effect.Effect<void, StoppingError | DestroyedError>
  <A>(self: Queue<A>, item: A): Effect.Effect<void, StoppingError | DestroyedError>
} = dual(2, <A>(self: Queue<A>, item: A): Effect.Effect<void, StoppingError | DestroyedError> => impl(self).push(item))

/**
 * Copas's `q:pop([timeout])`: the oldest item, waiting at most `timeout` (default 10 seconds; 0
 * does not wait; `Infinity` waits forever). Fails with `TimeoutError` (with `waited`, ms) or
 * `DestroyedError`. Popping the last item of a stopped queue destroys it.
 * @example
 * ```ts
 * import * as Queue from "effect-copas/Queue"
 * const next = (q: Queue.Queue<string>) => Queue.pop(q, "1 second")
 * const nextPiped = (q: Queue.Queue<string>) => q.pipe(Queue.pop("1 second"))
 * ```
 * @since 0.1.0
 * @category operations
 */
export const pop: {
  (timeout?: Duration.DurationInput): <A>(self: Queue<A>) => Effect.Effect<A, TimeoutError | DestroyedError>
  <A>(self: Queue<A>, timeout?: Duration.DurationInput): Effect.Effect<A, TimeoutError | DestroyedError>
} = dual(
  (args) => args.length >= 2 || isQueue(args[0]),
  <A>(self: Queue<A>, timeout?: Duration.DurationInput): Effect.Effect<A, TimeoutError | DestroyedError> =>
    impl(self).pop(timeout, undefined)
)

/**
 * Copas's `q:get_size()`: the number of items queued.
 * @example
 * ```ts
 * import * as Queue from "effect-copas/Queue"
 * const size = (q: Queue.Queue<string>) => Queue.getSize(q)
 * ```
 * @since 0.1.0
 * @category getters
 */
export const getSize = <A>(self: Queue<A>): Effect.Effect<number, DestroyedError> =>
  Effect.suspend(() => {
    const q = impl(self)
    return q.destroyed ? Effect.fail(new DestroyedError({})) : Effect.succeed(q.items.length)
  })

/**
 * Copas's `q:get_workers()`: the worker tasks still alive.
 * @example
 * ```ts
 * import * as Queue from "effect-copas/Queue"
 * const workers = (q: Queue.Queue<string>) => Queue.getWorkers(q)
 * ```
 * @since 0.1.0
 * @category getters
 */
export const getWorkers = <A>(self: Queue<A>): Effect.Effect<ReadonlyArray<Task>, DestroyedError> =>
  Effect.suspend(() => {
    const q = impl(self)
    if (q.destroyed) return Effect.fail(new DestroyedError({}))
    const out: Array<Task> = []
    for (const w of q.workers) if (w.task !== undefined && !w.task.done) out.push(w.task as unknown as Task)
    return Effect.succeed(out)
  })

/**
 * Copas's `q:stop()`: refuses further pushes; the queue is destroyed once empty (at once when it
 * is empty already).
 * @example
 * ```ts
 * import * as Queue from "effect-copas/Queue"
 * const close = (q: Queue.Queue<string>) => Queue.stop(q)
 * ```
 * @since 0.1.0
 * @category operations
 */
export const stop = <A>(self: Queue<A>): Effect.Effect<void, DestroyedError> =>
  Effect.suspend(() => {
    const q = impl(self)
    if (q.destroyed) return Effect.fail(new DestroyedError({}))
    q.stop()
    return Effect.void
  })

/**
 * Copas's `q:finish([timeout][, no_destroy_on_timeout])`: {@link stop}, then wait (default 10
 * seconds) until the queue is empty and every worker has finished its current item. On timeout
 * the queue is destroyed (unless `noDestroyOnTimeout`) and the call fails with `TimeoutError`;
 * a queue destroyed meanwhile by {@link destroy} fails it with `DestroyedError`.
 * @example
 * ```ts
 * import * as Queue from "effect-copas/Queue"
 * const drain = (q: Queue.Queue<string>) => Queue.finish(q, "30 seconds")
 * ```
 * @since 0.1.0
 * @category operations
 */
export const finish = <A>(
  self: Queue<A>,
  timeout?: Duration.DurationInput,
  noDestroyOnTimeout = false
): Effect.Effect<void, TimeoutError | DestroyedError> =>
  Effect.withFiberRuntime((fiber, status) => {
    const q = impl(self)
    if (q.destroyed) return Effect.fail(new DestroyedError({}))
    const ms = timeout === undefined ? 10_000 : timeoutMillis(timeout, "1st")
    q.stop()
    if (q.items.length === 0 && q.busy === 0) return Effect.void
    if (ms === 0) {
      if (!noDestroyOnTimeout && !q.destroyed) q.destroy(true)
      return Effect.fail(new TimeoutError({ operation: "finish", waited: 0 }))
    }
    const host = new FinishHost(q)
    host.noDestroy = noDestroyOnTimeout
    return suspend(host, makeWaiter(q.d, fiber as Fiber.RuntimeFiber<unknown, unknown>, 0), ms, interruptible(status))
  })

/**
 * Copas's `q:destroy()`: drops the items, fails waiting pops (and finishes) with
 * `DestroyedError`; workers end after their current item; every later call fails with
 * `DestroyedError`.
 * @example
 * ```ts
 * import * as Queue from "effect-copas/Queue"
 * const teardown = (q: Queue.Queue<string>) => Queue.destroy(q)
 * ```
 * @since 0.1.0
 * @category operations
 */
export const destroy = <A>(self: Queue<A>): Effect.Effect<void, DestroyedError> =>
  Effect.suspend(() => {
    const q = impl(self)
    if (q.destroyed) return Effect.fail(new DestroyedError({}))
    q.destroy(true)
    return Effect.void
  })

/**
 * Copas's `q:add_worker(fn)`: starts a task named `<queue name>:worker_<n>` that pops items
 * forever and runs `handler` on each. A handler failure ends that worker (its error handler
 * runs) and it is not restarted. Workers end when the queue is destroyed; idle ones do not keep
 * the loop alive.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Queue from "effect-copas/Queue"
 * const start = (q: Queue.Queue<string>) => Queue.addWorker(q, (item) => Effect.log(item))
 * ```
 * @since 0.1.0
 * @category workers
 */
export const addWorker = <A, E, R>(
  self: Queue<A>,
  handler: (item: A) => Effect.Effect<unknown, E, R>
): Effect.Effect<Task, DestroyedError, R> =>
  Effect.withFiberRuntime((fiber, status) => {
    const q = impl(self)
    if (q.destroyed) return Effect.fail(new DestroyedError({}))
    if (typeof handler !== "function") throw new TypeError("expected worker to be a function")
    const worker: Worker = { task: undefined, busy: false }
    const task = q.d.spawn(
      q.workerLoop(worker, handler),
      `${q.name}:worker_${++q.workerCount}`,
      fiberRefsOf(fiber as Fiber.RuntimeFiber<unknown, unknown>),
      status.runtimeFlags,
      (t) => {
        worker.task = t
        ;(t.onExit ??= []).push(() => {
          q.workers.delete(worker)
          if (worker.busy) {
            worker.busy = false
            q.busy--
            q.checkFinished()
          }
        })
      }
    )
    q.workers.add(worker)
    return Effect.succeed(task as unknown as Task)
  })

/**
 * Whether `u` is a Queue.
 * @example
 * ```ts
 * import * as Queue from "effect-copas/Queue"
 * Queue.isQueue({}) // false
 * ```
 * @since 0.1.0
 * @category guards
 */
export const isQueue = (u: unknown): u is Queue<unknown> => typeof u === "object" && u !== null && TypeId in u

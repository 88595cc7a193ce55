/**
 * The dispatcher: Copas's `copas()`, `loop`, `step`, `addthread`, `sleep`, `pause`, `wakeup`,
 * `exit`, error handlers and thread names, as Effects over a `Copas` service.
 *
 * Tasks are fibers owned by the dispatcher and run on its scheduler. The loop runs until no task is
 * runnable, nothing is sleeping, no server is registered and no timeout is pending (tasks parked
 * forever do not keep it alive), exactly as Copas's `finished()`.
 *
 * @example
 * ```ts
 * import { Console, Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 *
 * const program = Copas.run(Effect.gen(function*() {
 *   yield* Copas.addThread(Effect.gen(function*() {
 *     yield* Copas.sleep("100 millis")
 *     yield* Console.log("world")
 *   }))
 *   yield* Console.log("hello")
 * }))
 * Effect.runPromise(program) // prints hello, then world, then resolves
 * ```
 *
 * @since 0.1.0
 */
import type * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as RuntimeFlags from "effect/RuntimeFlags"
import type * as Scope from "effect/Scope"
import { performance } from "node:perf_hooks"
import type { NotSleepingError } from "./Errors.js"
import * as internal from "./internal/dispatcher.js"
import { TIMEOUT, TIMER, SLEEP } from "./internal/heap.js"
import { currentFiber, withFiber } from "./internal/primitive.js"
import { raceFirst } from "./internal/race.js"
import { CopasScheduler } from "./internal/scheduler.js"

/**
 * Copas's `_VERSION`, `_COPYRIGHT` and `_DESCRIPTION` (what `copas -v` prints).
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * console.log(`${Copas.VERSION}\n${Copas.COPYRIGHT}`)
 * ```
 * @since 0.1.0
 */
export const VERSION = "effect-copas 0.1.0 (Copas 4.11 compatible)"
/**
 * Copas's `_COPYRIGHT` (see {@link VERSION}).
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * Copas.COPYRIGHT // "Copyright (C) 2026 the effect-copas authors; Copas: ..."
 * ```
 * @since 0.1.0
 */
export const COPYRIGHT = "Copyright (C) 2026 the effect-copas authors; Copas: 2005-2013 Kepler Project, 2015-2026 Thijs Schreijer"
/**
 * Copas's `_DESCRIPTION` (see {@link VERSION}).
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * Copas.DESCRIPTION // "Coroutine Oriented Portable Asynchronous Services, for Effect"
 * ```
 * @since 0.1.0
 */
export const DESCRIPTION = "Coroutine Oriented Portable Asynchronous Services, for Effect"

/**
 * The dispatcher service. Its value is opaque: use the functions of this module.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * const program = Effect.gen(function*() {
 *   yield* Copas.addThread(Copas.sleep("1 second"))
 *   yield* Copas.loop()
 * }).pipe(Effect.provide(Copas.layer))
 * ```
 * @since 0.1.0
 * @category tags
 */
export class Copas extends Context.Tag("effect-copas/Copas")<Copas, internal.Dispatcher>() {}

/**
 * A task: Copas's coroutine, an Effect fiber registered with the dispatcher.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * const whoAmI = Effect.map(Copas.currentTask, (task: Copas.Task) => task.threadName)
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Task {
  readonly [internal.TaskTypeId]: typeof internal.TaskTypeId
  /** the fiber running the task */
  readonly fiber: Fiber.RuntimeFiber<unknown, unknown> | undefined
  /** the task's name (`getThreadName`) */
  readonly threadName: string
}

/**
 * An error handler (`setErrorHandler`): the failure's cause, the task and its last socket. `R`:
 * the services it needs, taken from where it is set.
 * @example
 * ```ts
 * import { Cause, Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * const handler: Copas.ErrorHandler = (cause, task) => Effect.logError(`${task.threadName}: ${Cause.pretty(cause)}`)
 * const install = Copas.setErrorHandler(handler, { default: true })
 * ```
 * @since 0.1.0
 * @category models
 */
export type ErrorHandler<R = never> = (
  cause: Cause.Cause<unknown>,
  task: Task,
  socket: internal.NamedSocket | undefined
) => Effect.Effect<void, unknown, R>

/**
 * Whether `u` is a Task.
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * Copas.isTask({}) // false
 * ```
 * @since 0.1.0
 * @category guards
 */
export const isTask = (u: unknown): u is Task => typeof u === "object" && u !== null && internal.TaskTypeId in u

/**
 * Builds a dispatcher in the current scope (the `Copas` service value). Closing the scope
 * interrupts every task and stops every server and timer.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * const myLayer = Layer.scoped(Copas.Copas, Copas.make)
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<internal.Dispatcher, never, Scope.Scope> = internal.makeDispatcher(false)

/**
 * The dispatcher as a layer: tasks run by themselves on its scheduler.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * Effect.runPromise(Copas.loop(Copas.sleep(10)).pipe(Effect.provide(Copas.layer)))
 * ```
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Copas> = Layer.scoped(Copas, make)

/**
 * A controlled dispatcher: nothing runs until the host calls {@link step}, as with Copas's
 * `copas.step()` driven from an application's own loop.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * const host = Effect.gen(function*() {
 *   yield* Copas.addThread(Copas.sleep(5))
 *   yield* Copas.setRunning(true)
 *   while (!(yield* Copas.finished)) {
 *     yield* Copas.step("10 millis")
 *     // ... process the host's own events here
 *   }
 *   yield* Copas.setRunning(false)
 * }).pipe(Effect.provide(Copas.layerControlled))
 * ```
 * @since 0.1.0
 * @category layers
 */
export const layerControlled: Layer.Layer<Copas> = Layer.scoped(Copas, internal.makeDispatcher(true))

// ---- helpers ------------------------------------------------------------------------------------

/** The dispatcher a fiber runs on (its scheduler's owner), else the one in its context. */
const dispatcherOf = (fiber: Fiber.RuntimeFiber<any, any>): internal.Dispatcher => {
  const s = fiber.currentScheduler
  return s instanceof CopasScheduler
    ? (s.owner as internal.Dispatcher)
    : Context.unsafeGet(fiber.currentContext as Context.Context<Copas>, Copas)
}

const withDispatcher = <A, E, R>(
  f: (
    d: internal.Dispatcher,
    fiber: Fiber.RuntimeFiber<unknown, unknown>,
    flags: RuntimeFlags.RuntimeFlags
  ) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R | Copas> =>
  Effect.withFiberRuntime((fiber, status) =>
    f(dispatcherOf(fiber), fiber as Fiber.RuntimeFiber<unknown, unknown>, status.runtimeFlags)
  )


const asTask = (t: Task): internal.TaskImpl => t as unknown as internal.TaskImpl

// ---- loop control -------------------------------------------------------------------------------

/**
 * Copas's `copas.loop([init])`: runs `init` (if given) as the task `"copas_initializer"`, then
 * runs until nothing is left to do. When work runs out it calls {@link exit} so that
 * {@link waitForExit} waiters can clean up (and start new work), and returns when work runs out
 * again. Errors in tasks go to their error handlers and never escape the loop.
 *
 * @example
 * ```ts
 * import { Console, Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * Effect.runPromise(Copas.loop(Console.log("started")).pipe(Effect.provide(Copas.layer)))
 * ```
 * @since 0.1.0
 * @category loop
 */
export const loop = <A = void, E = never, R = never>(
  init?: Effect.Effect<A, E, R>
): Effect.Effect<void, never, Copas | R> =>
  // the dispatcher in context, not the one the calling fiber runs on: `Copas.run` from a task
  // (a dispatcher nested in another's task) runs its own loop, not the outer one (a deadlock:
  // the outer loop waits for the very task that waits for it)
  Effect.flatMap(Copas, (d) =>
    Effect.gen(function*() {
      d.exitingFlag = false
      d.running = true
      if (init !== undefined) {
        const parent = yield* Effect.getFiberRefs
        const flags = yield* Effect.getRuntimeFlags
        d.spawn(init, "copas_initializer", parent, flags)
      }
      for (;;) {
        yield* d.awaitFinished
        if (d.exitingFlag) break
        d.exit()
      }
    }).pipe(Effect.ensuring(Effect.sync(() => {
      d.running = false
      d.timeEnd = Date.now()
    })))
  )

/**
 * Copas's `copas(fn)`: a fresh dispatcher, `loop(init)`, and the dispatcher closed afterwards
 * (tasks still parked are interrupted, their finalizers run).
 *
 * @example
 * ```ts
 * import { Console, Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * Effect.runPromise(Copas.run(Console.log("hello from a task")))
 * ```
 * @since 0.1.0
 * @category loop
 */
export const run = <A, E, R>(init: Effect.Effect<A, E, R>): Effect.Effect<void, never, Exclude<R, Copas>> =>
  loop(init).pipe(Effect.provide(layer)) as Effect.Effect<void, never, Exclude<R, Copas>>

/**
 * Copas's `copas.step([timeout])` on a {@link layerControlled} dispatcher: fire due timers, run the
 * tasks that are ready now (one round), and return `true`; when none is ready, wait up to `timeout`
 * (default 0) for one, run the round and return whether anything ran.
 *
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const oneRound = Copas.step("50 millis") // Effect<boolean, never, Copas>
 * ```
 * @since 0.1.0
 * @category loop
 */
export const step = (timeout: Duration.DurationInput = 0): Effect.Effect<boolean, never, Copas> =>
  Effect.flatMap(Copas, (d) =>
    Effect.suspend(() => {
      const sched = d.scheduler
      if (!sched.manual) {
        return Effect.dieMessage("Copas.step needs a controlled dispatcher (Copas.layerControlled)")
      }
      if (sched.step()) return Effect.succeed(true)
      const ms = Math.max(0, internal.toMillis(timeout, "timeout"))
      if (ms === 0) return Effect.succeed(false)
      const waitWork = internal.asyncCancel<void>((resume) => {
        sched.onQueued = () => {
          sched.onQueued = null
          resume(Effect.void)
        }
        return Effect.sync(() => {
          sched.onQueued = null
        })
      })
      // (our race: Effect's can hang a fiber interrupted between making and starting its children)
      return raceFirst(waitWork, Effect.sleep(Duration.millis(ms))).pipe(
        Effect.map(() => sched.step())
      )
    }))

/**
 * Copas's `copas.finished()`: `true` when no task is runnable or sleeping, no server is registered
 * and no timeout is pending (tasks parked forever do not count).
 *
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const done = Copas.finished // Effect<boolean, never, Copas>
 * ```
 * @since 0.1.0
 * @category loop
 */
export const finished: Effect.Effect<boolean, never, Copas> = Effect.map(Copas, (d) => d.isFinished())

/**
 * Copas's `copas.running`: `true` while {@link loop} runs (a host driving {@link step} sets it
 * with {@link setRunning}).
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const isRunning = Copas.running
 * ```
 * @since 0.1.0
 * @category loop
 */
export const running: Effect.Effect<boolean, never, Copas> = Effect.map(Copas, (d) => d.running)

/**
 * Sets the `running` flag, for hosts that drive the dispatcher with {@link step}.
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const start = Copas.setRunning(true)
 * ```
 * @since 0.1.0
 * @category loop
 */
export const setRunning = (value: boolean): Effect.Effect<void, never, Copas> =>
  Effect.map(Copas, (d) => {
    d.running = value
  })

/**
 * Copas's `copas.exit()`: sets the exiting flag and releases every {@link waitForExit} waiter
 * (Copas 4.11 released only one). Idempotent.
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const stop = Copas.exit
 * ```
 * @since 0.1.0
 * @category loop
 */
export const exit: Effect.Effect<void, never, Copas> = Effect.map(Copas, (d) => d.exit())

/**
 * Copas's `copas.exiting()`.
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const isExiting = Copas.exiting
 * ```
 * @since 0.1.0
 * @category loop
 */
export const exiting: Effect.Effect<boolean, never, Copas> = Effect.map(Copas, (d) => d.exitingFlag)

/**
 * Copas's `copas.waitforexit()`: parks the task until {@link exit} (returns at once when exiting).
 * A parked waiter does not keep the loop alive: when work runs out the loop calls `exit`.
 * @example
 * ```ts
 * import { Console, Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * const cleaner = Copas.waitForExit.pipe(Effect.zipRight(Console.log("cleaning up")))
 * ```
 * @since 0.1.0
 * @category loop
 */
export const waitForExit: Effect.Effect<void, never, Copas> = withDispatcher((d, fiber) => d.waitForExit(fiber))

/**
 * Copas's `copas.cancelall()`: interrupts every task (and the timer, timeout and error-handler
 * callbacks running), removes every server and timer, and exits.
 * Meant for test tear-down; unlike Copas, the tasks' finalizers run.
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const teardown = Copas.cancelAll
 * ```
 * @since 0.1.0
 * @category loop
 */
export const cancelAll: Effect.Effect<void, never, Copas> = Effect.map(Copas, (d) => d.cancelAll())

/**
 * What {@link status} returns. The timing fields are present once statistics are enabled
 * (`status(true)`); they cover the time since the previous call (except `*Ever`).
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * const busy = Effect.map(Copas.status(), (s: Copas.Status) => s.active + s.read + s.write > 0)
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Status {
  readonly running: boolean
  /** sockets waiting to read (servers included) */
  readonly read: number
  /** sockets waiting to write */
  readonly write: number
  /** tasks that are runnable (not sleeping, parked or blocked on a socket) */
  readonly active: number
  /** timed sleepers and armed timers */
  readonly timer: number
  /** parked tasks (pauseForever, lock and queue waits ...) */
  readonly inactive: number
  /** pending timeouts (copas.timeout, lock and semaphore wait limits) */
  readonly timeout: number
  readonly steps?: number
  /** ms spent running tasks in all steps, and per step */
  readonly durationTot?: number
  readonly durationMin?: number
  readonly durationMax?: number
  readonly durationAvg?: number
  readonly durationMinEver?: number
  readonly durationMaxEver?: number
  /** seconds since the epoch */
  readonly timeStart?: number
  readonly timeEnd?: number
  /** seconds */
  readonly timeTot?: number
  /** ms of wall time per step */
  readonly timeAvg?: number
}

/**
 * Copas's `copas.status([enableStats])`: counts of the dispatcher's work. The first `status(true)`
 * switches step statistics on and returns only the counts; while they are on, every call returns
 * the statistics since the previous call and resets them; `status(false)` switches them off.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * const show = Effect.gen(function*() {
 *   yield* Copas.status(true) // switches the statistics on (no `steps` yet)
 *   yield* Copas.sleep("1 second")
 *   const s = yield* Copas.status(true) // the steps completed since the previous call (reset now)
 *   yield* Effect.log(s.active, s.steps)
 * })
 * ```
 * @since 0.1.0
 * @category loop
 */
export const status = (enableStats?: boolean): Effect.Effect<Status, never, Copas> =>
  Effect.map(Copas, (d) => {
    const counts = d.scheduler.heap.counts
    const base = {
      running: d.running,
      read: d.reading + d.servers,
      write: d.writing,
      active: Math.max(0, d.taskCount - d.parkedTasks - d.sleepingTasks - d.reading - d.writing),
      timer: counts[SLEEP]! + counts[TIMER]!,
      inactive: d.parkedAll,
      timeout: counts[TIMEOUT]!
    }
    const stats = d.scheduler.stats
    if (enableStats === false) stats.enabled = false
    if (enableStats === true && !stats.enabled) {
      stats.enabled = true
      stats.reset(Date.now())
      return base
    }
    if (!stats.enabled) return base
    const now = Date.now()
    const timeTot = (now - stats.timeStart) / 1000
    const r: Status = {
      ...base,
      steps: stats.steps,
      durationTot: stats.durTot,
      durationMin: stats.steps ? stats.durMin : 0,
      durationMax: stats.durMax,
      durationAvg: stats.steps ? stats.durTot / stats.steps : 0,
      durationMinEver: stats.durMinEver === Infinity ? 0 : stats.durMinEver,
      durationMaxEver: stats.durMaxEver,
      timeStart: stats.timeStart / 1000,
      timeEnd: now / 1000,
      timeTot,
      timeAvg: stats.steps ? (timeTot * 1000) / stats.steps : 0
    }
    stats.reset(now)
    return r
  })

/**
 * Copas's `copas.gettime()`: seconds since the epoch, fractional (from Effect's `Clock`).
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const now = Copas.getTime // Effect<number>
 * ```
 * @since 0.1.0
 * @category time
 */
export const getTime: Effect.Effect<number> = Effect.clockWith((clock) =>
  Effect.sync(() => Number(clock.unsafeCurrentTimeNanos()) / 1e9)
)

/**
 * Copas's `copas.gettimeouts()`: how many timeouts are pending.
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const pending = Copas.getTimeouts
 * ```
 * @since 0.1.0
 * @category time
 */
export const getTimeouts: Effect.Effect<number, never, Copas> = Effect.map(
  Copas,
  (d) => d.scheduler.heap.counts[TIMEOUT]!
)

/**
 * Effect `Metric`s of the dispatcher: `tasks`, the number of running tasks (of every dispatcher
 * in the process). The servers' metrics are `Server.metrics`.
 * @example
 * ```ts
 * import { Effect, Metric } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * const running = Effect.map(Metric.value(Copas.metrics.tasks), (state) => state.value)
 * ```
 * @since 0.1.0
 * @category metrics
 */
export const metrics = {
  tasks: internal.tasksMetric
}

// ---- tasks --------------------------------------------------------------------------------------

/**
 * Copas's `copas.addthread(fn, ...)`: starts `effect` as a task. It is scheduled, not run at once;
 * it runs with the caller's context. Its failure goes to its error handler, never to the caller.
 *
 * @example
 * ```ts
 * import { Console } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * const spawn = Copas.addThread(Console.log("in a task"))
 * ```
 * @since 0.1.0
 * @category tasks
 */
export const addThread = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<Task, never, Copas | R> =>
  // spawns right in the `withFiberRuntime` body (no inner `Effect.sync`): one closure and one op
  // less per spawn (W1 spawns 100k tasks)
  Effect.withFiberRuntime((fiber, status) =>
    Effect.succeed(
      dispatcherOf(fiber).spawn(effect, undefined, internal.fiberRefsOf(fiber), status.runtimeFlags) as Task
    )
  )

/**
 * Copas's `copas.addnamedthread(name, fn, ...)`: {@link addThread} with a name.
 * @example
 * ```ts
 * import { Console } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * const spawn = Copas.addNamedThread("greeter", Console.log("hi"))
 * ```
 * @since 0.1.0
 * @category tasks
 */
export const addNamedThread: {
  (name: string): <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<Task, never, Copas | R>
  <A, E, R>(name: string, effect: Effect.Effect<A, E, R>): Effect.Effect<Task, never, Copas | R>
  <A, E, R>(effect: Effect.Effect<A, E, R>, name: string): Effect.Effect<Task, never, Copas | R>
} = function(a: unknown, b?: unknown) {
  // not `dual`: Copas's order is (name, fn), its old order (fn, name) is accepted too, and the
  // piped form takes the effect last
  if (arguments.length < 2) return (self: Effect.Effect<unknown, unknown, unknown>) => spawnNamed(a as string, self)
  return Effect.isEffect(a) && typeof b === "string"
    ? spawnNamed(b, a)
    : spawnNamed(a as string, b as Effect.Effect<unknown, unknown, unknown>)
} as never

const spawnNamed = <A, E, R>(name: string, effect: Effect.Effect<A, E, R>): Effect.Effect<Task, never, Copas | R> =>
  withDispatcher((d, fiber, flags) =>
    Effect.sync(() => {
      if (typeof name !== "string") throw new TypeError("expected arg #1 to be a string")
      return d.spawn(effect, name, internal.fiberRefsOf(fiber), flags) as Task
    })
  )

/**
 * Copas's `copas.removethread(co)`: interrupts the task (its finalizers run; no error handler).
 * Removing a finished task does nothing.
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const stop = (task: Copas.Task) => Copas.removeThread(task)
 * ```
 * @since 0.1.0
 * @category tasks
 */
export const removeThread = (task: Task): Effect.Effect<void> =>
  Effect.sync(() => {
    const t = asTask(task)
    if (t.done || t.fiber === undefined) return
    // a parked or sleeping task stops counting as work now, not when the interrupt is processed,
    // and is no longer sleeping: a `wakeup` right after fails with NotSleepingError (Copas's
    // removethread takes it out of the sleepers). Not in an uninterruptible region: there the
    // sleep runs to its end and the task ends after the region.
    if (
      t.wake !== null && t.dispatcher !== undefined &&
      RuntimeFlags.interruptible((t.fiber as unknown as { currentRuntimeFlags: RuntimeFlags.RuntimeFlags }).currentRuntimeFlags)
    ) t.dispatcher.clearWait(t)
    t.fiber.unsafeInterruptAsFork(t.fiber.id())
  })

/**
 * The current task (for fibers that are not Copas tasks, a task state is made on first use).
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const me = Copas.currentTask
 * ```
 * @since 0.1.0
 * @category tasks
 */
export const currentTask: Effect.Effect<Task> = Effect.withFiberRuntime((fiber) =>
  Effect.succeed(internal.taskOf(fiber as Fiber.RuntimeFiber<unknown, unknown>) as Task)
)

// ---- sleeping -----------------------------------------------------------------------------------

/** `pause()`: yield to I/O and report the (tiny) time it took; built once, it runs for every task. */
const pauseZero: Effect.Effect<Duration.Duration, never, Copas> = withFiber((fiber) => {
  const s = fiber.currentScheduler
  if (s instanceof CopasScheduler) {
    const start = s.now()
    s.yielding = fiber
    const own = (fiber as unknown as { copasTask?: internal.TaskImpl | undefined }).copasTask
    if (own !== undefined && own.fiber === fiber) {
      // a task's own fiber: the start goes in its task state (`waitStart` is free while it runs),
      // and one continuation built once serves every such pause
      own.waitStart = start
      return pauseResumed
    }
    // flatMap + succeed, not `Effect.map` (which is flatMap + sync: one closure and one op more
    // per pause; W3 pauses 200k times)
    return Effect.flatMap(internal.yieldNow, () => Effect.succeed(Duration.millis(s.now() - start)))
  }
  const start = performance.now()
  return Effect.map(
    internal.yieldToIO(fiber),
    () => Duration.millis(performance.now() - start)
  )
})

/** The end of a task's own `pause()` (see `pauseZero`): the time since the start in its task state. */
const pauseResumed: Effect.Effect<Duration.Duration> = Effect.flatMap(internal.yieldNow, () => {
  const own = (currentFiber() as unknown as { copasTask: internal.TaskImpl }).copasTask
  return Effect.succeed(Duration.millis(own.dispatcher!.scheduler.now() - own.waitStart))
})

const sleepMs = (ms: number): Effect.Effect<Duration.Duration, never, Copas> =>
  ms > 0 ? withDispatcher((d, fiber) => d.sleepFor(fiber, ms)) : pauseZero

/**
 * Copas's `copas.pause([duration])`: sleeps for the duration and returns the time slept (shorter
 * if woken by {@link wakeup}). With no argument, zero or a negative number it yields once: every
 * other ready task and pending I/O runs first.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * const nap = Copas.pause("250 millis").pipe(Effect.tap((slept) => Effect.log(slept)))
 * ```
 * @since 0.1.0
 * @category sleeping
 */
export const pause = (duration: Duration.DurationInput = 0): Effect.Effect<Duration.Duration, never, Copas> =>
  // `pause()` / `pause(0)` is the hot case (a yield per lock cycle in W3): nothing to validate,
  // so no `suspend` op and closure in front of the built-once `pauseZero`
  duration === 0
    ? pauseZero
    : Effect.suspend(() => sleepMs(Math.max(0, internal.toMillis(duration, "pause duration"))))

/**
 * Copas's `copas.sleep([duration])`: like {@link pause}, but a negative number sleeps until woken
 * by {@link wakeup} (Copas's `sleep(-1)`).
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const untilWoken = Copas.sleep(-1)
 * ```
 * @since 0.1.0
 * @category sleeping
 */
export const sleep = (duration: Duration.DurationInput = 0): Effect.Effect<Duration.Duration, never, Copas> =>
  Effect.suspend(() => {
    const ms = internal.toMillis(duration, "sleep duration")
    return sleepMs(ms < 0 ? Infinity : ms)
  })

/**
 * Copas's `copas.pauseforever()`: parks the task until {@link wakeup}; returns the time slept.
 * A parked task does not keep the loop alive.
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const park = Copas.pauseForever
 * ```
 * @since 0.1.0
 * @category sleeping
 */
export const pauseForever: Effect.Effect<Duration.Duration, never, Copas> = sleepMs(Infinity)

/**
 * Copas's `copas.wakeup(co)`: ends the task's sleep, pause or pauseForever now. Fails with
 * `NotSleepingError` when the task is not sleeping (as Copas after #200).
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const poke = (task: Copas.Task) => Copas.wakeup(task)
 * ```
 * @since 0.1.0
 * @category sleeping
 */
export const wakeup = (task: Task): Effect.Effect<void, NotSleepingError, Copas> =>
  // the task's own `wake` is all it takes (no dispatcher look-up): fewer ops per wake-up (W7)
  internal.wakeTask(asTask(task))

/**
 * Copas's `copas.timeout(delay, callback)`: one timeout per task; when it expires `callback(task)`
 * runs in a fiber of its own named `"copas_core_timer"` (its errors go to the default handler),
 * with the services and FiberRefs (loggers, log annotations, the current span) of the fiber that
 * set it, as a timer's callback has its creator's.
 * A delay of 0 (or `Infinity`) cancels it. The timeout is also cancelled when the task ends.
 * A negative delay is a defect, as Copas asserts.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * const guarded = Effect.gen(function*() {
 *   yield* Copas.timeout("1 second", (task) => Effect.ignore(Copas.wakeup(task)))
 *   yield* Copas.pauseForever // woken after a second
 *   yield* Copas.timeout(0)   // cancel
 * })
 * ```
 * @since 0.1.0
 * @category sleeping
 */
export const timeout = <R = never>(
  delay: Duration.DurationInput,
  callback?: (task: Task) => Effect.Effect<void, unknown, Copas | R>
): Effect.Effect<void, never, Copas | R> =>
  withDispatcher((d, fiber) =>
    Effect.sync(() => {
      const ms = internal.toMillis(delay, "timeout")
      if (ms < 0) throw new RangeError(`timout value must be greater than or equal to 0, got: ${ms}`)
      d.setTimeout(
        internal.taskOf(fiber),
        ms,
        // callbacks typically wakeup/removeThread the task: give them this dispatcher
        (callback && ((task: Task) => Effect.provideService(callback(task), Copas, d))) as never,
        callback && internal.fiberRefsOf(fiber)
      )
    })
  )

// ---- names, errors ------------------------------------------------------------------------------

/**
 * Copas's `copas.setthreadname(name[, co])`: names the task (default: the current one).
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const named = Copas.setThreadName("worker-1")
 * ```
 * @since 0.1.0
 * @category names
 */
export const setThreadName = (name: string, task?: Task): Effect.Effect<void> =>
  Effect.withFiberRuntime((fiber) =>
    Effect.sync(() => {
      if (typeof name !== "string") throw new TypeError("expected arg #1 to be a string")
      if (task !== undefined && !isTask(task)) throw new TypeError("expected arg #2 to be a coroutine or nil")
      const t = task ? asTask(task) : internal.taskOf(fiber as Fiber.RuntimeFiber<unknown, unknown>)
      t.name = name
    })
  )

/**
 * Copas's `copas.getthreadname([co])`.
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const myName = Copas.getThreadName()
 * ```
 * @since 0.1.0
 * @category names
 */
export const getThreadName = (task?: Task): Effect.Effect<string> =>
  Effect.withFiberRuntime((fiber) =>
    Effect.sync(() => {
      if (task !== undefined && !isTask(task)) throw new TypeError("expected arg #1 to be a coroutine or nil")
      return (task ? asTask(task) : internal.taskOf(fiber as Fiber.RuntimeFiber<unknown, unknown>)).threadName
    })
  )

/**
 * Copas's `copas.seterrorhandler([handler][, default])`: sets (or with `undefined` clears) the
 * current task's error handler, or with `{ default: true }` replaces the default handler. A
 * handler may need services (`R`): they are taken from where it is set, so it has them whichever
 * task fails (`getErrorHandler` then returns it with them bound).
 * @example
 * ```ts
 * import { Context, Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * const quiet = Copas.setErrorHandler((cause, task) => Effect.logError(task.threadName, cause), { default: true })
 * class Audit extends Context.Tag("Audit")<Audit, { readonly failed: (name: string) => Effect.Effect<void> }>() {}
 * const audited = Copas.setErrorHandler((_cause, task) => Effect.flatMap(Audit, (a) => a.failed(task.threadName)))
 * // audited: Effect<void, never, Copas | Audit>
 * ```
 * @since 0.1.0
 * @category errors
 */
export const setErrorHandler = <R = never>(
  handler: ErrorHandler<R> | undefined,
  options?: { readonly default?: boolean }
): Effect.Effect<void, never, Copas | R> =>
  withDispatcher((d, fiber) =>
    Effect.sync(() => {
      if (handler !== undefined && typeof handler !== "function") {
        throw new TypeError("Expected the handler to be a function, or nil")
      }
      // the setter's services, under the failing task's (whose own may be others)
      const context = fiber.currentContext as Context.Context<R>
      const bound: internal.ErrorHandler | undefined = handler === undefined ? undefined : (cause, task, socket) =>
        Effect.mapInputContext(
          handler(cause, task as unknown as Task, socket),
          (own: Context.Context<never>) => Context.merge(own, context)
        )
      if (options?.default) {
        if (bound === undefined) throw new TypeError("Expected the handler to be a function when setting the default")
        d.defaultErrorHandler = bound
      } else {
        internal.taskOf(fiber).errorHandler = bound
      }
    })
  )

/**
 * Copas's `copas.geterrorhandler([co])`: the task's handler, or the default one.
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const handler = Copas.getErrorHandler()
 * ```
 * @since 0.1.0
 * @category errors
 */
export const getErrorHandler = (task?: Task): Effect.Effect<ErrorHandler, never, Copas> =>
  withDispatcher((d, fiber) =>
    Effect.sync(() => ((task ? asTask(task) : internal.taskOf(fiber)).errorHandler ?? d.defaultErrorHandler) as ErrorHandler)
  )

/**
 * Copas's `copas.gettraceback([msg][, co][, skt])`: `"<msg> (coroutine: <name>, socket: <name>)"`
 * followed by Effect's pretty-printed cause (when `error` is a `Cause`) or the current stack.
 * @example
 * ```ts
 * import { Cause } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * const text = Copas.getTraceback(Cause.fail("kaboom"))
 * ```
 * @since 0.1.0
 * @category errors
 */
export const getTraceback = (
  error?: unknown,
  task?: Task,
  socket?: internal.NamedSocket
): Effect.Effect<string> =>
  Effect.withFiberRuntime((fiber) =>
    Effect.sync(() =>
      internal.traceback(error, task ? asTask(task) : internal.taskOf(fiber as Fiber.RuntimeFiber<unknown, unknown>), socket)
    )
  )

/**
 * Copas's `copas.useSocketTimeoutErrors([bool])`, per task: when on, socket operations fail with
 * the underlying error (a `SocketError` carrying Node's code) instead of `TimeoutError`.
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const raw = Copas.useSocketTimeoutErrors(true)
 * ```
 * @since 0.1.0
 * @category errors
 */
export const useSocketTimeoutErrors = (value = false): Effect.Effect<void> =>
  Effect.withFiberRuntime((fiber) =>
    Effect.sync(() => {
      internal.taskOf(fiber as Fiber.RuntimeFiber<unknown, unknown>).socketTimeoutErrors = !!value
    })
  )

/**
 * Copas's `copas.autoclose`: whether accepted connections are closed when their handler ends
 * (read at accept time; default `true`).
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const on = Copas.autoclose
 * ```
 * @since 0.1.0
 * @category servers
 */
export const autoclose: Effect.Effect<boolean, never, Copas> = Effect.map(Copas, (d) => d.autoclose)

/**
 * Sets {@link autoclose}.
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * const keepOpen = Copas.setAutoclose(false)
 * ```
 * @since 0.1.0
 * @category servers
 */
export const setAutoclose = (value: boolean): Effect.Effect<void, never, Copas> =>
  Effect.map(Copas, (d) => {
    d.autoclose = value
  })

/**
 * The dispatcher behind the `Copas` service: the registry of tasks, the counters that decide when
 * the loop is finished, parking and waking, the exit signal and error handling.
 *
 * @internal
 */
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Console from "effect/Console"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import * as FiberRef from "effect/FiberRef"
import * as FiberRefs from "effect/FiberRefs"
import * as Metric from "effect/Metric"
import * as Option from "effect/Option"
import { pipeArguments } from "effect/Pipeable"
import * as Runtime from "effect/Runtime"
import * as RuntimeFlags from "effect/RuntimeFlags"
import type * as Scheduler from "effect/Scheduler"
import * as Supervisor from "effect/Supervisor"
import type * as Scope from "effect/Scope"
import { NotSleepingError } from "../Errors.js"
import { withBit } from "./bits.js"
import { type Entry, SLEEP, TIMEOUT, TIMER } from "./heap.js"
import { asyncCancel, asyncNoCancel, CURRENT_FIBER } from "./primitive.js"
import { withSwitchDispatch } from "./runLoop.js"
import { type Alarm, CopasScheduler, keepArmed } from "./scheduler.js"

/** @internal */
export const TaskTypeId: unique symbol = Symbol.for("effect-copas/Task")

/** Anything with a name that a traceback can print as the socket (a CopasSocket, a server). */
export interface NamedSocket {
  readonly name: string
}

/**
 * An error handler, as `copas.seterrorhandler` takes: it receives the failure's `Cause`, the task
 * that failed and the socket the task was last working on.
 */
export type ErrorHandler = (
  cause: Cause.Cause<unknown>,
  task: TaskImpl,
  socket: NamedSocket | undefined
) => Effect.Effect<void, unknown>

let taskCounter = 0

/** the bits of `TaskImpl.bits` */
const PARKED = 1
const SLEEPING = 2
const SOCKET_TIMEOUT_ERRORS = 4
const DONE = 8

/** @internal */
export class TaskImpl {
  /** on the prototype (see below): `isTask` tests `in`, and it saves a slot in each of 100k tasks */
  declare readonly [TaskTypeId]: typeof TaskTypeId
  // Field order is layout order: what every socket call of a connection's task reads or writes
  // comes first (thousands of connections: each request starts with a cold cache).
  fiber: Fiber.RuntimeFiber<unknown, unknown> | undefined = undefined
  /** the dispatcher that owns it (undefined for fibers that only borrowed a task state) */
  dispatcher: Dispatcher | undefined = undefined
  /** `parked`, `sleeping`, `socketTimeoutErrors`, `done`: one bit each (one slot, not four) */
  private bits = 0
  /** the socket it used last (error reports and tracebacks name it) */
  socket: NamedSocket | undefined = undefined
  /** the socket wait its fiber is about to park in (see `parkOwn` in socket.ts) */
  parking: unknown = undefined
  readonly id = ++taskCounter
  errorHandler: ErrorHandler | undefined = undefined
  /** set while the task is sleeping, paused or parked: `wake.call(task)` wakes it (a shared function) */
  wake: (() => void) | null = null
  timeoutEntry: Entry | undefined = undefined
  /** the heap entry of a timed sleep in progress */
  sleepEntry: Entry | undefined = undefined
  /** the requested length of the current sleep, kept only while `Debug` traces (Copas prints it) */
  sleepMs = 0
  /**
   * The current sleep or park: its fiber's resume, start time and dispatcher. Fields, so that the
   * sleep's timer and its `wake` are shared functions, not three closures per sleeping task (10k
   * sleepers: less to copy in each young-generation GC, W2's lateness).
   */
  waitResume: ((effect: Effect.Effect<Duration.Duration>) => void) | undefined = undefined
  waitStart = 0
  waitD: Dispatcher | undefined = undefined
  /** told first when the task ends (a server: autoclose, accounting); an object, not a closure per task */
  exitListener: TaskExitListener | undefined = undefined
  /**
   * run when the task ends, after `exitListener` (wake-ups of sockets it waited on, ...); a hook
   * may be an object, so that its owner can take it back out (a socket closed before its task ends)
   */
  onExit: Array<(() => void) | TaskExitHook> | undefined = undefined
  /** the dispatcher's list of running tasks goes through these (see `Dispatcher.linkTask`) */
  prevTask: TaskImpl | undefined = undefined
  nextTask: TaskImpl | undefined = undefined
  /** the name, or its prefix while `nameN` is not 0 (see `nameAs`) */
  private _name: string | undefined
  private nameN = 0
  constructor(name: string | undefined) {
    this._name = name
  }

  get name(): string | undefined {
    if (this.nameN !== 0) {
      this._name = `${this._name}${this.nameN}`
      this.nameN = 0
    }
    return this._name
  }
  set name(name: string | undefined) {
    this._name = name
    this.nameN = 0
  }
  /**
   * Names the task `prefix + n`, made when first asked for: a server's connection tasks are
   * rarely asked, and the string would be ~90 bytes per connection for its whole life.
   */
  nameAs(prefix: string, n: number): void {
    this._name = prefix
    this.nameN = n
  }

  private flag(bit: number, on: boolean): void {
    this.bits = withBit(this.bits, bit, on)
  }
  /** parked without a deadline (pauseForever, a lock or queue wait ...): counted by the dispatcher */
  get parked(): boolean { return (this.bits & PARKED) !== 0 }
  set parked(on: boolean) { this.flag(PARKED, on) }
  /** in a timed sleep */
  get sleeping(): boolean { return (this.bits & SLEEPING) !== 0 }
  set sleeping(on: boolean) { this.flag(SLEEPING, on) }
  /** `useSocketTimeoutErrors` */
  get socketTimeoutErrors(): boolean { return (this.bits & SOCKET_TIMEOUT_ERRORS) !== 0 }
  set socketTimeoutErrors(on: boolean) { this.flag(SOCKET_TIMEOUT_ERRORS, on) }
  /** the task has ended */
  get done(): boolean { return (this.bits & DONE) !== 0 }
  set done(on: boolean) { this.flag(DONE, on) }

  get threadName(): string {
    return this.name ?? `task#${this.fiber ? FiberId.threadName(this.fiber.id()).slice(1) : this.id}`
  }
  toString(): string {
    return this.threadName
  }
  toJSON(): unknown {
    return { _id: "Task", name: this.threadName }
  }
  pipe() {
    return pipeArguments(this, arguments)
  }
}

Object.defineProperty(TaskImpl.prototype, TaskTypeId, { value: TaskTypeId })

/** The id under which task FiberRefs are forked (they are shared, see `Dispatcher.fork`). */
const taskFiberId = FiberId.make(-1, 0) as FiberId.Runtime

interface FiberRuntimeLike extends Fiber.RuntimeFiber<unknown, unknown> {
  resume(effect: Effect.Effect<unknown, unknown, any>): void
}
/** Effect's FiberRuntime class, taken from a live fiber (it is not exported). */
let FiberRuntimeCtor:
  | (new(id: FiberId.Runtime, refs: FiberRefs.FiberRefs, flags: RuntimeFlags.RuntimeFlags) => FiberRuntimeLike)
  | undefined

interface TaskFiber extends FiberRuntimeLike {
  copasTask: TaskImpl | undefined
}
/**
 * Effect's FiberRuntime with a slot for its task, for the dispatcher's fibers: `taskOf` finds the
 * task without a map look-up, and the end of the task is reported from `setExitValue` (where Effect
 * calls a fiber's observers, just after them) instead of from an observer closure per task (~150
 * bytes for the task's whole life: thousands of idle connections each have one).
 */
let TaskFiberCtor:
  | (new(id: FiberId.Runtime, refs: FiberRefs.FiberRefs, flags: RuntimeFlags.RuntimeFlags) => TaskFiber)
  | undefined

/**
 * The values Effect's `evaluateMessageWhileSuspended` returns for "go on" and "yield", read from a
 * live fiber with two messages that change nothing (a no-op "Stateful" and a "YieldNow"), or
 * `undefined` when they are not what `drainQueueOnCurrentThread` below expects.
 */
const evaluationSignals = (live: any): { readonly go: unknown; readonly yield: unknown } | undefined => {
  if (typeof live?.evaluateMessageWhileSuspended !== "function") return undefined
  const go = live.evaluateMessageWhileSuspended({ _tag: "Stateful", onFiber: () => {} })
  const yieldNow = live.evaluateMessageWhileSuspended({ _tag: "YieldNow" })
  return typeof go === "string" && typeof yieldNow === "string" && go !== yieldNow ? { go, yield: yieldNow } : undefined
}

const captureFiberClass = (live: any): void => {
  const Ctor = live?.constructor
  if (FiberRuntimeCtor !== undefined || typeof Ctor?.prototype?.resume !== "function") return
  FiberRuntimeCtor = Ctor
  const proto = Ctor.prototype
  if (typeof proto.setExitValue !== "function") return
  class Task extends Ctor {
    copasTask: TaskImpl | undefined = undefined
    /** the waiter of the Lock/Semaphore/Queue/Future wait it is in (see `waiters.suspend`) */
    copasWaiter: unknown = null
    constructor(...args: Array<any>) {
      super(...args)
      // Effect's `new Array()` keeps room for 4 observers (48 bytes per fiber); a task's fiber
      // usually gets none (`push` makes room when one comes)
      if (Array.isArray(this._observers) && this._observers.length === 0) this._observers = []
    }
    reportExitValue(exit: Exit.Exit<unknown, unknown>): void {
      // a task's failure goes to its Copas error handler: it is handled, so Effect's "Fiber
      // terminated with an unhandled error" log (Debug level) would report it a second time
      if (this.copasTask === undefined && typeof super.reportExitValue === "function") super.reportExitValue(exit)
    }
    setExitValue(exit: Exit.Exit<unknown, unknown>): void {
      super.setExitValue(exit)
      const task = this.copasTask
      if (task !== undefined && task.fiber === (this as unknown)) task.dispatcher!.taskExited(task, exit)
    }
  }
  TaskFiberCtor = Task as any
  const signals = evaluationSignals(live)
  if (signals === undefined) return
  const { go, yield: yielded } = signals
  if (
    typeof proto.refreshRefCache !== "function" || typeof proto.unsafeDeleteFiberRef !== "function" ||
    typeof proto.drainQueueLaterOnExecutor !== "function" || typeof proto.drainQueueOnCurrentThread !== "function" ||
    typeof proto.isInterrupted !== "function" || !Array.isArray(live._queue) ||
    // (the running fiber is published under this name: `Fiber.getCurrentFiber` reads it)
    (globalThis as unknown as Record<string, unknown>)[CURRENT_FIBER] !== live
  ) return
  // Every resume of a task's fiber (each wake-up, each echoed line) goes through these two
  // methods. Effect's read the fiber's scheduling priority from its FiberRefs (two map look-ups)
  // and take each message with `splice(0, 1)[0]` (a new array); these read the priority once
  // after each change of the FiberRefs and `shift()` the message: W3/W4 4–9 % faster. Same logic
  // otherwise. `isInterrupted` (read at every resume: two more look-ups) is cached the same way.
  class FastTask extends Task {
    /** the scheduling priority FiberRef's value; undefined: to be read (FiberRefs changed) */
    copasPriority: number | undefined = undefined
    /** whether the fiber's interrupted cause is not empty; undefined: to be read (FiberRefs changed) */
    copasInterrupted: boolean | undefined = undefined
    // (every change of the fiber's FiberRefs goes through one of these two; the caches are
    // cleared first because Effect replaces the FiberRefs before a refresh that may throw)
    refreshRefCache(): void {
      this.copasPriority = undefined
      this.copasInterrupted = undefined
      super.refreshRefCache()
    }
    unsafeDeleteFiberRef(ref: unknown): void {
      this.copasPriority = undefined
      this.copasInterrupted = undefined
      super.unsafeDeleteFiberRef(ref)
    }
    isInterrupted(): boolean {
      let interrupted = this.copasInterrupted
      if (interrupted === undefined) interrupted = this.copasInterrupted = super.isInterrupted() as boolean
      return interrupted
    }
    drainQueueLaterOnExecutor(): void {
      let priority = this.copasPriority
      if (priority === undefined) priority = this.copasPriority = this.getFiberRef(FiberRef.currentSchedulingPriority)
      this.currentScheduler.scheduleTask(this.run, priority, this)
    }
    drainQueueOnCurrentThread(): void {
      const g = globalThis as unknown as Record<string, unknown>
      let recurse = true
      while (recurse) {
        // (a string, as Effect's signals are: a comparison of mixed types is a generic builtin call)
        let signal: unknown = go
        const prev = g[CURRENT_FIBER]
        g[CURRENT_FIBER] = this
        try {
          while (this._queue.length > 0) {
            signal = this.evaluateMessageWhileSuspended(this._queue.shift())
            if (signal !== go) break
          }
        } finally {
          this._running = false
          g[CURRENT_FIBER] = prev
        }
        // a message added after the queue was found empty: drain again, or later after a yield
        recurse = false
        if (this._queue.length > 0 && !this._running) {
          this._running = true
          if (signal === yielded) this.drainQueueLaterOnExecutor()
          else recurse = true
        }
      }
    }
  }
  TaskFiberCtor = (withSwitchDispatch(FastTask, live) ?? FastTask) as any
}

/** Turns off Effect's "unhandled error" log for the running fiber's exit (see `fork`). */
const quietExit = FiberRef.set(FiberRef.unhandledErrorLogLevel, Option.none())

/**
 * The FiberRefs a fiber would pass to a child. `getFiberRefs()` first stores the runtime flags,
 * which makes a new FiberRefs object on every call; reading the current one lets `Dispatcher.fork`
 * share the child's copy between all tasks spawned by the same caller.
 */
export const fiberRefsOf = (fiber: Fiber.RuntimeFiber<unknown, unknown>): FiberRefs.FiberRefs =>
  (fiber as unknown as { _fiberRefs?: FiberRefs.FiberRefs })._fiberRefs ?? fiber.getFiberRefs()

/** fiber → task state; a WeakMap so a finished fiber leaves nothing behind */
const fiberTasks = new WeakMap<Fiber.RuntimeFiber<unknown, unknown>, TaskImpl>()

/** The task state of a fiber (created on first use for fibers that are not Copas tasks). */
export const taskOf = (fiber: Fiber.RuntimeFiber<unknown, unknown>): TaskImpl => {
  if (fiber === lentFiber) return lentTask!
  const own = (fiber as Partial<TaskFiber>).copasTask
  if (own !== undefined && !own.done) return own
  const s = fiber.currentScheduler
  if (s instanceof CopasScheduler) {
    const t = (s.owner as Dispatcher).plainTasks.get(fiber)
    if (t !== undefined) return t
  }
  let t = fiberTasks.get(fiber)
  if (t === undefined) {
    t = new TaskImpl(undefined)
    t.fiber = fiber
    fiberTasks.set(fiber, t)
  }
  return t
}

/**
 * Lends a task identity to a fiber for a while (the timer driver runs each callback as its timer);
 * `undefined` takes it back. One slot, checked first by `taskOf`: the driver lends and takes back
 * around every callback, so this must cost no more than two field writes.
 */
let lentFiber: Fiber.RuntimeFiber<unknown, unknown> | undefined
let lentTask: TaskImpl | undefined
export const lendTask = (fiber: Fiber.RuntimeFiber<unknown, unknown>, task: TaskImpl | undefined): void => {
  if (task === undefined) {
    if (lentFiber === fiber) lentFiber = lentTask = undefined
    else fiberTasks.delete(fiber)
  } else {
    if (lentFiber !== undefined && lentFiber !== fiber) fiberTasks.set(lentFiber, lentTask!)
    lentFiber = fiber
    lentTask = task
  }
}

/** A finished loop waiter list entry. */
type Waker = () => void

const liveClockConstructor = Context.get(DefaultServices.liveServices, Clock.Clock).constructor

/** Drives the timer heap from a non-live `Clock` (TestClock): one alarm fiber sleeping on it. */
class ClockAlarm implements Alarm {
  private fiber: Fiber.RuntimeFiber<void> | undefined
  private immediate: ReturnType<typeof setImmediate> | undefined
  private armed: number | undefined
  constructor(
    private readonly clock: Clock.Clock,
    private readonly runtime: Runtime.Runtime<never>,
    private readonly onAlarm: () => void
  ) {}
  now(): number {
    return this.clock.unsafeCurrentTimeMillis()
  }
  set(deadline: number | undefined): void {
    if (deadline === this.armed || keepArmed(this.armed, deadline)) return
    this.close()
    this.armed = deadline
    if (deadline === undefined) return
    const delay = Math.max(0, deadline - this.now())
    if (delay === 0) {
      // already due: fire after I/O, as `NodeAlarm` does (`setImmediate`). Through the fiber
      // below, a timer re-armed at "now" from its callback (a recurring timer with delay 0) fired
      // again in the same microtask chain, forever: tasks that paused never ran again.
      const h = setImmediate(() => {
        if (this.immediate !== h) return
        this.immediate = this.armed = undefined
        this.onAlarm()
      })
      this.immediate = h
      return
    }
    const fiber: Fiber.RuntimeFiber<void> = Runtime.runFork(
      this.runtime,
      Effect.zipRight(
        // yield first: a sleep that is already due would complete inside runFork, before `fiber`
        // is assigned, and the alarm would never fire (nor should it fire inside `set`)
        Effect.zipRight(Effect.yieldNow(), this.clock.sleep(Duration.millis(delay))),
        Effect.sync(() => {
          if (this.fiber !== fiber) return
          this.fiber = this.armed = undefined
          this.onAlarm()
        })
      )
    )
    if (fiber.unsafePoll() === null) this.fiber = fiber
  }
  close(): void {
    const f = this.fiber
    const h = this.immediate
    this.fiber = this.armed = this.immediate = undefined
    if (f !== undefined) f.unsafeInterruptAsFork(FiberId.none)
    if (h !== undefined) clearImmediate(h)
  }
}

const messageOf = (u: unknown): string => {
  if (u instanceof Error) {
    const tag = (u as { _tag?: unknown })._tag
    if (typeof tag !== "string" || tag === u.message) return u.message
    // (a `Data.TaggedError` without a message field has an empty one: its tag alone)
    return u.message === "" ? tag : `${tag}: ${u.message}`
  }
  if (typeof u === "string") return u
  try {
    return JSON.stringify(u) ?? String(u)
  } catch {
    return String(u)
  }
}

/** The first line of a Copas traceback: `<msg> (coroutine: <name>, socket: <name>)`. */
export const tracebackHeader = (
  msg: string,
  task: TaskImpl | undefined,
  socket: NamedSocket | undefined
): string => `${msg} (coroutine: ${task ? task.threadName : "nil"}, socket: ${socket ? socket.name : "nil"})`

/** Copas's `gettraceback`: the header, then Effect's pretty cause. */
export const traceback = (
  error: unknown,
  task: TaskImpl | undefined,
  socket: NamedSocket | undefined
): string => {
  if (Cause.isCause(error)) {
    const msg = Cause.isInterruptedOnly(error) ? "interrupted" : messageOf(Cause.squash(error))
    return `${tracebackHeader(msg, task, socket)}\n${Cause.pretty(error)}`
  }
  return `${tracebackHeader(error === undefined ? "" : messageOf(error), task, socket)}\n${new Error().stack?.split("\n").slice(2).join("\n") ?? ""}`
}

/** Copas's default error handler: print the traceback (to stderr). */
export const defaultErrorHandler: ErrorHandler = (cause, task, socket) =>
  Console.error(traceback(cause, task, socket))

/** What `Debug` listens to: a socket wait of the fiber that is running now. */
export interface DebugHook {
  waiting(socket: NamedSocket, write: boolean): void
}

/**
 * Converts a duration argument to milliseconds. A bare number is milliseconds; a negative number
 * means "forever" where Copas allows it (`sleep(-1)`); NaN is a programming error.
 */
export const toMillis = (input: Duration.DurationInput, what: string): number => {
  if (typeof input === "number") {
    if (Number.isNaN(input)) throw new TypeError(`${what} must be a number, got: NaN`)
    return input
  }
  return Duration.toMillis(Duration.decode(input))
}

/** Running tasks of every dispatcher (a delta per spawn and exit: the untagged hook is cached). */
export const tasksMetric = Metric.gauge("copas_tasks", { description: "running Copas tasks" })
/** shared empty extra-tags argument (a `[]` literal would allocate at every spawn and exit) */
const noTags: Array<never> = []

/** Ends a task's timed sleep (its timer fired, or it was woken): resumes it with the time slept. */
const finishSleep = (task: TaskImpl): void => {
  const d = task.waitD!
  const resume = task.waitResume!
  task.wake = null
  task.waitResume = task.waitD = undefined
  if (task.sleepEntry !== undefined) {
    task.sleepEntry = undefined
    if (task.sleeping) {
      task.sleeping = false
      d.sleepingTasks--
    }
  } else d.unpark(task)
  resume(Effect.succeed(Duration.millis(d.scheduler.now() - task.waitStart)))
}

/** The sleep's heap entry fires (called as the entry's method: the task is its `data`). */
function fireSleep(this: Entry): void {
  finishSleep(this.data as TaskImpl)
}

/** The `wake` of a timed sleep (called as the task's method, see `wakeTask`). */
function wakeSleep(this: TaskImpl): void {
  const d = this.waitD!
  if (this.sleepEntry !== undefined) d.scheduler.removeTimer(this.sleepEntry)
  finishSleep(this)
  d.requestCheck()
}

/** The `wake` of a park (`sleepFor(Infinity)`): unpark and resume. */
function wakePark(this: TaskImpl): void {
  const d = this.waitD!
  finishSleep(this) // (a park has no sleep entry: it unparks)
  d.requestCheck()
}

/**
 * An `onExit` hook as an object (see `TaskImpl.onExit`): a socket registers itself, and takes
 * itself back out when it is closed (a long-lived task that uses many sockets in turn would
 * otherwise keep every one of them until it ends).
 */
export interface TaskExitHook {
  taskEnded(): void
}

/** Told when a task ends (see `TaskImpl.exitListener`). */
export interface TaskExitListener {
  taskExited(task: TaskImpl): void
}

/**
 * A task's exit observer, for fibers that are not `TaskFiber`s (with a supervisor installed). A
 * factory: a closure inside `spawn` would capture all its locals.
 */
const taskObserver = (d: Dispatcher, task: TaskImpl) => (exit: Exit.Exit<unknown, unknown>) => d.taskExited(task, exit)

/** Copas's `wakeup` (needs no dispatcher: a sleeping or parked task carries its `wake`). */
export const wakeTask = (task: TaskImpl): Effect.Effect<void, NotSleepingError> =>
  Effect.suspend(() => {
    const wake = task.wake
    if (wake === null) return Effect.fail(new NotSleepingError({ task: task.threadName }))
    wake.call(task)
    return Effect.void
  })

/** @internal */
export class Dispatcher {
  /**
   * The registered (running) tasks: a list through `TaskImpl.prevTask`/`nextTask`, oldest first.
   * Why not a map by fiber: the fiber carries its task (`TaskFiber.copasTask`), and inserting and
   * deleting map entries was ~5 % of spawning or waking 100k tasks (W1, W7), plus ~40 bytes per task.
   */
  private firstTask: TaskImpl | undefined = undefined
  private lastTask: TaskImpl | undefined = undefined
  /** how many tasks are registered */
  taskCount = 0
  /** fiber → task for the tasks forked the ordinary way (a supervisor is installed: no task slot) */
  readonly plainTasks = new Map<Fiber.RuntimeFiber<unknown, unknown>, TaskImpl>()
  /** registered tasks that are parked (pauseForever, lock waits ...) */
  parkedTasks = 0
  /** every parked wait, of tasks or not (Copas: "pauseforever + pending timeout" is live work) */
  parkedAll = 0
  sleepingTasks = 0
  /** timer and timeout callbacks that fired and have not finished (they are work, like tasks) */
  callbacks = 0
  /**
   * the fibers that run timer and timeout callbacks (not registered tasks): interrupted with the
   * tasks by `cancelAll` and at the end, so that a callback left parked runs its finalizers
   */
  readonly callbackFibers = new Set<Fiber.RuntimeFiber<unknown, unknown>>()
  /** the timer driver (Timer.ts) that fired last: the one kept waiting when its queue runs dry */
  lastTimerDriver: unknown = undefined
  servers = 0
  reading = 0
  writing = 0
  exitingFlag = false
  running = false
  autoclose = true
  defaultErrorHandler: ErrorHandler = defaultErrorHandler
  private exitWaiters = new Set<Waker>()
  private finishedWaiters = new Set<Waker>()
  private checkPending = false
  /** run by cancelAll and at shutdown (servers, timers) */
  readonly cancelHooks = new Set<() => void>()
  /** run after cancelHooks by cancelAll, and at shutdown only once the tasks' finalizers are done
   * (open sockets: a finalizer may still say goodbye to its peer) */
  readonly closeHooks = new Set<() => void>()
  /** the timer-callback task state used by copas.timeout callbacks */
  readonly coreTimerTask = new TaskImpl("copas_core_timer")
  /** set by `Debug` while tracing (socket waits report to it); null when off */
  debug: DebugHook | null = null
  timeEnd = 0

  constructor(
    readonly scheduler: CopasScheduler,
    /** a runtime whose fibers run on `scheduler` (for the dispatcher's own fibers) */
    readonly runtime: Runtime.Runtime<never>
  ) {
    scheduler.owner = this
    scheduler.onIdle = this.requestCheck
    scheduler.onHeapChange = this.requestCheck
    this.coreTimerTask.dispatcher = this
  }

  // ---- tasks ---------------------------------------------------------------------------------

  /**
   * Starts `effect` as a task. It runs with the caller's context and FiberRefs (as a forked fiber
   * would) on the dispatcher's scheduler, on the next round (as Copas's `addthread`: scheduled,
   * not run now).
   */
  spawn<A, E, R>(
    effect: Effect.Effect<A, E, R>,
    name: string | undefined,
    parent: FiberRefs.FiberRefs,
    flags: RuntimeFlags.RuntimeFlags,
    setup?: (task: TaskImpl) => void
  ): TaskImpl {
    const task = new TaskImpl(name)
    task.dispatcher = this
    if (setup !== undefined) setup(task)
    // failures are reported from the fiber's exit: no error-catching frame on every task
    const fiber = this.fork(effect, parent, flags, task)
    task.fiber = fiber
    this.linkTask(task)
    tasksMetric.unsafeModify(1, noTags)
    if ((fiber as Partial<TaskFiber>).copasTask !== task) {
      this.plainTasks.set(fiber, task)
      fiber.addObserver(taskObserver(this, task))
    }
    return task
  }

  private cachedParent: FiberRefs.FiberRefs | undefined
  private cachedChild: FiberRefs.FiberRefs | undefined

  /**
   * Creates a fiber on the dispatcher's scheduler and schedules `effect` on it.
   *
   * Why not `Effect.fork` or `Runtime.runFork`: both copy the parent's FiberRefs for every fiber.
   * A task's FiberRefs are the caller's, forked once and shared while the caller's stay the same
   * (FiberRefs are immutable: a fiber that sets one gets its own copy), which halves the cost of
   * spawning (W1). The fiber is not added to Effect's global root set (the dispatcher tracks its
   * tasks). With a supervisor installed, the ordinary path is taken.
   */
  fork(
    effect: Effect.Effect<unknown, unknown, any>,
    parent: FiberRefs.FiberRefs,
    flags: RuntimeFlags.RuntimeFlags,
    task?: TaskImpl
  ): Fiber.RuntimeFiber<unknown, unknown> {
    let refs = this.cachedParent === parent ? this.cachedChild : undefined
    if (refs === undefined) {
      refs = FiberRefs.updateAs(FiberRefs.forkAs(parent, taskFiberId), {
        fiberId: taskFiberId,
        fiberRef: FiberRef.currentScheduler,
        value: this.scheduler as Scheduler.Scheduler
      })
      this.cachedParent = parent
      this.cachedChild = refs
    }
    // A task starts interruptible, as a coroutine can always be removed, also when it is added
    // from an uninterruptible region (a Layer's or an `acquireRelease`'s acquire, where
    // `Server.layer` adds its server): `removeThread`, a drain deadline, `cancelAll` and the
    // loop's end must be able to stop it. (Effect's own fork would inherit the region's flag.)
    flags = RuntimeFlags.enable(flags, RuntimeFlags.Interruption)
    const Ctor = TaskFiberCtor ?? FiberRuntimeCtor
    if (Ctor !== undefined) {
      // Effect's per-fiber runtime metrics (a histogram update at every exit) cost more than a
      // task's whole life; the dispatcher keeps its own counts (Copas.status)
      const fiber = new Ctor(FiberId.unsafeMake(), refs, RuntimeFlags.disable(flags, RuntimeFlags.RuntimeMetrics))
      if ((fiber.currentSupervisor as unknown) === Supervisor.none) {
        if (task !== undefined && TaskFiberCtor !== undefined) (fiber as TaskFiber).copasTask = task
        fiber.resume(effect)
        return fiber
      }
    }
    return Runtime.runFork(
      Runtime.make({ context: FiberRefs.getOrDefault(refs, FiberRef.currentContext), runtimeFlags: flags, fiberRefs: refs }),
      // a task's failure goes to its error handler: as the task class does (`reportExitValue`),
      // keep Effect from logging it again as "unhandled"; set at the end, so that the fibers the
      // task forked keep their own setting
      (task !== undefined ? Effect.ensuring(effect, quietExit) : effect) as Effect.Effect<unknown, unknown>,
      { immediate: false }
    ) as Fiber.RuntimeFiber<unknown, unknown>
  }

  private linkTask(task: TaskImpl): void {
    const last = this.lastTask
    task.prevTask = last
    if (last !== undefined) last.nextTask = task
    else this.firstTask = task
    this.lastTask = task
    this.taskCount++
  }

  private unlinkTask(task: TaskImpl): void {
    const prev = task.prevTask
    const next = task.nextTask
    if (prev !== undefined) prev.nextTask = next
    else if (this.firstTask === task) this.firstTask = next
    else return // not in the list
    if (next !== undefined) next.prevTask = prev
    else this.lastTask = prev
    task.prevTask = task.nextTask = undefined
    this.taskCount--
  }

  /** The fibers of the running tasks (a copy: interrupting them changes the list). */
  taskFibers(): Array<Fiber.RuntimeFiber<unknown, unknown>> {
    const out: Array<Fiber.RuntimeFiber<unknown, unknown>> = []
    for (let t = this.firstTask; t !== undefined; t = t.nextTask) if (t.fiber !== undefined) out.push(t.fiber)
    return out
  }

  /** Whether `fiber` is one of this dispatcher's running tasks. */
  hasTask(fiber: Fiber.RuntimeFiber<unknown, unknown>): boolean {
    const own = (fiber as Partial<TaskFiber>).copasTask
    if (own !== undefined) return own.dispatcher === this && own.fiber === fiber && !own.done
    return this.plainTasks.has(fiber)
  }

  /** @internal */
  taskExited(task: TaskImpl, exit: Exit.Exit<unknown, unknown>): void {
    if (task.wake !== null || task.parked || task.sleeping) this.clearWait(task)
    task.done = true
    this.unlinkTask(task)
    if (this.plainTasks.size !== 0) this.plainTasks.delete(task.fiber!)
    tasksMetric.unsafeModify(-1, noTags)
    if (task.timeoutEntry !== undefined) {
      this.scheduler.removeTimer(task.timeoutEntry)
      task.timeoutEntry = undefined
    }
    if (exit._tag === "Failure" && !Cause.isInterruptedOnly(exit.cause)) {
      // Copas: the error handler runs, then the connection is closed (autoclose). The handler runs
      // in a fiber of its own with the task's FiberRefs (its services, logger ...) and its name.
      this.callbacks++
      const handler = Effect.ensuring(
        this.reportError(task, exit.cause),
        Effect.sync(() => {
          this.callbacks--
          this.runExitHooks(task)
        })
      )
      const fiber = this.fork(handler, fiberRefsOf(task.fiber!), this.runtime.runtimeFlags)
      fiberTasks.set(fiber, task)
      // a handler that suspends is stopped with the callbacks (cancelAll, the end), and the end
      // waits for its finalizers: it was left suspended forever once the dispatcher closed
      this.trackCallbackFiber(fiber)
      return
    }
    this.runExitHooks(task)
  }

  private runExitHooks(task: TaskImpl): void {
    const listener = task.exitListener
    if (listener !== undefined) {
      task.exitListener = undefined
      listener.taskExited(task)
    }
    const hooks = task.onExit
    if (hooks !== undefined) {
      task.onExit = undefined
      for (const h of hooks) typeof h === "function" ? h() : h.taskEnded()
    }
    this.requestCheck()
  }

  /** Runs the task's error handler (or the default) for a failure; interruptions are silent. */
  reportError(task: TaskImpl, cause: Cause.Cause<unknown>): Effect.Effect<void> {
    const handler = task.errorHandler ?? this.defaultErrorHandler
    return Effect.catchAllCause(
      Effect.suspend(() => handler(cause, task, task.socket)),
      (inner) =>
        Cause.isInterruptedOnly(inner)
          ? Effect.void
          : Console.error(`Failed executing error handler: ${Cause.pretty(inner)}`)
    )
  }

  // ---- parking, sleeping, waking -------------------------------------------------------------

  park(task: TaskImpl | undefined): void {
    this.parkedAll++
    // (a task state lent to timer and timeout callbacks may be parked by two fibers at once:
    // counted once, so that a count never outlives its park)
    if (task !== undefined && !task.parked) {
      task.parked = true
      if (task.dispatcher === this && !task.done) this.parkedTasks++
    }
    this.requestCheck()
  }

  unpark(task: TaskImpl | undefined): void {
    this.parkedAll--
    if (task !== undefined && task.parked) {
      task.parked = false
      if (task.dispatcher === this && !task.done) this.parkedTasks--
    }
  }

  /**
   * Sleeps the current fiber for `ms` (Infinity: until woken). Returns the time slept. `wakeup`
   * ends it early. A sleep forever parks the task (it does not keep the loop alive).
   */
  sleepFor(fiber: Fiber.RuntimeFiber<unknown, unknown>, ms: number): Effect.Effect<Duration.Duration> {
    const sched = this.scheduler
    const task = taskOf(fiber)
    // A registered task's own fiber is only interrupted to end it, so `taskExited` cleans up after
    // an interrupted sleep and the wait needs no canceler (which costs ~1.5 µs per wait). A wait
    // left behind by an interrupted task whose finalizers wait again is cleared first.
    const registered = task.dispatcher === this && !task.done
    if (task.wake !== null) this.clearWait(task)
    task.socket = undefined
    const register = (resume: (effect: Effect.Effect<Duration.Duration>) => void) => {
      const start = sched.now()
      task.waitResume = resume
      task.waitStart = start
      task.waitD = this
      if (ms === Infinity) {
        // a park has no timer (W7 parks 10k tasks)
        this.park(task)
        task.wake = wakePark
      } else {
        task.sleepEntry = sched.addTimer(start + ms, SLEEP, fireSleep, task)
        if (this.debug !== null) task.sleepMs = ms
        if (registered) {
          task.sleeping = true
          this.sleepingTasks++
        }
        task.wake = wakeSleep
      }
      if (registered) return
      return Effect.sync(() => {
        if (task.wake !== null) this.clearWait(task)
      })
    }
    // (`asyncCancel`, not `Effect.async`: a fiber pre-empted between Effect.async's registration
    // and its canceler, and interrupted then, kept its timer or its park)
    return registered ? asyncNoCancel(register) : asyncCancel<Duration.Duration>(register)
  }

  /** Drops a task's sleep or park (interrupted, or ended). */
  clearWait(task: TaskImpl): void {
    task.wake = null
    task.waitResume = task.waitD = undefined
    if (task.sleepEntry !== undefined) {
      this.scheduler.removeTimer(task.sleepEntry)
      task.sleepEntry = undefined
    }
    if (task.sleeping) {
      task.sleeping = false
      this.sleepingTasks--
    }
    if (task.parked) this.unpark(task)
    this.requestCheck()
  }

  /**
   * `copas.timeout(delay, callback)`: one per task; 0 or Infinity cancels. The callback runs with
   * `refs`, the FiberRefs of the fiber that set it (its services, loggers, log annotations, span),
   * as a timer's callback runs with its creator's; without them, with the dispatcher's.
   */
  setTimeout(
    task: TaskImpl,
    ms: number,
    callback: ((task: TaskImpl) => Effect.Effect<void, unknown>) | undefined,
    refs?: FiberRefs.FiberRefs
  ) {
    const sched = this.scheduler
    if (task.timeoutEntry !== undefined) {
      sched.removeTimer(task.timeoutEntry)
      task.timeoutEntry = undefined
      this.requestCheck()
    }
    if (ms === 0 || ms === Infinity || callback === undefined) return
    const entry = sched.addTimer(sched.now() + ms, TIMEOUT, () => {
      if (task.timeoutEntry === entry) task.timeoutEntry = undefined
      // (suspended: a callback that throws instead of returning an Effect is a defect for the
      // error handler, never an exception out of the timer heap)
      // each callback has a task state of its own (named copas_core_timer): two callbacks that
      // sleep at the same time must not share one sleep
      const core = new TaskImpl(this.coreTimerTask.name)
      core.dispatcher = this
      core.errorHandler = this.coreTimerTask.errorHandler
      this.runDetached(Effect.suspend(() => callback(task)), core, refs)
    })
    task.timeoutEntry = entry
  }

  /**
   * Runs `effect` in a short-lived fiber on the dispatcher's scheduler, as `task` (its failures go
   * to that task's handler, or the default one), with `refs` (else the dispatcher's FiberRefs).
   */
  runDetached(effect: Effect.Effect<unknown, unknown>, task: TaskImpl, refs?: FiberRefs.FiberRefs): void {
    this.callbacks++
    const guarded = Effect.catchAllCause(effect, (cause) => this.reportError(task, cause))
    const fiber = refs !== undefined
      ? this.fork(guarded, refs, this.runtime.runtimeFlags)
      : Runtime.runFork(this.runtime, guarded, { immediate: false })
    fiberTasks.set(fiber as Fiber.RuntimeFiber<unknown, unknown>, task)
    this.trackCallbackFiber(fiber as Fiber.RuntimeFiber<unknown, unknown>)
    fiber.addObserver(() => {
      // interrupted (cancelAll, the end) in a sleep or park: `task` looks registered to
      // `sleepFor` (no canceler), and no `taskExited` cleans up after a callback
      if (task.wake !== null || task.parked || task.sleeping) this.clearWait(task)
      this.callbacks--
      this.requestCheck()
    })
  }

  /** Keeps `fiber` in `callbackFibers` until it ends. */
  trackCallbackFiber(fiber: Fiber.RuntimeFiber<unknown, unknown>): void {
    if (fiber.unsafePoll() !== null) return
    this.callbackFibers.add(fiber)
    fiber.addObserver(() => this.callbackFibers.delete(fiber))
  }

  // ---- finished / exit -----------------------------------------------------------------------

  /** Copas's `finished()`: nothing runnable, nothing timed, no server; parked tasks do not count. */
  isFinished(): boolean {
    const counts = this.scheduler.heap.counts
    // a timer or timeout callback parked forever counts as a parked task (its task state is the
    // dispatcher's, not registered): as in Copas, it does not keep the loop alive
    return this.taskCount + this.callbacks - this.parkedTasks === 0 &&
      counts[SLEEP]! + counts[TIMER]! === 0 &&
      this.servers === 0 &&
      this.reading + this.writing === 0 &&
      !(this.parkedAll > 0 && counts[TIMEOUT]! > 0)
  }

  readonly requestCheck = (): void => {
    // A registered task that is not parked (runnable, sleeping, on a socket) means "not finished",
    // and that only changes when a task parks or ends, which request a check themselves. Why this
    // test here: the scheduler asks at every idle point and `park` at every blocking wait, so a
    // turn of W3 (one lock cycle) would otherwise pay a microtask and `isFinished()`.
    if (this.taskCount + this.callbacks !== this.parkedTasks || this.checkPending || this.finishedWaiters.size === 0) return
    this.checkPending = true
    queueMicrotask(this.check)
  }

  private check = (): void => {
    this.checkPending = false
    if (this.finishedWaiters.size === 0 || !this.isFinished()) return
    const ws = [...this.finishedWaiters]
    this.finishedWaiters.clear()
    for (const w of ws) w()
  }

  /** Suspends until `isFinished()` holds (checked after the scheduler goes idle). */
  awaitFinished: Effect.Effect<void> = asyncCancel<void>((resume) => {
    const w = () => resume(Effect.void)
    this.finishedWaiters.add(w)
    this.requestCheck()
    return Effect.sync(() => {
      this.finishedWaiters.delete(w)
    })
  })

  exit(): void {
    if (this.exitingFlag) return
    this.exitingFlag = true
    // unlike Copas 4.11 (a semaphore with max 1), every waiter is released
    const ws = [...this.exitWaiters]
    this.exitWaiters.clear()
    for (const w of ws) w()
  }

  /** Parks the calling fiber until `exit()`. */
  waitForExit(fiber: Fiber.RuntimeFiber<unknown, unknown>): Effect.Effect<void> {
    return asyncCancel<void>((resume) => {
      if (this.exitingFlag) return resume(Effect.void)
      const task = taskOf(fiber)
      const w = () => {
        this.unpark(task)
        resume(Effect.void)
      }
      this.exitWaiters.add(w)
      this.park(task)
      return Effect.sync(() => {
        if (this.exitWaiters.delete(w)) {
          this.unpark(task)
          this.requestCheck()
        }
      })
    })
  }

  /** Interrupts every task, stops servers and timers (hooks), then signals exit. */
  cancelAll(): void {
    for (const fiber of this.taskFibers()) fiber.unsafeInterruptAsFork(FiberId.none)
    for (const fiber of [...this.callbackFibers]) fiber.unsafeInterruptAsFork(FiberId.none)
    for (const hook of [...this.cancelHooks]) hook()
    for (const hook of [...this.closeHooks]) hook()
    this.exit()
  }

  /** Scope finalizer: stop everything and wait for the tasks' finalizers. */
  shutdown(): Effect.Effect<void> {
    return Effect.suspend(() => {
      // a controlled dispatcher: no host steps it any more, its tasks' ends must run by themselves
      this.scheduler.release()
      for (const hook of [...this.cancelHooks]) hook()
      const fibers = [...this.taskFibers(), ...this.callbackFibers]
      this.exit()
      return Effect.forEach(fibers, (f) => f.interruptAsFork(FiberId.none), { discard: true }).pipe(
        Effect.zipRight(Effect.forEach(fibers, (f) => f.await, { discard: true })),
        Effect.ensuring(Effect.sync(() => {
          for (const hook of [...this.closeHooks]) hook()
          this.scheduler.close()
        }))
      )
    })
  }
}

/** @internal */
export const yieldNow = Effect.yieldNow()

export { asyncCancel, asyncNoCancel } from "./primitive.js"

/**
 * Copas's `pause(0)`: let every other ready task and all pending I/O run, then continue. On the
 * dispatcher's scheduler the fiber yields and the scheduler routes its wake-up to the queue that
 * runs after I/O (see `CopasScheduler.yielding`); elsewhere it waits for `setImmediate`.
 * (`Effect.yieldNow` alone would re-queue it in the same microtask drain and starve I/O.)
 */
export const yieldToIO = (fiber: Fiber.RuntimeFiber<unknown, unknown>): Effect.Effect<void> => {
  const sched = fiber.currentScheduler
  if (sched instanceof CopasScheduler) {
    sched.yielding = fiber
    return yieldNow
  }
  return Effect.async<void>((resume) => {
    const h = setImmediate(() => resume(Effect.void))
    return Effect.sync(() => clearImmediate(h))
  })
}

/** Builds a dispatcher for the current Clock; closed with the scope. */
export const makeDispatcher = (manual: boolean): Effect.Effect<Dispatcher, never, Scope.Scope> =>
  Effect.gen(function*() {
    const clock = yield* Effect.clock
    const rt0 = yield* Effect.runtime<never>()
    const self = (yield* Effect.fiberId) as FiberId.Single
    const live = clock.constructor === liveClockConstructor
    const scheduler = new CopasScheduler(
      manual,
      live ? undefined : (onAlarm) => new ClockAlarm(clock, rt0, onAlarm)
    )
    const runtime = Runtime.make({
      context: rt0.context,
      runtimeFlags: rt0.runtimeFlags,
      fiberRefs: FiberRefs.updateAs(rt0.fiberRefs, {
        fiberId: self,
        fiberRef: FiberRef.currentScheduler,
        value: scheduler as Scheduler.Scheduler
      })
    })
    const builder = yield* Effect.withFiberRuntime<Fiber.RuntimeFiber<unknown, unknown>>((fiber) => Effect.succeed(fiber as never))
    captureFiberClass(builder)
    const d = new Dispatcher(scheduler, runtime)
    yield* Effect.addFinalizer(() => d.shutdown())
    return d
  })

export type { Exit }
export { TIMER }

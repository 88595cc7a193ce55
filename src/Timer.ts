/**
 * Copas's `copas.timer`: one-shot and recurring timers whose callbacks are Effects.
 *
 * A recurring timer is "spaced", as in Copas: the next firing is `delay` after the previous
 * callback returned. A failing callback goes to the timer's error handler (or the default one) and
 * a recurring timer keeps running. An armed timer keeps the loop alive.
 *
 * Why not `Effect.repeat(Schedule.spaced)` with a fiber per timer: 10,000 recurring 10 ms timers
 * are a million wake-ups a second. Here armed timers wait in FIFO lanes, one per delay (a timer
 * armed at a later "now" with the same delay is due later, so a lane is sorted by construction, as
 * in Node's own timer lists); each lane has one entry in the dispatcher's timer heap, and one
 * driver fiber runs the callbacks that are due as a batch. A callback that suspends
 * (a socket write, a sleep) does not stall the batch: the driver hands the rest of the batch to a
 * new driver and finishes that callback on its own. A callback that returns a plain `Effect.sync`
 * (or `Effect.void`) cannot suspend, so the driver calls its thunk directly, with no fiber-runtime
 * steps per firing.
 *
 * @example
 * ```ts
 * import { Console, Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as Timer from "effect-copas/Timer"
 *
 * const program = Copas.run(Effect.gen(function*() {
 *   let count = 0
 *   yield* Timer.make({
 *     delay: "1 second",
 *     recurring: true,
 *     callback: (timer) => Effect.gen(function*() {
 *       count++
 *       yield* Console.log(`hello world ${count}`)
 *       if (count >= 5) yield* Timer.cancel(timer)
 *     })
 *   })
 * }))
 * ```
 *
 * @since 0.1.0
 */
import type * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { dual } from "effect/Function"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as FiberRefs from "effect/FiberRefs"
import { type Pipeable, pipeArguments } from "effect/Pipeable"
import type * as RuntimeFlags from "effect/RuntimeFlags"
import { Copas, type ErrorHandler } from "./Copas.js"
import { AlreadyArmedError, AlreadyCancelledError, NotArmedError } from "./Errors.js"
import * as internal from "./internal/dispatcher.js"
import { type Entry, LANE, TIMER } from "./internal/heap.js"

/**
 * The type id that marks a {@link Timer} (what {@link isTimer} checks).
 * @example
 * ```ts
 * import * as Timer from "effect-copas/Timer"
 * const looksLikeTimer = (u: object) => Timer.TypeId in u
 * ```
 * @since 0.1.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for("effect-copas/Timer")
/**
 * The type of {@link TypeId}.
 * @example
 * ```ts
 * import * as Timer from "effect-copas/Timer"
 * const brand: Timer.TypeId = Timer.TypeId
 * ```
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * A timer (Copas's timer object).
 * @example
 * ```ts
 * import * as Timer from "effect-copas/Timer"
 * const describe = (timer: Timer.Timer) => `timer ${timer.name}`
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Timer<P = unknown> extends Pipeable {
  readonly [TypeId]: TypeId
  /** the timer's name (also the name its callbacks run under) */
  readonly name: string
  /** the delay between firings of a recurring timer, and the default initial delay */
  readonly delay: Duration.Duration
  readonly recurring: boolean
  /** the value passed to every callback (identity preserved) */
  readonly params: P
  /** `true` once cancelled (until armed again) */
  readonly cancelled: boolean
  /** `true` while armed */
  readonly armed: boolean
}

/**
 * Options of {@link make} (Copas's `timer.new` table).
 * @example
 * ```ts
 * import { Console } from "effect"
 * import * as Timer from "effect-copas/Timer"
 * const options: Timer.Options<string, never> = {
 *   delay: "1 second",
 *   recurring: true,
 *   params: "tick",
 *   callback: (_timer, word) => Console.log(word)
 * }
 * const ticker = Timer.make(options)
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Options<P, R> {
  /** required, ≥ 0 */
  readonly delay: Duration.DurationInput
  readonly callback: (timer: Timer<P>, params: P) => Effect.Effect<void, unknown, R>
  /** default false */
  readonly recurring?: boolean | undefined
  /** the first wait; default `delay` */
  readonly initialDelay?: Duration.DurationInput | undefined
  readonly params?: P | undefined
  /** default `copas_timer_<n>` */
  readonly name?: string | undefined
  /** the error handler of the timer's callbacks (Copas handler signature) */
  readonly errorHandler?: ErrorHandler | undefined
}

let timerCounter = 0

class TimerImpl<P> implements Timer<P> {
  readonly [TypeId]: TypeId = TypeId
  cancelled = false
  armed = false
  /** the lane the timer waits in while armed and not yet due */
  lane: Lane | undefined = undefined
  /** the lane of its own `delay` (cached: a recurring timer re-arms into it at every firing) */
  homeLane: Lane | undefined = undefined
  /** its place in `lane` (an index counted from the lane's first push: see `Lane.base`) */
  slot = 0
  deadline = 0
  /** its firings handed to the driver and not yet taken (see `Driver.due`) */
  inDue = 0
  /** how many of those belong to an arming that was cancelled since: they are skipped */
  stale = 0
  /** the driver state running this timer's callback now */
  private runner: DriverState | undefined = undefined
  /**
   * callback, error report, bookkeeping for a callback that does not take the driver's fast path:
   * built on first use (10,000 timers are made in one go: W6), then run at every such firing. On
   * success the bookkeeping runs inside the handler (one `Sync` op less per firing).
   */
  private run: Effect.Effect<void> | undefined = undefined
  private makeRun(): Effect.Effect<void> {
    const after = Effect.sync(() => this.runner!.afterCallback(this))
    return this.run = Effect.matchCauseEffect(
      Effect.suspend(() => {
        // the effect the driver already got from the callback (see `DriverState.loop`)
        const e = this.pending!
        this.pending = undefined
        return e
      }),
      {
        onFailure: (cause) => Effect.ensuring(this.dispatcher.reportError(this.task, cause), after),
        onSuccess: () => {
          this.runner!.afterCallback(this)
          return Effect.void
        }
      }
    )
  }
  /** the callback's effect, for `run` */
  pending: Effect.Effect<void, unknown> | undefined = undefined
  /** callbacks of this timer started and not finished (a one-shot re-armed in its callback may overlap) */
  inFlight = 0
  fire(runner: DriverState, effect: Effect.Effect<void, unknown>): Effect.Effect<void> {
    if (this.inFlight++ > 0) {
      // another callback of this timer is still running (and uses `run`, `runner`): this one
      // gets its own run, bound to its runner
      return Effect.matchCauseEffect(effect, {
        onFailure: (cause) =>
          Effect.ensuring(this.dispatcher.reportError(this.task, cause), Effect.sync(() => runner.afterCallback(this))),
        onSuccess: () => Effect.sync(() => runner.afterCallback(this))
      })
    }
    this.runner = runner
    this.pending = effect
    return this.run ?? this.makeRun()
  }
  /** A task state of its own for a callback that overlaps another one of this timer. */
  spareTask(): internal.TaskImpl {
    const t = new internal.TaskImpl(this.name)
    t.dispatcher = this.dispatcher
    t.errorHandler = this.task.errorHandler
    return t
  }
  constructor(
    readonly name: string,
    readonly delayMs: number,
    readonly recurring: boolean,
    readonly params: P,
    readonly callback: (timer: Timer<P>, params: P) => Effect.Effect<void, unknown, any>,
    readonly driver: Driver,
    readonly dispatcher: internal.Dispatcher
  ) {}
  /** the error handler given to `make` (kept here until the task exists) */
  errorHandler: internal.ErrorHandler | undefined = undefined
  private taskImpl: internal.TaskImpl | undefined = undefined
  /**
   * The task state callbacks run as: made on first use (a callback that takes the driver's fast
   * path never needs it; W6 makes 10,000 timers in one go).
   */
  get task(): internal.TaskImpl {
    let t = this.taskImpl
    if (t === undefined) {
      t = this.taskImpl = new internal.TaskImpl(this.name)
      t.dispatcher = this.dispatcher
      t.errorHandler = this.errorHandler
    }
    return t
  }
  get delay(): Duration.Duration {
    return Duration.millis(this.delayMs)
  }
  toString(): string {
    return `Timer(${this.name})`
  }
  toJSON(): unknown {
    return { _id: "Timer", name: this.name, armed: this.armed, recurring: this.recurring }
  }
  pipe() {
    return pipeArguments(this, arguments)
  }
}

/** A delay in ms; negative, NaN or not a duration: a defect with Copas's message (its assert). */
const checkDelay = (input: Duration.DurationInput): number => {
  let ms: number
  try {
    ms = internal.toMillis(input, "delay")
  } catch {
    ms = NaN
  }
  if (!(ms >= 0)) throw new RangeError("delay must be greater than or equal to 0")
  return ms
}

/**
 * Runs due timer callbacks as a batch in one fiber (one driver per caller context, so callbacks
 * see the services of the code that made the timer).
 */
class Driver {
  /** due timers, in firing order */
  due: Array<TimerImpl<any>> = []
  head = 0
  /** the current driver fiber's state; replaced when a callback stalls */
  state: DriverState | undefined = undefined
  constructor(
    readonly dispatcher: internal.Dispatcher,
    readonly refs: FiberRefs.FiberRefs,
    readonly flags: RuntimeFlags.RuntimeFlags,
    /** its key in `drivers` */
    readonly context: Context.Context<never>
  ) {}

  push(timer: TimerImpl<any>): void {
    // a fired timer is work until its callback has run (the loop must not end in between)
    const d = this.dispatcher
    d.callbacks++
    const last = d.lastTimerDriver as Driver | undefined
    if (last !== this) {
      d.lastTimerDriver = this
      // the driver that fired last before this one: retired if it waits idle (see `retire`)
      if (last !== undefined) last.retireIdle()
    }
    this.due.push(timer)
    const s = this.state
    if (s === undefined) this.start()
    else if (s.wake !== null) {
      const w = s.wake
      s.wake = null
      w()
    }
  }

  /**
   * Its queue ran dry and another driver fired since: its fiber ends and it leaves `drivers`.
   * Why: every context that makes a timer (a scope per connection, `provideService`, each
   * `Copas.timeout` callback) gets a driver, and an idle driver's fiber and map entry held that
   * context for the dispatcher's whole life. A later firing of one of its timers starts a new
   * fiber (`push`); a later `make` in the same context makes a new driver. The driver that fired
   * last stays, so one busy context (W6: 10k timers) keeps its fiber.
   */
  retire(state: DriverState): void {
    state.retired = true
    if (this.state === state) this.state = undefined
    const byContext = drivers.get(this.dispatcher)
    if (byContext?.get(this.context) === this) byContext.delete(this.context)
  }

  /** Retires this driver if its fiber waits with nothing due. */
  retireIdle(): void {
    const s = this.state
    if (s === undefined || s.wake === null || this.head < this.due.length) return
    const w = s.wake
    s.wake = null
    this.retire(s)
    w() // (its loop sees `retired` and ends)
  }

  start(): void {
    const state = new DriverState(this)
    this.state = state
    // (a driver with a fiber is in `activeDrivers`, retired or not: cancelAll clears its queue)
    activeDriversOf(this.dispatcher).add(this)
    const fiber = this.dispatcher.fork(state.loop, this.refs, this.flags)
    state.fiber = fiber
    this.dispatcher.trackCallbackFiber(fiber)
    // interrupted (cancelAll, the dispatcher's end): the next firing starts a new driver
    fiber.addObserver(() => {
      if (this.state === state) this.state = undefined
      if (this.state === undefined) activeDrivers.get(this.dispatcher)?.delete(this)
      // interrupted in the middle of a callback (cancelAll, the end): its bookkeeping never ran,
      // and a sleep or park of the task it was lent (no canceler: see `sleepFor`) stays counted
      const busy = state.busy
      if (busy !== null) {
        const task = state.lent
        if (task !== undefined && (task.wake !== null || task.parked || task.sleeping)) this.dispatcher.clearWait(task)
        state.afterCallback(busy)
      }
    })
  }

  /** The scheduler's after-task check: a driver that is mid-callback here has suspended in it. */
  readonly checkStall = (): void => {
    const s = this.state
    if (s === undefined || s.busy === null) return
    // pre-empted by the scheduler (op count, a due timer) in the middle of a callback: the fiber is
    // queued and goes on by itself; it has not suspended
    if (s.fiber !== undefined && this.dispatcher.scheduler.preempted === s.fiber) return
    // leave that callback to its fiber, continue the batch in a new one
    s.detached = true
    this.state = undefined
    this.dispatcher.scheduler.afterTask = null
    if (this.head < this.due.length) this.start()
  }
}

class DriverState {
  busy: TimerImpl<any> | null = null
  detached = false
  /** its driver retired (see `Driver.retire`): the loop ends */
  retired = false
  wake: (() => void) | null = null
  fiber: Fiber.RuntimeFiber<unknown, unknown> | undefined = undefined
  /** the task state lent to `fiber` for the callback in `busy` */
  lent: internal.TaskImpl | undefined = undefined
  constructor(readonly driver: Driver) {}

  /** Waits until timers are due (or the driver is detached). */
  private idle = Effect.async<void>((resume) => {
    if (this.driver.head < this.driver.due.length) return resume(Effect.void)
    this.wake = () => resume(Effect.void)
  })

  afterCallback(timer: TimerImpl<any>): void {
    timer.inFlight--
    if (this.fiber !== undefined) internal.lendTask(this.fiber, undefined)
    this.busy = null
    if (!this.detached) timer.dispatcher.scheduler.afterTask = null
    callbackDone(timer)
  }

  /** Runs `effect` (what `timer`'s callback returned) on this fiber, as the timer's task. */
  private runOne(timer: TimerImpl<any>, effect: Effect.Effect<void, unknown>): Effect.Effect<void> {
    this.busy = timer
    timer.dispatcher.scheduler.afterTask = this.driver.checkStall
    // (a callback overlapping another of the same timer must not share its sleeps and parks)
    if (this.fiber !== undefined) {
      internal.lendTask(this.fiber, this.lent = timer.inFlight > 0 ? timer.spareTask() : timer.task)
    }
    return timer.fire(this, effect)
  }

  // `body` is called by the runtime at every iteration, so it needs no `Effect.suspend` (that
  // would allocate a closure and an op per firing: W6 fires a million times a second).
  // Fast path: a callback whose effect is a bare `Effect.sync` (or `Effect.void`) cannot suspend,
  // so its thunk is called right here, in a plain loop, without a trip through the fiber runtime
  // per firing (the runtime would do just that: call the thunk, a throw being a defect). Anything
  // else runs on the fiber (`runOne`). After FAST_BATCH fast callbacks the driver yields, so other
  // tasks get their turn about as often as when each firing cost several Effect ops.
  readonly loop: Effect.Effect<void> = Effect.whileLoop({
    while: () => !this.detached && !this.retired,
    body: () => {
      const driver = this.driver
      let budget = FAST_BATCH
      while (driver.head < driver.due.length) {
        const timer = driver.due[driver.head]!
        driver.due[driver.head++] = undefined as any
        const d = timer.dispatcher
        timer.inDue--
        // a firing of an arming cancelled before it ran (the timer may be armed again meanwhile)
        if (timer.stale > 0) {
          timer.stale--
          d.callbacks--
          d.requestCheck()
          continue
        }
        if (!timer.armed || timer.cancelled) {
          d.callbacks--
          d.requestCheck()
          continue
        }
        // a one-shot timer is disarmed before its callback, so the callback may re-arm it
        if (!timer.recurring) {
          timer.armed = false
          armedTimers.get(d)?.delete(timer)
        }
        let effect: Effect.Effect<void, unknown>
        try {
          effect = timer.callback(timer, timer.params) as Effect.Effect<void, unknown>
        } catch (e) {
          return this.runOne(timer, Effect.die(e))
        }
        const op = (effect as unknown as { _op?: string })._op
        if (op === "Sync") {
          try {
            ;(effect as unknown as { effect_instruction_i0: () => unknown }).effect_instruction_i0()
          } catch (e) {
            return this.runOne(timer, Effect.die(e))
          }
        } else if (op !== "Success") return this.runOne(timer, effect)
        callbackDone(timer)
        if (--budget === 0) return Effect.yieldNow()
      }
      driver.due = []
      driver.head = 0
      if (driver.dispatcher.lastTimerDriver !== driver) {
        driver.retire(this)
        return Effect.void
      }
      return this.idle
    },
    step: () => {}
  })
}

/**
 * A callback has returned (either path): it no longer counts as work, and a recurring timer waits
 * `delay` from now (Copas: pause(delay) after it); one re-armed from inside its callback, or
 * cancelled, is already where it belongs.
 */
const callbackDone = (timer: TimerImpl<any>): void => {
  const d = timer.dispatcher
  d.callbacks--
  d.requestCheck()
  if (timer.recurring && timer.armed && !timer.cancelled && timer.lane === undefined) {
    enqueue(timer, timer.delayMs)
  }
}

/** fast (synchronous) timer callbacks a driver runs before it yields */
const FAST_BATCH = 256

/**
 * driver per dispatcher and context. Weak by context: a driver whose timers were all cancelled
 * before firing never gets a fiber, so it is never retired (see `Driver.retire`); a strong map held
 * it, and the context and FiberRefs it keeps, for the dispatcher's life (~1.3 KB for every
 * `provideService` scope that made and cancelled a timer). Its timers keep it (`TimerImpl.driver`).
 */
const drivers = new WeakMap<internal.Dispatcher, WeakMap<Context.Context<never>, Driver>>()

/** per dispatcher, the drivers that have a fiber (retired ones too: see `Driver.start`) */
const activeDrivers = new WeakMap<internal.Dispatcher, Set<Driver>>()
const activeDriversOf = (d: internal.Dispatcher): Set<Driver> => {
  let set = activeDrivers.get(d)
  if (set === undefined) activeDrivers.set(d, set = new Set())
  return set
}

const driverFor = (
  d: internal.Dispatcher,
  fiber: Fiber.RuntimeFiber<unknown, unknown>,
  flags: RuntimeFlags.RuntimeFlags
): Driver => {
  let byContext = drivers.get(d)
  if (byContext === undefined) {
    byContext = new WeakMap()
    drivers.set(d, byContext)
    d.cancelHooks.add(() => {
      // (every driver with timers due has a fiber, so it is in `activeDrivers`: see `push`)
      for (const driver of [...activeDriversOf(d)]) {
        for (let i = driver.head; i < driver.due.length; i++) {
          const t = driver.due[i]!
          t.armed = false
          t.inDue = t.stale = 0
          d.callbacks--
        }
        driver.due = []
        driver.head = 0
      }
      for (const t of armedTimers.get(d) ?? []) disarm(t)
    })
  }
  const refs = internal.fiberRefsOf(fiber)
  const context = FiberRefs.getOrDefault(refs, FiberRef.currentContext)
  let driver = byContext.get(context)
  if (driver === undefined) {
    driver = new Driver(d, refs, flags, context)
    byContext.set(context, driver)
  }
  return driver
}

/** armed timers per dispatcher (for cancelAll) */
const armedTimers = new WeakMap<internal.Dispatcher, Set<TimerImpl<any>>>()

/** A FIFO of timers armed with the same delay: sorted by deadline because "now" only grows. */
class Lane {
  timers: Array<TimerImpl<any> | undefined> = []
  head = 0
  /**
   * how many places came before `timers[0]`: a timer's `slot` stays valid when the array is
   * compacted or emptied, so a cancel can clear the timer's place (see `leave`)
   */
  base = 0
  /** timers in the lane that are still armed (a cancelled timer's place is cleared: `leave`) */
  live = 0
  entry: Entry | undefined = undefined
  constructor(
    readonly dispatcher: internal.Dispatcher,
    readonly ms: number,
    /** the dispatcher's lanes by delay: an empty lane leaves it (see `drop`) */
    private readonly byDelay: Map<number, Lane>
  ) {}

  push(t: TimerImpl<any>): void {
    // an emptied lane used again through a timer's `homeLane`: back in the map, so that new
    // timers of this delay share it
    if (this.live === 0 && !this.byDelay.has(this.ms)) this.byDelay.set(this.ms, this)
    t.slot = this.base + this.timers.length
    this.timers.push(t)
    this.live++
    // every armed timer counts as one (Copas.status().timer, the loop's liveness), not the lane
    this.dispatcher.scheduler.heap.counts[TIMER]!++
    if (this.entry === undefined) this.arm(t.deadline)
  }

  private arm(at: number): void {
    this.entry = this.dispatcher.scheduler.addTimer(at, LANE, this.fire)
  }

  /** The head is due: hand every due timer to its driver, re-arm for the next head. */
  private fire = (): void => {
    this.entry = undefined
    const now = this.dispatcher.scheduler.now()
    const timers = this.timers
    let head = this.head
    while (head < timers.length) {
      const t = timers[head]
      if (t === undefined || t.lane !== this) {
        timers[head++] = undefined
        continue
      }
      if (t.deadline > now) break
      timers[head++] = undefined
      t.lane = undefined
      this.live--
      this.dispatcher.scheduler.heap.counts[TIMER]!--
      t.inDue++
      t.driver.push(t)
    }
    if (head >= timers.length) {
      this.base += timers.length
      this.timers = []
      this.head = 0
      this.drop()
      return
    }
    if (head > 1024 && head * 2 > timers.length) {
      this.timers = timers.slice(head)
      this.base += head
      head = 0
    }
    this.head = head
    this.arm(this.timers[head]!.deadline)
  }

  /**
   * A timer left the lane early (cancelled): its place is cleared. Why not skip it lazily by
   * `t.lane`: a timer cancelled and armed again before the lane reaches its old place is back in
   * this lane, and the old place would hold back every timer behind it until the new deadline.
   * (The entry may stay armed for a cleared head: it fires, skips it, and re-arms.) When none is
   * left, the heap entry goes.
   */
  leave(t: TimerImpl<any>): void {
    const i = t.slot - this.base
    if (i >= this.head && i < this.timers.length && this.timers[i] === t) this.timers[i] = undefined
    this.dispatcher.scheduler.heap.counts[TIMER]!--
    if (--this.live === 0) {
      if (this.entry !== undefined) this.dispatcher.scheduler.removeTimer(this.entry)
      this.entry = undefined
      this.base += this.timers.length
      this.timers = []
      this.head = 0
      this.drop()
      this.dispatcher.requestCheck()
    }
  }

  /**
   * Empty: out of the map. Why: a lane per distinct delay ever armed (a jittered or computed
   * delay, an `initialDelay`) stayed for the dispatcher's life, ~0.5 KB each.
   */
  private drop(): void {
    if (this.byDelay.get(this.ms) === this) this.byDelay.delete(this.ms)
  }
}

const lanes = new WeakMap<internal.Dispatcher, Map<number, Lane>>()

const laneFor = (d: internal.Dispatcher, ms: number): Lane => {
  let byDelay = lanes.get(d)
  if (byDelay === undefined) lanes.set(d, byDelay = new Map())
  let lane = byDelay.get(ms)
  if (lane === undefined) byDelay.set(ms, lane = new Lane(d, ms, byDelay))
  return lane
}

const enqueue = (t: TimerImpl<any>, ms: number): void => {
  const d = t.dispatcher
  let lane: Lane
  if (ms === t.delayMs) {
    // the common case (every re-arm of a recurring timer): no WeakMap and Map look-ups
    lane = t.homeLane ??= laneFor(d, ms)
  } else lane = laneFor(d, ms)
  t.deadline = d.scheduler.now() + ms
  t.lane = lane
  lane.push(t)
}

const disarm = (t: TimerImpl<any>): void => {
  t.armed = false
  // a firing already handed to the driver belongs to this arming: it must not run
  t.stale = t.inDue
  const lane = t.lane
  if (lane !== undefined) {
    t.lane = undefined
    lane.leave(t)
  }
  armedTimers.get(t.dispatcher)?.delete(t)
  t.dispatcher.requestCheck()
}

const armAt = (t: TimerImpl<any>, ms: number): void => {
  const d = t.dispatcher
  t.armed = true
  t.cancelled = false
  enqueue(t, ms)
  let set = armedTimers.get(d)
  if (set === undefined) armedTimers.set(d, set = new Set())
  set.add(t)
}

/**
 * Copas's `copas.timer.new(options)`: creates a timer and arms it. A negative delay is a defect
 * ("delay must be greater than or equal to 0"), as is a callback that is not a function.
 *
 * @example
 * ```ts
 * import { Console } from "effect"
 * import * as Timer from "effect-copas/Timer"
 * const once = Timer.make({ delay: "2 seconds", callback: () => Console.log("fired") })
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const make = <P = undefined, R = never>(options: Options<P, R>): Effect.Effect<Timer<P>, never, Copas | R> =>
  // no `Effect.suspend` inside: the runtime calls this lazily, and a throw in it is a defect too
  Effect.withFiberRuntime((fiber, status) => {
    if (typeof options.callback !== "function") throw new TypeError("expected callback to be a function")
    const delay = checkDelay(options.delay)
    const initial = options.initialDelay === undefined ? delay : checkDelay(options.initialDelay)
    const f = fiber as Fiber.RuntimeFiber<unknown, unknown>
    const s = f.currentScheduler as { owner?: unknown }
    const d = (s.owner as internal.Dispatcher | undefined) ??
      (f.currentContext.unsafeMap.get(Copas.key) as internal.Dispatcher)
    const timer = new TimerImpl<P>(
      options.name ?? `copas_timer_${++timerCounter}`,
      delay,
      options.recurring === true,
      options.params as P,
      options.callback,
      driverFor(d, f, status.runtimeFlags),
      d
    )
    if (options.errorHandler !== undefined) timer.errorHandler = options.errorHandler as internal.ErrorHandler
    armAt(timer, initial)
    return Effect.succeed(timer as Timer<P>)
  })

/**
 * Copas's `timer:arm([initialDelay])`: arms a timer that is not armed (default wait: its `delay`).
 * A one-shot timer may re-arm itself from its own callback. Fails with `AlreadyArmedError` when
 * armed (a recurring timer re-arming itself from its callback included).
 *
 * @example
 * ```ts
 * import * as Timer from "effect-copas/Timer"
 * const again = (t: Timer.Timer) => Timer.arm(t, "500 millis")
 * const againPiped = (t: Timer.Timer) => t.pipe(Timer.arm("500 millis"))
 * ```
 * @since 0.1.0
 * @category combinators
 */
export const arm: {
  (initialDelay?: Duration.DurationInput): <P>(timer: Timer<P>) => Effect.Effect<Timer<P>, AlreadyArmedError>
  <P>(timer: Timer<P>, initialDelay?: Duration.DurationInput): Effect.Effect<Timer<P>, AlreadyArmedError>
} = dual(
  (args) => args.length >= 2 || isTimer(args[0]),
  <P>(timer: Timer<P>, initialDelay?: Duration.DurationInput): Effect.Effect<Timer<P>, AlreadyArmedError> =>
    Effect.suspend(() => {
      const t = timer as TimerImpl<P>
      const ms = initialDelay === undefined ? t.delayMs : checkDelay(initialDelay)
      if (t.armed) return Effect.fail(new AlreadyArmedError())
      armAt(t, ms)
      return Effect.succeed(timer)
    })
)

/**
 * Copas's `timer:cancel()`: disarms the timer. A callback that is running finishes; a recurring
 * timer does not fire again. Fails with `NotArmedError` (never armed, or a one-shot that fired) or
 * `AlreadyCancelledError`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Timer from "effect-copas/Timer"
 * const stop = (t: Timer.Timer) => Effect.ignore(Timer.cancel(t))
 * ```
 * @since 0.1.0
 * @category combinators
 */
export const cancel = <P>(timer: Timer<P>): Effect.Effect<Timer<P>, NotArmedError | AlreadyCancelledError> =>
  Effect.suspend((): Effect.Effect<Timer<P>, NotArmedError | AlreadyCancelledError> => {
    const t = timer as TimerImpl<P>
    if (t.cancelled) return Effect.fail(new AlreadyCancelledError())
    if (!t.armed) return Effect.fail(new NotArmedError())
    disarm(t)
    t.cancelled = true
    return Effect.succeed(timer)
  })

/**
 * Whether `u` is a Timer.
 * @example
 * ```ts
 * import * as Timer from "effect-copas/Timer"
 * Timer.isTimer(42) // false
 * ```
 * @since 0.1.0
 * @category guards
 */
export const isTimer = (u: unknown): u is Timer => typeof u === "object" && u !== null && TypeId in u


/**
 * The dispatcher's scheduler: every Copas task (fiber) runs on it.
 *
 * Why our own: Effect's default `MixedScheduler` keeps one runner per fiber and drains each through
 * its own microtask chain, so 100k fibers cost 100k promise jobs, and a yield never lets I/O run
 * until 2048 rounds have passed. Here there is one FIFO run queue drained in a single microtask,
 * time-sliced (after `sliceMs` the rest continues in `setImmediate`, so sockets get their turn), a
 * second queue for `pause(0)` that runs only after I/O (Copas's "ready list of the next step"),
 * and one timer heap behind one Node timer, polled from inside the run loop so that a due sleeper
 * is not kept waiting by a busy queue.
 *
 * `manual` mode is Copas's `step()`: nothing runs until the host calls `step`.
 *
 * @internal
 */
import type * as Scheduler from "effect/Scheduler"
import { performance } from "node:perf_hooks"
import { Entry, type EntryKind, Heap } from "./heap.js"

/**
 * How many tasks woken by I/O may wait for the check phase's drain (see `ioWake`); past that a
 * drain starts at once. Why a cap: with 1000 busy connections one turn wakes hundreds of tasks,
 * and by the time the last ran, what its socket callback touched was out of the CPU cache again
 * (measured: CPU per echoed line 16/256/1000 connections, batches of 8 to 128; 16–64 did best).
 */
const IO_BATCH = 32

/**
 * Under a Clock that is not the live one (TestClock), a drain gives I/O its turn after this many
 * tasks (a multiple of the 64 between checks), or after `SLICE_MAX_MS` of real time at the latest:
 * the order in which tasks and I/O interleave then depends on the program, not on the machine.
 */
const SLICE_TASKS = 4096
const SLICE_MAX_MS = 50

/** Scheduling priority that marks a yield as "after I/O" (`Copas.pause()`). */
export const NEXT_ROUND = 0x3fff_fff0

/** A fiber as the scheduler sees it (only the op counter is read, to keep the check cheap). */
interface FiberLike {
  currentOpCount: number
}

/** How the timer heap is driven: Node's timers (live clock) or an alarm on another Clock. */
export interface Alarm {
  now(): number
  /**
   * arm the wake-up for `deadline` (ms on `now`'s scale); `undefined` disarms. An alarm may keep an
   * earlier wake-up that is already armed (see {@link keepArmed}): the scheduler re-arms when it fires.
   */
  set(deadline: number | undefined): void
  close(): void
}

/**
 * Whether an alarm armed for `armed` can stay as it is when asked for the later `deadline`: it
 * then fires early, finds nothing due and is armed again for the heap's top. Why: a contended
 * lock with one waiter (or a socket call with a timeout, once per request) moves the earliest
 * deadline later at every wait, and re-arming a Node timer each time (clearTimeout, setTimeout)
 * cost ~0.4 µs of a ~3 µs lock cycle; this way it costs one early wake-up per armed deadline.
 */
export const keepArmed = (armed: number | undefined, deadline: number | undefined): boolean =>
  armed !== undefined && deadline !== undefined && deadline > armed

/** Statistics of `Copas.status(true)`. */
export class Stats {
  enabled = false
  steps = 0
  durTot = 0
  durMin = Infinity
  durMax = 0
  durMinEver = Infinity
  durMaxEver = 0
  timeStart = 0
  reset(now: number): void {
    this.steps = 0
    this.durTot = 0
    this.durMin = Infinity
    this.durMax = 0
    this.timeStart = now
  }
  record(ms: number): void {
    this.steps++
    this.durTot += ms
    if (ms < this.durMin) this.durMin = ms
    if (ms > this.durMax) this.durMax = ms
    if (ms < this.durMinEver) this.durMinEver = ms
    if (ms > this.durMaxEver) this.durMaxEver = ms
  }
}

/**
 * Node timers have 1 ms granularity and may fire up to a millisecond early against
 * `performance.now()`. We sleep with `setTimeout` to within a millisecond of the deadline, then
 * finish the last sub-millisecond with `setImmediate` polls: a little CPU right before a deadline
 * buys sleeps that are late by microseconds, not by up to 1–2 ms. (Documented in the README.)
 */
export class NodeAlarm implements Alarm {
  private handle: ReturnType<typeof setTimeout> | undefined
  private immediate: ReturnType<typeof setImmediate> | undefined
  private armed: number | undefined
  constructor(private readonly onAlarm: () => void) {}
  now(): number {
    return performance.now()
  }
  set(deadline: number | undefined): void {
    if (deadline === this.armed || keepArmed(this.armed, deadline)) return
    this.clear()
    this.armed = deadline
    if (deadline === undefined) return
    const delay = deadline - performance.now()
    if (delay >= 1.5) {
      this.handle = setTimeout(this.fire, Math.min(Math.floor(delay - 0.5), 2 ** 31 - 1))
    } else {
      this.immediate = setImmediate(this.fire)
    }
  }
  close(): void {
    this.clear()
    this.armed = undefined
  }
  private clear(): void {
    if (this.handle !== undefined) clearTimeout(this.handle)
    if (this.immediate !== undefined) clearImmediate(this.immediate)
    this.handle = this.immediate = undefined
  }
  private fire = (): void => {
    this.handle = this.immediate = undefined
    this.armed = undefined
    this.onAlarm()
  }
}

const resolved = Promise.resolve()

/** @internal */
export class CopasScheduler implements Scheduler.Scheduler {
  /**
   * the run queue: tasks in `queue[head..tail)`. Why indices and not `push`/`[]`: the array (and
   * its capacity) is kept when it runs dry, so a turn that queues one task allocates nothing (W3
   * runs one event-loop turn per lock cycle).
   */
  private queue: Array<(() => void) | undefined> = []
  private head = 0
  private tail = 0
  /**
   * tasks that yielded with `pause()`, in `next[0..nextLen)`: they run after the next I/O turn.
   * When the run queue is empty the two arrays swap roles (no copy, no allocation).
   */
  private next: Array<(() => void) | undefined> = []
  private nextLen = 0
  /**
   * fibers resumed by a due timer: they run before the rest of the queue, so a sleeper is not
   * kept late by a backlog of ordinary work (W2's lateness while 10k tasks are being spawned)
   */
  private urgent: Array<() => void> = []
  private urgentHead = 0
  private firing = false
  private microPending = false
  private immediatePending = false
  private draining = false
  /**
   * when the running drain's time slice started (`performance.now()`), or -1 until the first
   * clock read in it: the first `now()` of a drain doubles as its start, so a drain that reads the
   * clock (a paused task returning the time it slept, W3) pays for one read instead of two
   */
  private sliceStart = -1
  /** whether `now()` reads `performance.now()` (the live clock) and may share it with the slice */
  private readonly liveNow: boolean
  readonly heap = new Heap()
  readonly stats = new Stats()
  /** called after each task; set while a timer callback batch is running (see Timer) */
  afterTask: (() => void) | null = null
  /** called when the queue runs dry (the dispatcher checks whether its loop is finished) */
  onIdle: () => void = () => {}
  /** called after due heap entries were fired (counts changed) */
  onHeapChange: () => void = () => {}
  /** wakes `step` when a task is queued in manual mode */
  onQueued: (() => void) | null = null
  alarm: Alarm
  /** the dispatcher that owns this scheduler */
  owner: unknown = undefined
  /** set by `Debug` while tracing: may wrap a fiber's run (null when off: one branch per schedule) */
  trace: ((task: () => void, priority: number, fiber: unknown) => () => void) | null = null

  constructor(
    /** Copas's `step()` mode; cleared by {@link release} when the dispatcher closes */
    public manual: boolean,
    alarm?: (onAlarm: () => void) => Alarm,
    /** how long one drain may run before I/O gets a turn */
    readonly sliceMs = 2
  ) {
    this.alarm = alarm ? alarm(this.onAlarm) : new NodeAlarm(this.onAlarm)
    this.liveNow = this.alarm instanceof NodeAlarm
  }

  now(): number {
    if (this.sliceStart < 0 && this.draining && this.liveNow) return (this.sliceStart = performance.now())
    return this.alarm.now()
  }

  // ---- Scheduler interface -------------------------------------------------------------------

  shouldYield(fiber: FiberLike): number | false {
    const n = fiber.currentOpCount
    if (n > 2048) return this.preempt(fiber)
    // pre-empt a long-running fiber when a timer is due (checked every 256 ops: cheap)
    if ((n & 255) === 0) {
      const top = this.heap.items[0]
      if (top !== undefined && top.deadline <= this.alarm.now()) return this.preempt(fiber)
    }
    return false
  }

  /**
   * A fiber pre-empted while an `afterTask` check is armed (a timer callback is running): until it
   * runs again it is queued, not suspended, and the check must not take it for a stalled callback
   * (W6: the timer driver was replaced by a new fiber every 2048 ops).
   */
  preempted: unknown = undefined

  private preempt(fiber: FiberLike): number {
    if (this.afterTask !== null) this.preempted = fiber
    return 0
  }

  /** The pre-empted fiber's next run: it is no longer just queued. */
  private resumePreempted(task: () => void): () => void {
    return () => {
      this.preempted = undefined
      task()
    }
  }

  /**
   * Set by a socket while it wakes its waiting tasks: when no drain is running, they run in the
   * drain of the check phase (`setImmediate`) rather than in one started from a microtask after
   * each I/O callback, so that the tasks made ready by the I/O callbacks of a loop turn run in one
   * drain after them, as in Copas's step (select, then run what is ready), up to `IO_BATCH` tasks.
   */
  ioWake = false

  /**
   * The fiber that is yielding with `pause()`: its next `scheduleTask` (made while it yields, see
   * `yieldToIO`) goes to the after-I/O queue. This costs one field write instead of an async
   * callback per pause.
   */
  yielding: unknown = undefined

  scheduleTask(task: () => void, priority: number, fiber?: unknown): void {
    if (this.trace !== null) task = this.trace(task, priority, fiber)
    if (fiber !== undefined && fiber === this.preempted) task = this.resumePreempted(task)
    if (priority === NEXT_ROUND || (fiber !== undefined && fiber === this.yielding)) {
      this.yielding = undefined
      this.next[this.nextLen++] = task
      if (!this.manual) this.requestImmediate()
      else this.onQueued?.()
      return
    }
    if (this.firing) this.urgent.push(task)
    else this.queue[this.tail++] = task
    if (this.manual) {
      this.onQueued?.()
    } else if (this.ioWake && this.tail - this.head < IO_BATCH) {
      if (!this.draining) this.requestImmediate()
    } else if (!this.draining && !this.microPending) {
      this.microPending = true
      // a then on a settled promise is a microtask too, without the async resource and bound
      // function `queueMicrotask` makes on every call (~25 ns less, once per request)
      resolved.then(this.drainMicro)
    }
  }

  // ---- timers --------------------------------------------------------------------------------

  /** Adds a timed entry (`at` in ms on this scheduler's clock). */
  addTimer(at: number, kind: EntryKind, fire: () => void, data?: unknown): Entry {
    const e = this.heap.insert(at, kind, fire, data)
    if (e.i === 0) this.rearm()
    return e
  }

  /** Re-inserts an entry (recurring timers). */
  readdTimer(e: Entry, at: number): void {
    e.deadline = at
    this.heap.push(e)
    if (e.i === 0) this.rearm()
  }

  removeTimer(e: Entry): boolean {
    // the alarm may stay armed for a deadline that went away: it then fires, finds nothing and re-arms
    return this.heap.remove(e)
  }

  /** Fires every entry that is due at `now`; returns how many. */
  fireDue(now: number): number {
    const heap = this.heap
    let n = 0
    let top = heap.items[0]
    const firing = this.firing
    this.firing = true
    try {
      while (top !== undefined && top.deadline <= now) {
        heap.pop()
        n++
        top.fire()
        top = heap.items[0]
      }
    } finally {
      this.firing = firing
    }
    if (n > 0) this.onHeapChange()
    return n
  }

  rearm(): void {
    const top = this.heap.items[0]
    this.alarm.set(top === undefined ? undefined : top.deadline)
  }

  private onAlarm = (): void => {
    if (this.manual) {
      // in step mode the host's step() fires due timers; only wake it
      this.onQueued?.()
      return
    }
    const fired = this.fireDue(this.alarm.now())
    this.rearm()
    // A precise wait polls with setImmediate in its last millisecond (W6: ~250k polls a second
    // with 10k timers), and most polls find nothing due: then there is nothing to run and no
    // count changed, so skip the drain (and its idle check).
    if (fired > 0 || this.head < this.tail || this.urgentHead < this.urgent.length) this.drain()
  }

  // ---- draining ------------------------------------------------------------------------------

  private drainMicro = (): void => {
    this.microPending = false
    this.drain()
  }

  private requestImmediate(): void {
    if (!this.immediatePending) {
      this.immediatePending = true
      setImmediate(this.drainImmediate)
    }
  }

  private drainImmediate = (): void => {
    this.immediatePending = false
    // the paused tasks of the previous round become ready now that I/O had its turn
    if (this.nextLen > 0) this.promoteNext()
    this.drain()
  }

  /** Appends the paused tasks (`next`) to the run queue; swaps the arrays when it is empty. */
  private promoteNext(): void {
    const next = this.next
    const n = this.nextLen
    this.nextLen = 0
    if (this.head >= this.tail) {
      // the queue's slots are all cleared (consumed): it becomes the new `next`
      const q = this.queue
      this.queue = next
      this.head = 0
      this.tail = n
      this.next = q
      return
    }
    for (let i = 0; i < n; i++) {
      this.queue[this.tail++] = next[i]
      next[i] = undefined
    }
  }

  /** Runs queued tasks until the queue is empty or the time slice is used up. */
  private drain(): void {
    if (this.draining) return
    this.draining = true
    const stats = this.stats.enabled ? this.stats : undefined
    // (read lazily: see `sliceStart`; the statistics need it at once)
    this.sliceStart = stats !== undefined ? performance.now() : -1
    const slice = this.sliceMs
    let count = 0
    try {
      for (;;) {
        let task: () => void
        if (this.urgentHead < this.urgent.length) {
          task = this.urgent[this.urgentHead]!
          this.urgent[this.urgentHead++] = undefined as any
          if (this.urgentHead === this.urgent.length) {
            this.urgent = []
            this.urgentHead = 0
          }
        } else if (this.head < this.tail) {
          task = this.queue[this.head]!
          this.queue[this.head++] = undefined
        } else break
        task()
        if (this.afterTask !== null) this.afterTask()
        if ((++count & 63) === 0) {
          const t = performance.now()
          if (this.sliceStart < 0) this.sliceStart = t
          const top = this.heap.items[0]
          if (top !== undefined && top.deadline <= this.alarm.now()) {
            this.fireDue(this.alarm.now())
            this.rearm()
          }
          // Under another Clock (TestClock) a slice is a number of tasks: a slice of real time
          // made the interleaving of many connections' tasks with their I/O differ from run to
          // run. (A long real-time bound stays, so that I/O is never starved for long.)
          if (this.liveNow ? t - this.sliceStart > slice : count >= SLICE_TASKS || t - this.sliceStart > SLICE_MAX_MS) {
            this.requestImmediate()
            break
          }
          if (this.head > 8192) this.compact()
        }
      }
    } finally {
      if (this.head >= this.tail) this.resetQueue()
      this.draining = false
      if (this.urgentHead < this.urgent.length || this.head < this.tail) this.requestImmediate()
      if (stats !== undefined) stats.record(performance.now() - this.sliceStart)
    }
    if (this.head >= this.tail && this.urgentHead >= this.urgent.length) {
      if (this.nextLen > 0) this.requestImmediate()
      this.onIdle()
    }
  }

  /** The queue ran dry: rewind (its slots are already cleared); drop a huge backing array. */
  private resetQueue(): void {
    this.head = this.tail = 0
    if (this.queue.length > 65536) this.queue = []
  }

  private compact(): void {
    this.queue = this.queue.slice(this.head, this.tail)
    this.tail -= this.head
    this.head = 0
  }

  /** Ready work (queued tasks plus paused ones waiting for the next round). */
  get pending(): number {
    return this.tail - this.head + this.nextLen + this.urgent.length - this.urgentHead
  }

  /**
   * Copas's `step`: fire due timers, make last round's paused tasks ready, then run exactly the
   * tasks that are ready now (tasks they make ready run in the next step). Returns whether any ran.
   */
  step(): boolean {
    this.fireDue(this.alarm.now())
    // the alarm fired (or will fire early) for what was due: arm it for the next deadline, so
    // that a `step(timeout)` waiting for work wakes when the next sleeper is due
    this.rearm()
    if (this.nextLen > 0) this.promoteNext()
    if (this.urgentHead < this.urgent.length) {
      // fibers woken by due timers go first, as in `drain`
      const urgent = this.urgent.slice(this.urgentHead)
      this.urgent = []
      this.urgentHead = 0
      this.queue = (urgent as Array<(() => void) | undefined>).concat(this.queue.slice(this.head, this.tail))
      this.head = 0
      this.tail = this.queue.length
    }
    const end = this.tail
    if (this.head >= end) {
      this.onIdle()
      return false
    }
    const start = performance.now()
    this.draining = true
    try {
      while (this.head < end) {
        const task = this.queue[this.head]!
        this.queue[this.head++] = undefined
        task()
        if (this.afterTask !== null) this.afterTask()
      }
    } finally {
      this.draining = false
      if (this.head >= this.tail) this.resetQueue()
      else if (this.head > 8192) this.compact()
      if (this.stats.enabled) this.stats.record(performance.now() - start)
    }
    this.onIdle()
    return true
  }

  /** Time (ms) until the next timer is due, or `undefined` when none is pending. */
  nextDeadline(): number | undefined {
    return this.heap.items[0]?.deadline
  }

  /**
   * Ends manual mode: from now on queued work runs by itself. The dispatcher calls it when it
   * closes, since no host steps it any more: the tasks it interrupts must still run to their ends
   * (finalizers), which a scheduler left in manual mode never let happen (the close hung).
   */
  release(): void {
    if (!this.manual) return
    this.manual = false
    this.onQueued = null
    this.requestImmediate()
    this.rearm()
  }

  close(): void {
    this.alarm.close()
  }
}

export { Entry }

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

/** Scheduling priority that marks a yield as "after I/O" (`Copas.pause()`). */
export const NEXT_ROUND = 0x3fff_fff0

/** A fiber as the scheduler sees it (only the op counter is read, to keep the check cheap). */
interface FiberLike {
  currentOpCount: number
}

/** How the timer heap is driven: Node's timers (live clock) or an alarm on another Clock. */
export interface Alarm {
  now(): number
  /** arm (or re-arm) the wake-up for `deadline` (ms on `now`'s scale); `undefined` disarms */
  set(deadline: number | undefined): void
  close(): void
}

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

/** Live time: a monotonic millisecond clock with sub-millisecond resolution. */
export const liveNow = (): number => performance.now()

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
    if (deadline === this.armed) return
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

/** @internal */
export class CopasScheduler implements Scheduler.Scheduler {
  /** the run queue; `head` is the next task to run */
  private queue: Array<() => void> = []
  private head = 0
  /** tasks that yielded with `pause()`: they run after the next I/O turn */
  private next: Array<() => void> = []
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
    readonly manual: boolean,
    alarm?: (onAlarm: () => void) => Alarm,
    /** how long one drain may run before I/O gets a turn */
    readonly sliceMs = 2
  ) {
    this.alarm = alarm ? alarm(this.onAlarm) : new NodeAlarm(this.onAlarm)
  }

  now(): number {
    return this.alarm.now()
  }

  // ---- Scheduler interface -------------------------------------------------------------------

  shouldYield(fiber: FiberLike): number | false {
    const n = fiber.currentOpCount
    if (n > 2048) return 0
    // pre-empt a long-running fiber when a timer is due (checked every 256 ops: cheap)
    if ((n & 255) === 0) {
      const top = this.heap.items[0]
      if (top !== undefined && top.deadline <= this.alarm.now()) return 0
    }
    return false
  }

  /**
   * The fiber that is yielding with `pause()`: its next `scheduleTask` (made while it yields, see
   * `yieldToIO`) goes to the after-I/O queue. This costs one field write instead of an async
   * callback per pause.
   */
  yielding: unknown = undefined

  scheduleTask(task: () => void, priority: number, fiber?: unknown): void {
    if (this.trace !== null) task = this.trace(task, priority, fiber)
    if (priority === NEXT_ROUND || (fiber !== undefined && fiber === this.yielding)) {
      this.yielding = undefined
      this.next.push(task)
      if (!this.manual) this.requestImmediate()
      else this.onQueued?.()
      return
    }
    if (this.firing) this.urgent.push(task)
    else this.queue.push(task)
    if (this.manual) {
      this.onQueued?.()
    } else if (!this.draining && !this.microPending) {
      this.microPending = true
      queueMicrotask(this.drainMicro)
    }
  }

  // ---- timers --------------------------------------------------------------------------------

  /** Adds a timed entry (`at` in ms on this scheduler's clock). */
  addTimer(at: number, kind: EntryKind, fire: () => void): Entry {
    const e = this.heap.insert(at, kind, fire)
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
    this.fireDue(this.alarm.now())
    this.rearm()
    this.drain()
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
    if (this.next.length > 0) {
      const next = this.next
      this.next = []
      for (let i = 0; i < next.length; i++) this.queue.push(next[i]!)
    }
    this.drain()
  }

  /** Runs queued tasks until the queue is empty or the time slice is used up. */
  private drain(): void {
    if (this.draining) return
    this.draining = true
    const stats = this.stats.enabled ? this.stats : undefined
    const start = performance.now()
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
        } else if (this.head < this.queue.length) {
          task = this.queue[this.head]!
          this.queue[this.head++] = undefined as any
        } else break
        task()
        if (this.afterTask !== null) this.afterTask()
        if ((++count & 63) === 0) {
          const t = performance.now()
          const top = this.heap.items[0]
          if (top !== undefined && top.deadline <= this.alarm.now()) {
            this.fireDue(this.alarm.now())
            this.rearm()
          }
          if (t - start > slice) {
            this.requestImmediate()
            break
          }
          if (this.head > 8192) this.compact()
        }
      }
    } finally {
      if (this.head >= this.queue.length) {
        this.queue = []
        this.head = 0
      }
      this.draining = false
      if (this.urgentHead < this.urgent.length || this.head < this.queue.length) this.requestImmediate()
      if (stats !== undefined) stats.record(performance.now() - start)
    }
    if (this.head >= this.queue.length && this.urgentHead >= this.urgent.length) {
      if (this.next.length > 0) this.requestImmediate()
      this.onIdle()
    }
  }

  private compact(): void {
    this.queue = this.queue.slice(this.head)
    this.head = 0
  }

  /** Ready work (queued tasks plus paused ones waiting for the next round). */
  get pending(): number {
    return this.queue.length - this.head + this.next.length + this.urgent.length - this.urgentHead
  }

  /**
   * Copas's `step`: fire due timers, make last round's paused tasks ready, then run exactly the
   * tasks that are ready now (tasks they make ready run in the next step). Returns whether any ran.
   */
  step(): boolean {
    this.fireDue(this.alarm.now())
    if (this.next.length > 0) {
      const next = this.next
      this.next = []
      for (let i = 0; i < next.length; i++) this.queue.push(next[i]!)
    }
    if (this.urgentHead < this.urgent.length) {
      // fibers woken by due timers go first, as in `drain`
      const urgent = this.urgent.slice(this.urgentHead)
      this.urgent = []
      this.urgentHead = 0
      this.queue = urgent.concat(this.queue.slice(this.head))
      this.head = 0
    }
    const end = this.queue.length
    if (this.head >= end) {
      this.onIdle()
      return false
    }
    const start = performance.now()
    this.draining = true
    try {
      while (this.head < end) {
        const task = this.queue[this.head]!
        this.queue[this.head++] = undefined as any
        task()
        if (this.afterTask !== null) this.afterTask()
      }
    } finally {
      this.draining = false
      if (this.head >= this.queue.length) {
        this.queue = []
        this.head = 0
      } else if (this.head > 8192) this.compact()
      if (this.stats.enabled) this.stats.record(performance.now() - start)
    }
    this.onIdle()
    return true
  }

  /** Time (ms) until the next timer is due, or `undefined` when none is pending. */
  nextDeadline(): number | undefined {
    return this.heap.items[0]?.deadline
  }

  close(): void {
    this.alarm.close()
  }
}

export { Entry }

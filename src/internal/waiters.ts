/**
 * Shared machinery of Lock, Semaphore, Queue and Future: a ring-buffer FIFO, the waiter record and
 * the one way a waiter suspends.
 *
 * Why not a `Deferred` per wait: a waiter is a plain record holding the fiber's resume callback,
 * so a hand-off is one call (`resume(exit)`), the fast path (resource free) never suspends, and
 * a waiter that timed out or was interrupted is only flagged: hand-offs skip it (no O(n) removal).
 *
 * @internal
 */
import type * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as FiberStatus from "effect/FiberStatus"
import * as RuntimeFlags from "effect/RuntimeFlags"
import type * as Fiber from "effect/Fiber"
import { DestroyedError } from "../Errors.js"
import type { Dispatcher, TaskImpl } from "./dispatcher.js"
import { asyncNoCancel, taskOf } from "./dispatcher.js"
import { type Entry, LANE, TIMEOUT } from "./heap.js"
import { currentFiber } from "./primitive.js"

/** A FIFO ring buffer (power-of-two capacity): O(1) push, shift and unshift, no copying on shift. */
export class Ring<T> {
  private buf: Array<T | undefined>
  private mask: number
  private head = 0
  length = 0

  constructor(capacity = 8) {
    let cap = 8
    while (cap < capacity) cap *= 2
    this.buf = new Array(cap)
    this.mask = cap - 1
  }

  push(x: T): void {
    if (this.length === this.buf.length) this.grow()
    this.buf[(this.head + this.length) & this.mask] = x
    this.length++
  }

  /** Puts `x` back at the front (an item given back after a hand-off lost to an interruption). */
  unshift(x: T): void {
    if (this.length === this.buf.length) this.grow()
    this.head = (this.head - 1) & this.mask
    this.buf[this.head] = x
    this.length++
  }

  peek(): T | undefined {
    return this.length === 0 ? undefined : this.buf[this.head]
  }

  /** The element at position `i` from the front (`0 <= i < length`). */
  at(i: number): T | undefined {
    return this.buf[(this.head + i) & this.mask]
  }

  shift(): T | undefined {
    if (this.length === 0) return undefined
    const x = this.buf[this.head]
    this.buf[this.head] = undefined
    this.head = (this.head + 1) & this.mask
    this.length--
    return x
  }

  /** Empties the ring and returns its elements in order. */
  drain(): Array<T> {
    const out: Array<T> = new Array(this.length)
    for (let i = 0; i < out.length; i++) out[i] = this.shift()!
    this.head = 0
    return out
  }

  /** Keeps only the elements for which `keep` holds (order preserved). */
  filter(keep: (x: T) => boolean): void {
    const all = this.drain()
    for (const x of all) if (keep(x)) this.push(x)
  }

  private grow(): void {
    const old = this.buf
    const cap = old.length * 2
    const buf: Array<T | undefined> = new Array(cap)
    for (let i = 0; i < this.length; i++) buf[i] = old[(this.head + i) & this.mask]
    this.buf = buf
    this.mask = cap - 1
    this.head = 0
  }
}

/** Waiter states. Not yet registered (the wait has not started). */
export const INIT = 0
/** registered in the list, suspended */
export const WAITING = 1
/** the resource was handed to the waiter (its resume was called with a success) */
export const GRANTED = 2
/** timed out, destroyed, or interrupted: hand-offs skip it */
export const GONE = 3

/**
 * `Waiter.flags` of a wait that did not touch the fiber's flags (served at once). Not 0: the flags
 * of an uninterruptible fiber without cooperative yielding are 0 (a wait in `withLock`'s region).
 */
const UNTOUCHED = -1

/**
 * One suspended call. `resume` is the fiber's async callback; `entry` its timeout (if finite).
 * `n` is the request size (semaphore permits); subclasses carry a payload (queue item).
 */
export class Waiter<A = unknown, E = unknown> {
  state = INIT
  resume: ((effect: Effect.Effect<A, E>) => void) | undefined = undefined
  /** its own timeout entry (a deadline that could not join its list's lane) */
  entry: Entry | undefined = undefined
  /** the list whose timeout lane holds this waiter's deadline */
  lane: WaitList<any> | undefined = undefined
  /** when the wait times out (ms on the scheduler's clock) */
  deadline = Infinity
  /** (the shared wait of a task's fiber, see `suspend`) the primitive, the timeout, the fiber's flags */
  host: Host<any, any, any> | undefined = undefined
  ms = Infinity
  flags = UNTOUCHED
  constructor(
    readonly d: Dispatcher,
    readonly fiber: Fiber.RuntimeFiber<unknown, unknown>,
    readonly task: TaskImpl,
    readonly start: number,
    readonly n: number
  ) {}

  /**
   * Ends a registered wait (once): clears the timeout and the parking counters. Returns false
   * when the waiter is not WAITING (already ended, or never registered).
   */
  settle(state: number): boolean {
    if (this.state !== WAITING) return false
    this.state = state
    if (this.entry !== undefined) {
      this.d.scheduler.removeTimer(this.entry)
      this.entry = undefined
    } else if (this.lane !== undefined) {
      this.lane.leaveLane(this)
      this.lane = undefined
    }
    this.d.unpark(this.task)
    return true
  }

  /** Milliseconds since the wait started. */
  waited(): number {
    return Math.max(0, this.d.scheduler.now() - this.start)
  }
}

/** What a primitive provides to {@link suspend}. */
export interface Host<A, E, W extends Waiter<A, E>> {
  /**
   * Tries to serve `w` now (the resource may have been freed between the fast-path check and the
   * suspension). On success it sets `w.state = GRANTED` and returns the result.
   */
  tryNow(w: W): Effect.Effect<A, E> | undefined
  /** appends `w` to its wait list and returns that list */
  enqueue(w: W): WaitList<W>
  /** the timeout of a WAITING `w` fired */
  onTimeout(w: W): void
  /**
   * The fiber was interrupted. `w` is WAITING (leave the list), GRANTED (a hand-off raced with
   * the interruption: give the resource back) or INIT/GONE (nothing to do).
   */
  onInterrupt(w: W): void
}

/**
 * Suspends the current fiber as waiter `w`: inside the async registration it retries
 * `host.tryNow`, else enqueues, parks the task and arms the timeout (`ms` finite).
 *
 * Interruption: `host.onInterrupt(w)` runs when the fiber is interrupted while waiting, or when a
 * hand-off raced with the interruption (the fiber will never see the value). The canceler of
 * `Effect.async` cannot do the second: a resumed value is dropped when an interruption is
 * processed before it. So the fiber waits uninterruptibly (its interruptions go to our own
 * interruptor) and one match frame restores its flags and checks for such a race. Why the flags
 * are written directly, not with `Effect.uninterruptible`: the flag ops and their revert frame
 * cost a third of a hand-off (W4), and nothing can observe the flags while the fiber is
 * suspended. Falls back to `Effect.uninterruptible` if Effect's fiber ever changes shape.
 * A fiber that is not interruptible cannot be interrupted while waiting: it gets the bare wait.
 */
export const suspend = <A, E, W extends Waiter<A, E>>(
  host: Host<A, E, W>,
  w: W,
  ms: number,
  interruptible: boolean
): Effect.Effect<A, E> => {
  const fiber = w.fiber as unknown as SlotFiber
  if (
    interruptible && fiber.copasWaiter === null && currentFiber() === w.fiber && sharedWait !== undefined &&
    typeof fiber.currentRuntimeFlags === "number"
  ) {
    // a task's fiber: the one wait built at start-up finds `w` in the fiber's slot
    w.host = host
    w.ms = ms
    fiber.copasWaiter = w
    return sharedWait as Effect.Effect<A, E>
  }
  const direct = interruptible && typeof fiber.currentRuntimeFlags === "number"
  let flags = UNTOUCHED
  const wait = asyncNoCancel<A, E>((resume) => {
    w.resume = resume
    if (direct && interruptedBefore(fiber)) return resume(Effect.failCause(fiber.getInterruptedCause()))
    const now = host.tryNow(w)
    if (now !== undefined) return resume(now)
    w.state = WAITING
    const list = host.enqueue(w)
    const d = w.d
    d.park(w.task)
    if (ms !== Infinity) list.armTimeout(w, w.start + ms, host)
    if (interruptible) {
      if (direct) {
        flags = fiber.currentRuntimeFlags
        fiber.currentRuntimeFlags = flags & ~RuntimeFlags.Interruption
      }
      fiber._asyncInterruptor = (exit) => {
        host.onInterrupt(w)
        resume(exit as Effect.Effect<A, E>)
      }
    }
  })
  if (!interruptible) return wait
  if (!direct) {
    return Effect.uninterruptible(Effect.flatMap(wait, (a) => {
      if (!fiber.isInterrupted()) return Effect.succeed(a)
      // (as `endedWait`: the caller may be uninterruptible, as `withLock`'s take is)
      host.onInterrupt(w)
      return Effect.failCause(fiber.getInterruptedCause())
    }))
  }
  return Effect.matchCauseEffect(
    wait,
    new Match<A, E>(
      (cause) => failedWait(fiber, flags, cause),
      (a) => endedWait(fiber, flags, w, host, a)
    )
  )
}

/**
 * Whether an interruptible wait is about to start in a fiber that is uninterruptible and already
 * interrupted (`Lock.withLock` waits from its uninterruptible region, interruptibly when its
 * caller is): it fails at once, as `Effect.interruptible` would, instead of waiting on (the
 * interruption has been signalled already: no interruptor would see it). An interruptible fiber
 * that is interrupted never gets here.
 */
const interruptedBefore = (fiber: FiberInternals): boolean =>
  (fiber.currentRuntimeFlags & RuntimeFlags.Interruption) === 0 && fiber.isInterrupted()

/** The end of a wait that failed (`flags`: the fiber's flags before the wait, or UNTOUCHED). */
const failedWait = <E>(fiber: FiberInternals, flags: number, cause: Cause.Cause<E>): Effect.Effect<never, E> => {
  if (flags === UNTOUCHED) return Effect.failCause(cause)
  fiber.currentRuntimeFlags = flags
  // the failure (a timeout, a destroy, a cancelled future) raced with an interruption
  // (removeThread): the task ends as interrupted, as Copas drops a removed coroutine
  // silently, not with an error for its handler
  return Effect.failCause(fiber.isInterrupted() ? fiber.getInterruptedCause() : cause)
}

/** The end of a wait that was served. */
const endedWait = <A, E, W extends Waiter<A, E>>(
  fiber: FiberInternals,
  flags: number,
  w: W,
  host: Host<A, E, W>,
  a: A
): Effect.Effect<A, E> => {
  if (flags === UNTOUCHED) return Effect.succeed(a) // served at once: the flags were not touched
  fiber.currentRuntimeFlags = flags
  if (fiber.isInterrupted()) {
    // the hand-off raced with an interruption: give the resource back, end as interrupted
    host.onInterrupt(w)
    return Effect.failCause(fiber.getInterruptedCause())
  }
  return Effect.succeed(a)
}

/**
 * The wait of a task's fiber, built once: its registration, interruptor and continuations take the
 * waiter from the fiber's `copasWaiter` slot (the registration and the continuations run on that
 * fiber, the interruptor is called as the fiber's method). Why: the closures, the `Async` and
 * match instructions that `suspend` builds per wait otherwise are ~8 allocations of every
 * contended lock cycle (W3) and semaphore hand-off (W4). Same steps as the general path above.
 */
function registerShared(resume: (effect: Effect.Effect<unknown, unknown>) => void): void {
  const fiber = currentFiber() as unknown as SlotFiber
  const w = fiber.copasWaiter!
  const host = w.host!
  w.resume = resume
  if (interruptedBefore(fiber)) return resume(Effect.failCause(fiber.getInterruptedCause()))
  const now = host.tryNow(w)
  if (now !== undefined) return resume(now)
  w.state = WAITING
  const list = host.enqueue(w)
  w.d.park(w.task)
  if (w.ms !== Infinity) list.armTimeout(w, w.start + w.ms, host)
  const flags = fiber.currentRuntimeFlags
  w.flags = flags
  fiber.currentRuntimeFlags = flags & ~RuntimeFlags.Interruption
  fiber._asyncInterruptor = interruptShared
}

function interruptShared(this: SlotFiber, exit: unknown): void {
  const w = this.copasWaiter!
  w.host!.onInterrupt(w)
  w.resume!(exit as Effect.Effect<unknown, unknown>)
}

const sharedFailed = (cause: Cause.Cause<unknown>): Effect.Effect<unknown, unknown> => {
  const fiber = currentFiber() as unknown as SlotFiber
  const w = fiber.copasWaiter
  fiber.copasWaiter = null
  return failedWait(fiber, w ? w.flags : UNTOUCHED, cause)
}

const sharedEnded = (a: unknown): Effect.Effect<unknown, unknown> => {
  const fiber = currentFiber() as unknown as SlotFiber
  const w = fiber.copasWaiter
  fiber.copasWaiter = null
  // (`w` is always there: the slot is set just before this frame is pushed and emptied only here
  // and in `sharedFailed`. A slot can stay set the other way round, when the fiber is interrupted
  // in a pre-emption before the wait starts: its later waits then take the general path.)
  return w ? endedWait(fiber, w.flags, w, w.host!, a) : Effect.succeed(a)
}

/**
 * The options of `Effect.matchCauseEffect` as a class. Why: an object literal with arrow
 * properties makes esbuild's keepNames (tsx) rename each arrow on every call, which costs more
 * than the whole wait.
 */
class Match<A, E> {
  constructor(
    readonly onFailure: (cause: Cause.Cause<E>) => Effect.Effect<A, E>,
    readonly onSuccess: (a: A) => Effect.Effect<A, E>
  ) {}
}

interface FiberInternals {
  _asyncInterruptor: ((exit: unknown) => void) | null
  /** a bit set (`RuntimeFlags.RuntimeFlags` is a branded number) */
  currentRuntimeFlags: number
  isInterrupted(): boolean
  getInterruptedCause(): Cause.Cause<never>
}

/** A task's fiber (the dispatcher's fiber class): `copasWaiter` is null when it is not waiting. */
interface SlotFiber extends FiberInternals {
  copasWaiter: Waiter<any, any> | null | undefined
}

/** The shared wait (undefined when Effect's instructions are not as expected: the general path). */
const sharedWait: Effect.Effect<unknown, unknown> | undefined = (() => {
  const wait = asyncNoCancel<unknown, unknown>(registerShared)
  if ((wait as unknown as { _op?: unknown })._op !== "Async") return undefined
  return Effect.matchCauseEffect(wait, new Match<unknown, unknown>(sharedFailed, sharedEnded))
})()

/**
 * A FIFO of waiters with lazy removal: a waiter that left (timed out, interrupted) stays in the
 * ring flagged `GONE` and is skipped; the ring is compacted when gone waiters outnumber live ones.
 *
 * Timeouts go in a lane: waiters whose deadlines arrive in FIFO order (every wait with the
 * primitive's default timeout) share one heap entry, armed no later than the first one's deadline.
 * A hand-off then touches no timer at all; when the entry fires it times out the due waiters and
 * re-arms for the next. Why: one heap insert and removal per contended wait cost a third of a
 * lock cycle (W3, 100 waiters). A deadline earlier than the lane's last, or a waiter of another
 * host than the lane's, gets its own entry.
 */
export class WaitList<W extends Waiter<any, any>> {
  readonly ring = new Ring<W>()
  /** live (WAITING) waiters */
  live = 0
  /** the lane's heap entry (in the heap while `laneCount > 0`) */
  private laneEntry: Entry | undefined = undefined
  /** waiters in the lane that are still WAITING */
  private laneCount = 0
  /** the deadline of the last waiter that joined the lane */
  private laneLast = -Infinity
  private laneHost: Host<any, any, W> | undefined = undefined

  /** Arms the timeout of `w` (just pushed and WAITING) for `deadline`. */
  armTimeout(w: W, deadline: number, host: Host<any, any, W>): void {
    const sched = w.d.scheduler
    w.deadline = deadline
    // a deadline out of order, or a waiter whose timeout another host handles (Queue.finish makes
    // a host per call: its own noDestroyOnTimeout), gets an entry of its own
    if (deadline < this.laneLast || (this.laneCount > 0 && host !== this.laneHost)) {
      w.entry = sched.addTimer(deadline, TIMEOUT, () => host.onTimeout(w))
      return
    }
    this.laneLast = deadline
    this.laneHost = host
    w.lane = this
    sched.heap.counts[TIMEOUT]!++ // a lane waiter counts as a pending timeout (Copas.status)
    if (this.laneCount++ === 0) {
      if (this.laneEntry === undefined) this.laneEntry = sched.addTimer(deadline, LANE, this.fireLane(sched))
      else sched.readdTimer(this.laneEntry, deadline)
    }
  }

  /** A lane waiter stopped waiting (granted, timed out, gone). */
  leaveLane(w: W): void {
    const sched = w.d.scheduler
    sched.heap.counts[TIMEOUT]!--
    if (--this.laneCount === 0) {
      // nothing is left to time out: the entry must not keep the loop alive or fire late
      sched.removeTimer(this.laneEntry!)
      this.laneLast = -Infinity
    }
  }

  /** The lane's entry is due: time out the due lane waiters, re-arm for the next one. */
  private fireLane(sched: { now(): number; readdTimer(e: Entry, at: number): void }): () => void {
    return () => {
      const now = sched.now()
      const ring = this.ring
      let due: Array<W> | undefined
      let next = Infinity
      for (let i = 0; i < ring.length; i++) {
        const w = ring.at(i)!
        if (w.state !== WAITING || w.lane !== this) continue
        if (w.deadline > now) {
          next = w.deadline
          break
        }
        ;(due ??= []).push(w)
      }
      if (next !== Infinity) sched.readdTimer(this.laneEntry!, next)
      if (due !== undefined) for (const w of due) this.laneHost!.onTimeout(w)
    }
  }

  push(w: W): void {
    this.ring.push(w)
    this.live++
  }

  /** The first live waiter (gone ones in front are dropped), or undefined. */
  first(): W | undefined {
    const ring = this.ring
    let w = ring.peek()
    while (w !== undefined && w.state !== WAITING) {
      ring.shift()
      w = ring.peek()
    }
    return w
  }

  /** Removes and returns the first live waiter (still WAITING: the caller settles it). */
  next(): W | undefined {
    const w = this.first()
    if (w !== undefined) {
      this.ring.shift()
      this.live--
    }
    return w
  }

  /** A waiter left the list by itself (timeout, interruption). */
  left(): void {
    this.live--
    const ring = this.ring
    if (ring.length > 64 && this.live * 2 < ring.length) ring.filter((w) => w.state === WAITING)
    else if (this.live === 0 && ring.length > 0) ring.drain()
  }

  /** Removes every live waiter and returns them (destroy). */
  takeAll(): Array<W> {
    const all = this.ring.drain().filter((w) => w.state === WAITING)
    this.live = 0
    return all
  }

  /** The primitive was destroyed: every live waiter fails with `DestroyedError` (with `waited`). */
  destroyAll(): void {
    for (const w of this.takeAll()) {
      w.settle(GONE)
      w.resume!(Effect.fail(new DestroyedError({ waited: w.waited() })))
    }
  }
}

/** Whether the running fiber is interruptible now. */
export const interruptible = (status: FiberStatus.Running): boolean => RuntimeFlags.interruption(status.runtimeFlags)

/** Makes a waiter for the current fiber. */
export const makeWaiter = <A, E>(
  d: Dispatcher,
  fiber: Fiber.RuntimeFiber<unknown, unknown>,
  n: number
): Waiter<A, E> => new Waiter<A, E>(d, fiber, taskOf(fiber), d.scheduler.now(), n)

/**
 * Validates a timeout argument (Copas's assert): a number ≥ 0 (milliseconds) or a Duration;
 * `Infinity` waits forever. Throws (a defect) with Copas's message otherwise.
 */
export const timeoutMillis = (input: unknown, argument: string): number => {
  let ms: number
  if (typeof input === "number") ms = input
  else {
    try {
      ms = Duration.toMillis(Duration.decode(input as Duration.DurationInput))
    } catch {
      ms = NaN
    }
  }
  if (!(ms >= 0)) {
    throw new TypeError(
      `expected timeout (${argument} argument) to be a number greater than or equal to 0, got: ${String(input)}`
    )
  }
  return ms
}

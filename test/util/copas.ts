/**
 * Helpers shared by the dispatcher-level suites (Copas, Timer, Lock, Semaphore, Queue, Future).
 */
import { assert } from "@effect/vitest"
import { Cause, type Context, Effect, Exit, Fiber, Option, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"

/** The dispatcher (the value of the `Copas.Copas` tag). */
export type Dispatcher = Context.Tag.Service<typeof Copas.Copas>

/** Runs `init` in a fresh dispatcher (forked, so the test can move the TestClock). */
export const start = <A, E, R>(init: Effect.Effect<A, E, R>) => Effect.fork(Copas.run(init))

/** The failure (or defect) of an exit, as a readable string. */
export const failure = <A, E>(exit: Exit.Exit<A, E>): string =>
  Exit.isFailure(exit) ? Cause.pretty(exit.cause) : "success"

/** The typed error of a failed exit (asserts that it failed with one). */
export const errorOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  assert.isTrue(Exit.isFailure(exit), "expected a failure")
  const e = Cause.failureOption((exit as Exit.Failure<A, E>).cause)
  assert.isTrue(e._tag === "Some", `expected a typed failure, got ${failure(exit)}`)
  return (e as { value: E }).value
}

/**
 * Waits (in real time) until the dispatcher has nothing ready to run. TestClock.adjust does not
 * wait for the tasks that a time step makes ready; with thousands of them, step by step it is.
 */
export const settle = (d: () => Dispatcher | undefined, turns = 1) =>
  Effect.promise(() =>
    new Promise<void>((resolve) => {
      // `turns` calm turns in a row (the memory network delivers in `setImmediate`: a socket
      // model waits for its bytes to land too)
      let calm = 0
      const poll = () => {
        const disp = d()
        if (disp !== undefined && disp.scheduler.pending === 0) calm++
        else calm = 0
        if (calm >= turns) resolve()
        else setImmediate(poll)
      }
      setImmediate(poll)
    })
  )

/** Pending timeouts and parked waits of the dispatcher: both 0 when nothing leaked. */
export const leftovers = Effect.map(Copas.status(), (s) => ({ timeout: s.timeout, inactive: s.inactive }))

/** A few real milliseconds: the in-memory network delivers (the TestClock stands still). */
export const settleMemory = Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 10)))

/** A primitive's internal wait list (`live` waiters, `ring` length): to prove that nothing stays behind. */
export const waitList = (primitive: object, field = "waiters"): { live: number; ring: number } => {
  const w = (primitive as unknown as Record<string, { live: number; ring: { length: number } }>)[field]!
  return { live: w.live, ring: w.ring.length }
}

/**
 * A seeded pseudo-random source (Park–Miller): `rnd(n)` is an integer in [0, n). The same seed
 * gives the same sequence on every run, so a random plan is a fixed test.
 */
export const seeded = (seed: number) => {
  let x = seed
  return (n: number): number => {
    x = (x * 16807) % 2147483647
    return x % n
  }
}

export interface PlannedWaiter {
  readonly i: number
  /** when it calls get (ms from the start) */
  readonly arrive: number
  /** the timeout argument: undefined = the lock's default (10 s) */
  readonly timeout: number | undefined
  readonly hold: number
  /** permits it takes (1 for a lock) */
  readonly n: number
  /** set only when the model has it still waiting then */
  interruptAt: number | undefined
}

/** What the model says happens to a waiter: served, timed out or interrupted, at `t`. */
export interface Outcome {
  readonly i: number
  readonly kind: "got" | "TimeoutError" | "interrupted"
  readonly t: number
  /** ms since it asked */
  readonly waited: number
  /** a queue's item it got (the n-th push, from 0) */
  readonly item?: number | undefined
}

/**
 * A random plan (fixed seed, so the same every run) and what Copas's rules make of it for a lock
 * (`capacity` 1) or a semaphore: bursts of waiters taking 1..`maxTake` permits, with the default
 * timeout (10 s), a shorter or longer one, or none; some interrupted while they wait. Requests are
 * served in strict FIFO order (a request that does not fit blocks the ones behind it), each timeout
 * fires at its own deadline. `times` are the instants at which something happens (no two events
 * share a millisecond: seeds that would are skipped).
 *
 * With `pushes` > 0 it is a queue's plan instead: `capacity` 0, and `pushes` items per burst are
 * pushed at the planned `pushTimes`; a waiter (a pop) takes one item and keeps it, so the n-th
 * waiter served gets the n-th item.
 */
export const waitPlan = (capacity = 1, maxTake = 1, pushes = 0) => {
  for (let seed = 1; ; seed++) {
    const rnd = seeded(seed)
    const waiters: Array<PlannedWaiter> = []
    let i = 0
    for (let burst = 0; burst < 12; burst++) {
      const base = burst * 60_000 + 1
      for (let k = 0; k < 18; k++) {
        const kind = rnd(10)
        const timeout = kind < 5 ? undefined : kind < 7 ? 500 + rnd(9_000) : kind < 9 ? 10_000 + rnd(10_000) : Infinity
        const n = 1 + rnd(maxTake)
        waiters.push({ i: i++, arrive: base + rnd(3_000), timeout, hold: 100 + rnd(1_400), n, interruptAt: undefined })
      }
    }
    // interruptions: some waiters, at some time after they arrive
    const interrupts = new Map<number, number>()
    for (const w of waiters) if (rnd(8) === 0) interrupts.set(w.i, w.arrive + 1 + rnd(12_000))
    const pushTimes: Array<number> = []
    for (let burst = 0; burst < 12; burst++) {
      for (let k = 0; k < pushes; k++) pushTimes.push(burst * 60_000 + 1 + rnd(20_000))
    }
    pushTimes.sort((a, b) => a - b)
    // the simulation: events in time order
    const events: Array<{ t: number; kind: "arrive" | "release" | "deadline" | "interrupt" | "push"; i: number }> = []
    for (const w of waiters) events.push({ t: w.arrive, kind: "arrive", i: w.i })
    for (const [wi, t] of interrupts) events.push({ t, kind: "interrupt", i: wi })
    pushTimes.forEach((t, k) => events.push({ t, kind: "push", i: k }))
    const queue: Array<number> = []
    let free = capacity
    const expected: Array<Outcome> = []
    const counts = { got: 0, timeout: 0, interrupted: 0 }
    const happened: Array<number> = []
    const grant = (wi: number, t: number) => {
      const w = waiters[wi]!
      free -= w.n
      // a queue's items go out in the order they came, one per pop served
      expected.push({ i: wi, kind: "got", t, waited: t - w.arrive, item: pushes > 0 ? counts.got : undefined })
      counts.got++
      if (pushes === 0) events.push({ t: t + w.hold, kind: "release", i: wi })
    }
    /** serves the queue from its head while the head request fits */
    const serve = (t: number) => {
      while (queue.length > 0 && waiters[queue[0]!]!.n <= free) grant(queue.shift()!, t)
    }
    for (;;) {
      events.sort((a, b) => a.t - b.t)
      const e = events.shift()
      if (e === undefined) break
      if (e.kind === "push") {
        happened.push(e.t)
        free++
        serve(e.t)
        continue
      }
      const w = waiters[e.i]!
      if (e.kind === "arrive") {
        happened.push(e.t)
        if (queue.length === 0 && w.n <= free) grant(e.i, e.t)
        else {
          queue.push(e.i)
          const ms = w.timeout ?? 10_000
          if (ms !== Infinity) events.push({ t: e.t + ms, kind: "deadline", i: e.i })
        }
      } else if (e.kind === "release") {
        happened.push(e.t)
        free += w.n
        serve(e.t)
      } else {
        const at = queue.indexOf(e.i)
        if (at < 0) continue // served or gone already: nothing happens
        happened.push(e.t)
        queue.splice(at, 1)
        if (e.kind === "deadline") {
          expected.push({ i: e.i, kind: "TimeoutError", t: e.t, waited: e.t - w.arrive })
          counts.timeout++
        } else {
          w.interruptAt = e.t
          expected.push({ i: e.i, kind: "interrupted", t: e.t, waited: e.t - w.arrive })
          counts.interrupted++
        }
        // the head leaving may let the requests behind it through
        serve(e.t)
      }
    }
    const times = [...new Set(happened)].sort((a, b) => a - b)
    if (times.length === happened.length) return { waiters, expected, times, counts, pushTimes }
  }
}

/**
 * Moves the TestClock to each of `times` (ms from now, ascending) in turn, letting the dispatcher
 * settle before each step, and then 20 s further (the model checks' driver).
 */
export const stepThrough = (times: ReadonlyArray<number>, d: () => Dispatcher | undefined) =>
  Effect.gen(function*() {
    let now = 0
    for (const t of times) {
      yield* settle(d)
      yield* TestClock.adjust(t - now)
      now = t
    }
    yield* settle(d)
    yield* TestClock.adjust(20_000)
  })

/**
 * The model checks' verdict: every waiter's line in `seen` (as {@link runPlan} writes them) is the
 * model's outcome for it, and the hand-offs came in the model's order. `got` gives the end of a
 * "got" line (what the waiter received, as `runPlan`'s `acquire` reports it).
 */
export const assertOutcomes = (
  seen: ReadonlyArray<string>,
  outcomes: ReadonlyArray<Outcome>,
  got: (o: Outcome) => string = () => ""
): void => {
  const expected = outcomes.map((o) =>
    o.kind === "got"
      ? `${o.i} got ${o.t}${got(o)}`
      : o.kind === "interrupted"
      ? `${o.i} interrupted ${o.t}`
      : `${o.i} ${o.kind} ${o.t} waited ${o.waited}`
  )
  const byWaiter = (l: ReadonlyArray<string>) => [...l].sort((a, b) => Number(a.split(" ")[0]) - Number(b.split(" ")[0]))
  assert.deepStrictEqual(byWaiter(seen), byWaiter(expected))
  assert.deepStrictEqual(seen.filter((l) => l.includes(" got ")), expected.filter((l) => l.includes(" got ")))
}

/**
 * Runs a plan's waiters as tasks (the model checks): each sleeps until it arrives, asks with
 * `acquire` (which succeeds with what its "got" line ends with), holds, then `release`s; the
 * planned interruptions are made by tasks of their own. Every outcome is a line in `seen`:
 * `"<i> got <ms>..."`, `"<i> <error tag> <ms> waited <ms>"` or `"<i> interrupted <ms>"`.
 */
export const runPlan = (
  waiters: ReadonlyArray<PlannedWaiter>,
  seen: Array<string>,
  acquire: (w: PlannedWaiter) => Effect.Effect<string, { readonly _tag: string; readonly waited?: number | undefined }>,
  release: (w: PlannedWaiter) => Effect.Effect<unknown, unknown>
): Effect.Effect<void, unknown, Copas.Copas> =>
  Effect.gen(function*() {
    const ms = Effect.map(Copas.getTime, (t) => Math.round(t * 1000))
    const tasks: Array<Copas.Task> = []
    for (const w of waiters) {
      tasks.push(yield* Copas.addThread(Effect.gen(function*() {
        yield* Copas.sleep(w.arrive)
        const exit = yield* Effect.exit(acquire(w))
        const t = yield* ms
        if (Exit.isSuccess(exit)) {
          seen.push(`${w.i} got ${t}${exit.value}`)
          yield* Copas.sleep(w.hold)
          yield* release(w)
        } else {
          const e = errorOf(exit)
          seen.push(`${w.i} ${e._tag} ${t} waited ${e.waited}`)
        }
      }).pipe(Effect.onInterrupt(() => Effect.map(ms, (t) => seen.push(`${w.i} interrupted ${t}`))))))
    }
    for (const w of waiters) {
      if (w.interruptAt !== undefined) {
        yield* Copas.addThread(Effect.zipRight(Copas.sleep(w.interruptAt), Copas.removeThread(tasks[w.i]!)))
      }
    }
  })

/**
 * Moves the TestClock `stepMs` at a time, letting the dispatcher settle between steps, until
 * `fiber` (a dispatcher's run) is done, at most `maxMs` of virtual time. Returns whether it is
 * done (a run that hangs is left running: it may not be interruptible either).
 */
export const driveFor = <A, E>(fiber: Fiber.RuntimeFiber<A, E>, d: () => Dispatcher | undefined, stepMs = 5, maxMs = 20_000) =>
  Effect.gen(function*() {
    for (let t = 0; t < maxMs && fiber.unsafePoll() === null; t += stepMs) {
      yield* settle(d)
      yield* TestClock.adjust(stepMs)
    }
    return fiber.unsafePoll() !== null
  })

/** {@link driveFor}, then joins the run. */
export const runToEnd = <A, E>(fiber: Fiber.RuntimeFiber<A, E>, d: () => Dispatcher | undefined, stepMs = 5, maxMs = 20_000) =>
  Effect.zipRight(driveFor(fiber, d, stepMs, maxMs), Fiber.join(fiber))

/**
 * Makes the scheduler pre-empt the running fiber `ops` instructions from now: its op counter is
 * set so that it passes the scheduler's limit (2048) then. Sweeping `ops` over a range moves the
 * pre-emption across each instruction of what follows (a deterministic "yield right here").
 */
export const preemptIn = (ops: number) =>
  Effect.sync(() => {
    const fiber = Option.getOrThrow(Fiber.getCurrentFiber()) as unknown as { currentOpCount: number }
    fiber.currentOpCount = 2048 - ops
  })

/**
 * Helpers shared by the dispatcher-level suites (Copas, Timer, Lock, Semaphore, Queue, Future).
 */
import { assert } from "@effect/vitest"
import { Cause, type Context, Effect, Exit } from "effect"
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
export const settle = (d: () => Dispatcher | undefined) =>
  Effect.promise(() =>
    new Promise<void>((resolve) => {
      const poll = () => {
        const disp = d()
        return disp !== undefined && disp.scheduler.pending === 0 ? resolve() : setImmediate(poll)
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

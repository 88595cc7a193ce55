/**
 * `Effect.raceFirst` without Effect 3.22's window between creating the two fibers and starting
 * them.
 *
 * Why: `raceFibersWith` (behind `Effect.race`, `raceFirst`, `raceWith`) makes both child fibers in
 * one instruction and starts them in the registration of the next. A fiber pre-empted between the
 * two (every 2048 instructions, or when a timer is due) and interrupted while it is queued
 * (`removeThread`, `cancelAll`) never starts them, and its exit then waits for children that never
 * run: the task, the loop and the dispatcher's shutdown hang (ZIO had the same bug, zio#10255).
 * Here each child is forked, and so started, by its own instruction, inside an uninterruptible
 * region; only the wait for the first result is interruptible (if the caller is), and the
 * children always are. Used for the library's own races (connect, TLS deadlines, `step`); not a
 * hot path (a Deferred and two forks per race).
 *
 * @internal
 */
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"

/**
 * The first of `self` and `that` to end (success or failure) decides the result; the other is
 * interrupted, and awaited, as with `Effect.raceFirst`.
 */
export const raceFirst = <A, E, R, A2, E2, R2>(
  self: Effect.Effect<A, E, R>,
  that: Effect.Effect<A2, E2, R2>
): Effect.Effect<A | A2, E | E2, R | R2> =>
  Effect.uninterruptibleMask((restore) =>
    Effect.flatMap(Deferred.make<Exit.Exit<A | A2, E | E2>>(), (first) => {
      const settle = (exit: Exit.Exit<A | A2, E | E2>) => Deferred.succeed(first, exit)
      // (the children are interruptible also in an uninterruptible caller, e.g. a connect in an
      // `acquireRelease`'s acquire: the loser must end when interrupted, or the race waits for
      // it, for good for a close waiter; only the caller's wait keeps the caller's flags)
      return Effect.flatMap(Effect.fork(Effect.onExit(Effect.interruptible(self), settle)), (left) =>
        Effect.flatMap(Effect.fork(Effect.onExit(Effect.interruptible(that), settle)), (right) =>
          restore(Deferred.await(first)).pipe(
            Effect.ensuring(Fiber.interruptAll([left, right])),
            Effect.flatten
          )))
    })
  )

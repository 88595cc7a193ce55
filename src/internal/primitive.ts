/**
 * Effect's instruction class. Effect 3 does not export it; the hot paths build their own
 * instructions with it (a no-canceler `Async`, socket calls as `Commit`s), as Effect's own
 * constructors do. Taken from a live primitive, in one place, so an Effect upgrade that changes
 * it shows up here (package-lock pins effect 3.22.4; see the README's notes on internals).
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import * as RuntimeFlags from "effect/RuntimeFlags"

/** An instruction as built by Effect's constructors: `_op` plus its operands. */
export type Instruction = Record<string, unknown>

const probe = Effect.yieldNow() as unknown as { _op?: unknown; constructor: new(op: string) => Instruction }

/**
 * The class, or `undefined` when Effect's instructions are not what this code expects (a bare
 * `yieldNow` must be an instruction with `_op` "Yield"); callers then use the public API.
 */
export const EffectPrimitive: (new(op: string) => Instruction) | undefined = probe._op === "Yield"
  ? probe.constructor
  : undefined

/**
 * The running fiber: the one Effect's run loop publishes in `globalThis["effect/FiberCurrent"]`
 * while it runs (what `Fiber.getCurrentFiber` reads). Read by instructions that need the fiber
 * without `withFiberRuntime` (which builds a fiber-status object and a closure each time).
 */
export const currentFiber = (): Fiber.RuntimeFiber<unknown, unknown> | undefined =>
  (globalThis as unknown as Record<string, Fiber.RuntimeFiber<unknown, unknown> | undefined>)[CURRENT_FIBER]
/** the global under which Effect publishes the running fiber */
export const CURRENT_FIBER = "effect/FiberCurrent"

/**
 * `Effect.withFiberRuntime` for a body that needs the fiber but not its status: Effect builds a
 * `FiberStatus` object on every run of the former (three per contended lock cycle, W3). The body
 * runs in a `suspend`, on the fiber Effect publishes as running.
 */
export const withFiber = <A, E, R>(
  body: (fiber: Fiber.RuntimeFiber<unknown, unknown>) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> =>
  Effect.suspend(() => {
    const fiber = currentFiber()
    return fiber !== undefined ? body(fiber) : Effect.withFiberRuntime((f) => body(f as Fiber.RuntimeFiber<unknown, unknown>))
  })

/** Whether `fiber` (the running one) is interruptible now. */
export const isInterruptible = (fiber: Fiber.RuntimeFiber<unknown, unknown>): boolean =>
  RuntimeFlags.interruption((fiber as unknown as { currentRuntimeFlags: RuntimeFlags.RuntimeFlags }).currentRuntimeFlags)

/**
 * `Effect.async` for a wait with no canceler, as Effect builds it underneath (its `Async` op:
 * `register` gets the fiber's resume callback). `Effect.async` wraps that op in a commit op that
 * allocates a resume proxy and three closures per wait (~250 bytes), and with a canceler an
 * interruption wrapper (3 stack frames): every sleep and park of a registered task and every socket
 * wait of a connection's owner task would pay it. Only for waits that need no canceler. Falls back
 * to `Effect.async` if the op is not as expected.
 */
export const asyncNoCancel = <A, E = never>(
  register: (resume: (effect: Effect.Effect<A, E>) => void) => void
): Effect.Effect<A, E> => {
  if (EffectPrimitive === undefined) return Effect.async<A, E>((resume) => register(resume))
  const op = new EffectPrimitive("Async")
  op.effect_instruction_i0 = register
  op.effect_instruction_i1 = FiberId.none
  return op as unknown as Effect.Effect<A, E>
}

/**
 * `Effect.async` with a canceler, whose registration runs in the `Async` instruction itself, inside
 * the canceler's frame. Why: `Effect.async` calls `register` one instruction before its `Async` op
 * and installs the canceler (`onInterrupt`) a few instructions later; a fiber pre-empted in between
 * (op count, a due timer) and interrupted while queued (removeThread, cancelAll) never runs the
 * canceler, and its registration stays behind (a parked count, a socket's reader count, a waiter in
 * a list). For cold waits only: a closure and an `onInterrupt` frame per wait.
 */
export const asyncCancel = <A, E = never>(
  register: (resume: (effect: Effect.Effect<A, E>) => void) => Effect.Effect<void> | void
): Effect.Effect<A, E> =>
  Effect.suspend(() => {
    let canceler: Effect.Effect<void> | void = undefined
    return Effect.onInterrupt(
      asyncNoCancel<A, E>((resume) => {
        canceler = register(resume)
      }),
      () => canceler ?? Effect.void
    )
  })

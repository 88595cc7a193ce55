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

/**
 * A task fiber's run loop: Effect 3's `FiberRuntime.runLoop`, `Success` and `Sync`, the same logic
 * with the instruction dispatched by a `switch` on its `_op`.
 *
 * Why: Effect runs each instruction as `this[cur._op](cur)` and each continuation as
 * `contOpSuccess[cont._op](...)`: keyed loads with a dozen different keys, which V8 serves from
 * its megamorphic stub cache on every instruction (6 % of W3's samples in `perf`). A `switch` on
 * the string makes each call a plain method call. Measured: W4 hand-off 720 → 520 ns, W5 queue
 * item 220 → 150 ns, W3 lock cycle −20 %. And the user's code a continuation, a `Commit` or a
 * `WithRuntime` runs is called under one named frame ({@link call}), not under a closure made for
 * each instruction as Effect's `internalCall(() => ...)` does: W4 a further −10 %.
 *
 * What differs from Effect's loop, on purpose:
 * - Effect checks every instruction for an Effect of another version (a warning to dedupe
 *   packages); that look-up alone cost 10 % of a hand-off. Here the effect a run starts with is
 *   checked (a run that starts with a foreign one is left to Effect's own loop, which warns), and
 *   so is every instruction outside the dozen common kinds. A common kind from another Effect
 *   copy in the middle of a run is run without the warning; so would a hand-made object that
 *   imitates one (`{ _op: "Success", ... }`), where Effect's check fails with a TypeError.
 * - a tracer whose `context` is not the native one (OpenTelemetry's) is still called around every
 *   instruction, as Effect does.
 * - a falsy frame on the fiber's stack (only code that pushes onto Effect's `_stack` by hand can
 *   make one) is not skipped as Effect's `popStack` does: testing for it slowed hand-offs.
 *
 * Everything it needs from Effect's internals is probed first ({@link withSwitchDispatch} returns
 * `undefined` and Effect's methods stay when anything differs).
 *
 * @internal
 */
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as FiberStatus from "effect/FiberStatus"
import { globalValue } from "effect/GlobalValue"
import type * as FiberRef from "effect/FiberRef"
import * as Inspectable from "effect/Inspectable"
import type * as LogLevel from "effect/LogLevel"
import type * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as RuntimeFlags from "effect/RuntimeFlags"
import * as Tracer from "effect/Tracer"
import { yieldWrapGet } from "effect/Utils"

/** The marker a run-loop step returns when the fiber suspends or ends (Effect's `YieldedOp`). */
const YieldedOp = Symbol.for("effect/internal/fiberRuntime/YieldedOp")
const channelKey = "effect/internal/fiberRuntime/yieldedOpChannel"
const mismatchLevelKey = Symbol.for("effect/FiberRef/versionMismatchErrorLogLevel")
const EffectTypeId = Effect.EffectTypeId
const nativeContext = Context.get(DefaultServices.liveServices, Tracer.Tracer).context

type Op = any

/** The version tag of an Effect value (`undefined` when it is not one). */
const versionOf = (effect: Op): unknown => effect?.[EffectTypeId]?._V

/**
 * operands of {@link call} besides 0–2: a generator's `next(value)`, a Commit, a WithRuntime, and
 * a while loop's body (`i1()`, called without an argument, as Effect does)
 */
const NEXT = 3
const COMMIT = 4
const WITH_RUNTIME = 5
const WHILE_BODY = 6

/**
 * Calls operand `i` of instruction `cont` (`i0()`, `i1(value)` or `i2(value)`): the user's code a
 * continuation runs. Effect wraps each such call in `internalCall(() => ...)`, a closure per
 * instruction, so that the call sits under a frame named `effect_internal_function`: Effect's
 * pretty stack traces end there. This frame has that name too, and takes no closure (W4's
 * hand-off −13 %).
 */
const { effect_internal_function: call } = {
  effect_internal_function(cont: Op, i: number, value?: unknown): Op {
    switch (i) {
      case 0:
        return cont.effect_instruction_i0()
      case 1:
        return cont.effect_instruction_i1(value)
      case 2:
        return cont.effect_instruction_i2(value)
      case NEXT:
        return cont.effect_instruction_i0.next(value)
      case COMMIT:
        return cont.commit()
      case WHILE_BODY:
        return cont.effect_instruction_i1()
      default: // WITH_RUNTIME: `value` is the fiber
        return cont.effect_instruction_i0(value, FiberStatus.running((value as Op).currentRuntimeFlags))
    }
  }
}

/** The rest of a `While` loop after its body succeeded (Effect's `contOpSuccess.While`). */
const whileStep = (fiber: Op, cont: Op, value: unknown): unknown => {
  call(cont, 2, value)
  if (call(cont, 0)) {
    fiber.pushStack(cont)
    return call(cont, WHILE_BODY)
  }
  return Effect.void
}

/** The next step of a generator (`Effect.gen`) after a success (Effect's `contOpSuccess.Iterator`). */
const iteratorStep = (fiber: Op, cont: Op, value: unknown): unknown => {
  for (;;) {
    const state = call(cont, NEXT, value)
    if (state.done) return Exit.succeed(state.value)
    const primitive = yieldWrapGet(state.value) as Op
    if (!Exit.isExit(primitive)) {
      fiber.pushStack(cont)
      return primitive
    } else if (primitive._tag === "Failure") {
      return primitive
    }
    value = primitive.value
  }
}

/** what {@link continueWith} returns when the frame on top is not one it runs */
const OTHER_FRAME = Symbol("effect-copas/runLoop/otherFrame")

/**
 * Runs the frame on top of `fiber`'s stack with a success `value` when it is one of the common
 * ones (`flatMap`, `matchCauseEffect`, `whileLoop`, `Effect.gen`), popping it; else `OTHER_FRAME`.
 */
const continueWith = (fiber: Op, value: unknown): Op => {
  const stack = fiber._stack as Array<Op>
  const cont = stack[stack.length - 1]
  if (cont !== undefined) {
    switch (cont._op) {
      case "OnSuccess":
        stack.pop()
        return call(cont, 1, value)
      case "OnSuccessAndFailure":
        stack.pop()
        return call(cont, 2, value)
      case "While":
        stack.pop()
        return whileStep(fiber, cont, value)
      case "Iterator":
        stack.pop()
        return iteratorStep(fiber, cont, value)
    }
  }
  return OTHER_FRAME
}

/**
 * Returns `Base` extended with the switch-dispatched run loop, or `undefined` when Effect's fiber
 * is not what this code expects (`live` is a running fiber of that class).
 */
export const withSwitchDispatch = <C extends abstract new(...args: Array<any>) => any>(
  Base: C,
  live: Op
): C | undefined => {
  const proto = Base.prototype
  const methods = [
    "runLoop",
    "Success",
    "Sync",
    "Failure",
    "Async",
    "Yield",
    "OnSuccess",
    "OnFailure",
    "OnSuccessAndFailure",
    "WithRuntime",
    "UpdateRuntimeFlags",
    "While",
    "Iterator",
    "Commit",
    "pushStack",
    "drainQueueWhileRunning",
    "patchRuntimeFlags",
    "isInterrupted",
    "getInterruptedCause"
  ]
  if (methods.some((m) => typeof proto[m] !== "function")) return undefined
  if (!Array.isArray(live?._stack) || typeof live.currentOpCount !== "number" || typeof nativeContext !== "function") {
    return undefined
  }
  const VERSION = versionOf(Effect.void)
  // the channel through which a step hands the fiber its suspension or exit: probe that `Yield`
  // writes the op there and returns the marker (a bare object as `this`: no fiber is touched)
  const channel = globalValue(channelKey, () => undefined) as { currentOp: unknown } | undefined
  if (VERSION === undefined || channel === undefined || !("currentOp" in channel)) return undefined
  const probeOp = { _op: "Yield" }
  const saved = channel.currentOp
  const marker = proto.Yield.call({ _isYielding: true }, probeOp)
  const wrote = channel.currentOp === probeOp
  channel.currentOp = saved
  if (marker !== YieldedOp || !wrote) return undefined

  const OpSupervision = RuntimeFlags.OpSupervision as number
  const yielded: { currentOp: unknown } = channel
  // Effect's warning about an Effect of another version, as its loop logs it
  const mismatchLevel = globalValue(mismatchLevelKey, () => undefined) as FiberRef.FiberRef<Option.Option<LogLevel.LogLevel>> | undefined
  if (mismatchLevel === undefined) return undefined
  const warnVersion = (fiber: Op, cur: Op): void => {
    const level = fiber.getFiberRef(mismatchLevel) as Option.Option<LogLevel.LogLevel>
    if (level._tag === "Some") {
      fiber.log(
        `Executing an Effect versioned ${cur[EffectTypeId]._V} with a Runtime of version ${VERSION}, you may want to dedupe the effect dependencies, you can use the language service plugin to detect this at compile time: https://github.com/Effect-TS/language-service`,
        Cause.empty,
        level
      )
    }
  }

  abstract class SwitchDispatch extends (Base as abstract new(...args: Array<any>) => any) {
    runLoop(effect0: Op): Op {
      // a run that starts with an Effect of another version: Effect's own loop (it warns)
      if (versionOf(effect0) !== VERSION) return super.runLoop(effect0)
      let cur = effect0
      this.currentOpCount = 0
      for (;;) {
        if ((this.currentRuntimeFlags & OpSupervision) !== 0) this.currentSupervisor.onEffect(this, cur)
        if (this._queue.length > 0) cur = this.drainQueueWhileRunning(this.currentRuntimeFlags, cur)
        if (!this._isYielding) {
          this.currentOpCount += 1
          const shouldYield = this.currentScheduler.shouldYield(this)
          if (shouldYield !== false) {
            this._isYielding = true
            this.currentOpCount = 0
            const oldCur = cur
            cur = Effect.flatMap(Effect.yieldNow({ priority: shouldYield }), () => oldCur)
          }
        }
        try {
          const tracer = this.currentTracer
          if (tracer.context === nativeContext) {
            switch (cur._op) {
              case "Success":
                cur = this.Success(cur)
                break
              case "OnSuccess":
                cur = this.OnSuccess(cur)
                break
              case "Sync":
                cur = this.Sync(cur)
                break
              case "Async":
                cur = this.Async(cur)
                break
              case "WithRuntime":
                cur = call(cur, WITH_RUNTIME, this)
                break
              case "Commit":
                cur = call(cur, COMMIT)
                break
              case "Failure":
                cur = this.Failure(cur)
                break
              case "OnSuccessAndFailure":
                cur = this.OnSuccessAndFailure(cur)
                break
              case "OnFailure":
                cur = this.OnFailure(cur)
                break
              case "While":
                cur = this.While(cur)
                break
              case "Iterator":
                cur = this.Iterator(cur)
                break
              case "Yield":
                cur = this.Yield(cur)
                break
              case "UpdateRuntimeFlags":
                cur = this.UpdateRuntimeFlags(cur)
                break
              default:
                // the rare instructions (Tag, Option, Either, Micro, Blocked ...) get Effect's
                // per-instruction check: a value that is no Effect fails here as in Effect's loop
                // (a TypeError), before `_op` can name a method of the fiber
                if (cur[EffectTypeId]._V !== VERSION) warnVersion(this, cur)
                cur = this[cur._op](cur)
            }
          } else {
            const op = cur
            cur = tracer.context(() => this[op._op](op), this)
          }
          if (cur === YieldedOp) {
            const op = yielded.currentOp as Op
            if (op._op === "Yield" || op._op === "Async") return YieldedOp
            yielded.currentOp = null
            return op._op === "Success" || op._op === "Failure" ? op : Exit.failCause(Cause.die(op))
          }
        } catch (e) {
          if (cur !== YieldedOp && !Predicate.hasProperty(cur, "_op") || !(cur._op in this)) {
            cur = Effect.dieMessage(`Not a valid effect: ${Inspectable.toStringUnknown(cur)}`)
          } else if (Cause.isInterruptedException(e)) {
            cur = Exit.failCause(Cause.sequential(Cause.die(e), Cause.interrupt(FiberId.none)))
          } else {
            cur = Effect.die(e)
          }
        }
      }
    }

    /** A success: run the next success continuation (the common ones without a keyed look-up). */
    Success(op: Op): Op {
      const next = continueWith(this, op.effect_instruction_i0)
      // failure frames to skip, `RevertFlags`, `OnStep`, or nothing left: Effect's own
      return next !== OTHER_FRAME ? next : super.Success(op)
    }

    Sync(op: Op): Op {
      const value = call(op, 0)
      const next = continueWith(this, value)
      return next !== OTHER_FRAME ? next : super.Success(Exit.succeed(value))
    }
  }
  return SwitchDispatch as unknown as C
}

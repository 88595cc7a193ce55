/**
 * The runtime of the `copas` command (bin/copas.mjs parses the options, compiles and loads this
 * module, then calls {@link main}): Copas's `bin/copas.lua`.
 *
 * - `globalThis.copas` is the library (every module of `effect-copas`, plus `Effect`, `Console`,
 *   `Duration` and {@link CopasGlobal.run}), so a script needs no imports.
 * - The dispatcher runs with `NodeCopas.layer` until all work is done. The options' modules are
 *   imported, in order, inside the initializer task `"copas_initializer"`: a module's top-level
 *   code runs "inside copas", as a Lua script does under Copas's runtime, and may schedule work
 *   with `copas.run(effect)` (await it to block, as Lua's top-level `copas.pause()` does). Then the
 *   module's default export (an Effect, or a function `(args) => Effect | Promise`) runs as the rest
 *   of the initializer.
 * - A failure of the initializer prints Copas's traceback (`msg (coroutine: copas_initializer,
 *   socket: nil)` + Effect's pretty cause) to stderr, shuts everything down and exits 1. Failures of
 *   other tasks go to their error handler (the default one prints to stderr) and do not change the
 *   exit code.
 * - SIGINT and SIGTERM shut down gracefully and exit 130 / 143: the dispatcher's scope closes,
 *   servers stop accepting, the tasks are interrupted and their finalizers run while their
 *   connections are still open (a handler can say goodbye), then what is still open is closed.
 *   A second signal exits at once.
 * - When all work is done the process ends as Node processes do (exit code 0), once Node's event
 *   loop is empty: work a script started outside the dispatcher still completes.
 *
 * @internal
 */
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import * as Runtime from "effect/Runtime"
import { fileURLToPath } from "node:url"
import * as Copas from "../Copas.js"
import * as Library from "../index.js"
import * as NodeCopas from "../NodeCopas.js"
import { type Dispatcher, traceback } from "./dispatcher.js"

/** One step of the command line, in order (built by bin/copas.mjs). */
export type Step =
  | { readonly kind: "version" }
  | {
    readonly kind: "module"
    /** the module to import (a file URL, or a virtual module for -e, -l and stdin) */
    readonly url: string
    /** `process.argv.slice(1)` while it runs (null: leave process.argv alone) */
    readonly argv: ReadonlyArray<string> | null
    /** the arguments given to a default-exported function */
    readonly args?: ReadonlyArray<string>
    /** whether its default export runs (not for -l) */
    readonly runDefault: boolean
  }

/** What bin/copas.mjs hands over. */
export interface Plan {
  readonly plan: ReadonlyArray<Step>
  readonly nodeVersion: string
  /**
   * Where the syntax error is in a module (a file URL) or in what it imports, as `file:line:col`:
   * Node's SyntaxError of a dynamically imported JavaScript file does not say.
   */
  readonly locateSyntaxError?: (url: string) => Promise<string | undefined>
}

/** `globalThis.copas` under the `copas` command. */
export type CopasGlobal = typeof Library & {
  readonly Effect: typeof Effect
  readonly Console: typeof Console
  readonly Duration: typeof Duration
  /**
   * Runs an Effect now, as a task of the dispatcher (named `"copas_initializer"`, with the
   * initializer's services), and returns a promise of its result. Meant for a script's top-level
   * code: `await copas.run(copas.Copas.sleep(100))`, or without `await` to start work. A failure
   * rejects the promise (an unhandled rejection fails the script: exit code 1).
   */
  readonly run: <A, E>(effect: Effect.Effect<A, E, Copas.Copas | Library.Socket.Sockets>) => Promise<A>
}

/** The layer scripts run with. */
const layer = NodeCopas.layer

/** A value's kind for a message: `number 42`, `an object`, `null` ... */
const describe = (u: unknown): string =>
  u === null ? "null" : typeof u === "object" ? "an object" : `${typeof u} ${String(u).slice(0, 40)}`

const isPromiseLike = (u: unknown): u is PromiseLike<unknown> =>
  typeof u === "object" && u !== null && typeof (u as { then?: unknown }).then === "function"

/** A rejection from `copas.run` carries the task's cause: report that, not the wrapper. */
const causeOfThrown = (thrown: unknown): Cause.Cause<unknown> =>
  Runtime.isFiberFailure(thrown) ? thrown[Runtime.FiberFailureCauseId] : Cause.fail(thrown)

const fromPromise = <A>(f: () => PromiseLike<A>): Effect.Effect<A, unknown> =>
  Effect.async<A, unknown>((resume) => {
    let p: PromiseLike<A>
    try {
      p = f()
    } catch (e) {
      return resume(Effect.failCause(causeOfThrown(e)))
    }
    p.then(
      (a) => resume(Effect.succeed(a)),
      (e) => resume(Effect.failCause(causeOfThrown(e)))
    )
  })

const versionText = (nodeVersion: string) =>
  `${Copas.VERSION}  ${Copas.COPYRIGHT}\n${Copas.DESCRIPTION}\nNode.js ${nodeVersion}\n`

/**
 * Runs the plan; the process ends when all work is done.
 * @internal
 */
export const main = ({ locateSyntaxError, nodeVersion, plan }: Plan): void => {
  let exitCode = 0
  let stopping = false
  /** the loop has ended (successfully): the process ends when Node's event loop is empty */
  let done = false
  let mainFiber: Fiber.RuntimeFiber<void, unknown> | undefined

  /**
   * Graceful shutdown: interrupting the loop closes the Copas layer's scope, and the dispatcher
   * stops its servers, interrupts the tasks and waits for their finalizers while their
   * connections are still open (a handler may say goodbye to its client), then closes the rest.
   */
  const shutdown = (code: number) => {
    if (stopping) return
    stopping = true
    exitCode = code
    mainFiber?.unsafeInterruptAsFork(FiberId.none)
  }

  const initializerFailed = (cause: Cause.Cause<unknown>, task: unknown, socket: { name: string } | undefined) => {
    process.stderr.write(`${userTrace(traceback(cause, task as never, socket))}\n`)
    if (done) process.exitCode = 1 // a rejection noticed after the loop ended
    else shutdown(1)
  }

  const program = Effect.gen(function*() {
    const d: Dispatcher = yield* Copas.Copas
    const runtime = yield* Effect.runtime<Copas.Copas | Library.Socket.Sockets>()
    ;(globalThis as { copas?: CopasGlobal }).copas = Object.freeze({
      ...Library,
      Effect,
      Console,
      Duration,
      run: <A, E>(effect: Effect.Effect<A, E, Copas.Copas | Library.Socket.Sockets>): Promise<A> =>
        new Promise<A>((resolve, reject) => {
          d.spawn(
            Effect.matchCause(effect, {
              onFailure: (cause) => reject(Runtime.makeFiberFailure(cause)),
              onSuccess: resolve
            }),
            "copas_initializer",
            runtime.fiberRefs,
            runtime.runtimeFlags
          )
        })
    }) as CopasGlobal

    // a rejected `copas.run` nobody awaited is a failure of the script
    process.on("unhandledRejection", (reason) => {
      initializerFailed(causeOfThrown(reason), { threadName: "copas_initializer" }, undefined)
    })

    const initializer = Effect.gen(function*() {
      yield* Copas.setErrorHandler((cause, task, socket) =>
        Effect.sync(() => initializerFailed(cause, task, socket))
      )
      for (const step of plan) {
        if (step.kind === "version") {
          process.stdout.write(versionText(nodeVersion))
          continue
        }
        if (step.argv !== null) process.argv = [process.argv[0]!, ...step.argv]
        const mod = (yield* fromPromise(() =>
          import(step.url).catch(async (e: unknown) => {
            throw await withPlace(e, step.url, locateSyntaxError)
          })
        )) as { readonly default?: unknown }
        if (!step.runDefault) continue
        const def = mod.default
        if (Effect.isEffect(def)) {
          yield* def
        } else if (typeof def === "function") {
          const args = step.args ?? []
          const result: unknown = yield* Effect.try({ try: () => def(args), catch: (e) => e })
          if (Effect.isEffect(result)) yield* result
          else if (isPromiseLike(result)) yield* fromPromise(() => result)
        } else if (isPromiseLike(def)) {
          // awaited, as a function's Promise is
          yield* fromPromise(() => def)
        } else if (def !== undefined) {
          // a value that cannot run: said, rather than a script that silently does nothing
          const where = step.url.startsWith("file:") ? fileURLToPath(step.url) : "the script"
          return yield* Effect.fail(
            new TypeError(`the default export of ${where} is neither an Effect nor a function (got ${describe(def)})`)
          )
        }
      }
    })
    yield* Copas.loop(initializer as Effect.Effect<void, unknown, Copas.Copas | Library.Socket.Sockets>)
  }).pipe(Effect.provide(layer))

  mainFiber = Effect.runFork(program)

  const onSignal = (code: number) => () => {
    if (stopping) process.exit(exitCode) // a second signal: do not wait for finalizers
    shutdown(code)
  }
  const onSigint = onSignal(130)
  const onSigterm = onSignal(143)
  process.on("SIGINT", onSigint)
  process.on("SIGTERM", onSigterm)

  mainFiber.addObserver((exit) => {
    if (Exit.isFailure(exit) && !Exit.isInterrupted(exit)) {
      // cannot happen (errors stay in their tasks); report it rather than exit 0
      process.stderr.write(`copas: ${Cause.pretty(exit.cause)}\n`)
      if (exitCode === 0) exitCode = 70
    }
    // a failure or a signal ends the process now, whatever else the script left running
    if (exitCode !== 0) process.exit(exitCode)
    // all work is done: let Node end as usual (output is flushed; work the script started outside
    // the dispatcher, e.g. its own Effect runtime, completes; a signal now has its default effect;
    // an exit code the script set with `process.exitCode` stays)
    done = true
    process.off("SIGINT", onSigint)
    process.off("SIGTERM", onSigterm)
  })
}

/** A SyntaxError of Node's loader that names no place in the user's code gets one. */
const withPlace = async (
  e: unknown,
  url: string,
  locate: ((url: string) => Promise<string | undefined>) | undefined
): Promise<unknown> => {
  if (!(e instanceof SyntaxError) || locate === undefined) return e
  const frame = /\n\s+at (.*)/.exec(e.stack ?? "")?.[1]
  if (frame !== undefined && !frame.includes("node:internal")) return e
  const where = await locate(url).catch(() => undefined)
  if (where === undefined) return e
  e.message = `${e.message} (${where})`
  e.stack = `SyntaxError: ${e.message}\n    at ${where}`
  return e
}

/** A trace without Node's module loader frames (they say nothing about the user's code). */
const userTrace = (text: string): string =>
  text.split("\n").filter((l) => !/^\s+at .*node:internal\//.test(l)).join("\n")

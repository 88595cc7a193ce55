/**
 * Copas's `copas.debug`: traces the dispatcher's scheduling (task resumes, yields with their reason,
 * task exits) and every call on a socket, through Effect's `Logger`.
 *
 * - {@link start} / {@link stop} switch scheduling traces on and off for the whole dispatcher
 *   (every task, including the ones already running), as Copas's `debug.start(logger, core)`.
 * - {@link traced} (or {@link layer}) switches them on for one effect and the tasks it spawns
 *   (a `FiberRef`, inherited like any other), {@link untraced} off; the code under test does not
 *   change.
 * - {@link socket} makes a socket log every call made on it, with its arguments and results
 *   (strings cut at 30 characters, as Copas).
 *
 * The lines are Copas's: `resuming 'name'`, `resuming 'name' for socket 'sock'`,
 * `yielding 'name' to SLEEP for 0.5 seconds` (`0` for `pause()`, `-1` for `pauseForever`, a parked
 * lock/queue/future wait or `sleep(-1)`), `yielding 'name' to READ on 'sock'`,
 * `yielding 'name' to WRITE on 'sock'`, `exiting 'name'`; a suspension Copas has no name for (an
 * Effect-native wait such as `Deferred.await`) is `yielding 'name'`.
 *
 * Where they go: to the `logger` given in the options, or else to the loggers of the traced
 * fiber (`Logger.replace`, `Logger.add` ... apply), at `LogLevel.Debug` (option `level`). Switching
 * tracing on is the opt-in: the lines are not filtered by the fiber's minimum log level (Effect's
 * default, `Info`, would hide them all).
 *
 * Cost: with tracing off, one null check per fiber resume and per socket wait, no allocation.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as Debug from "effect-copas/Debug"
 *
 * const program = Effect.gen(function*() {
 *   yield* Debug.start()                      // every task, from now on
 *   yield* Copas.addNamedThread("sleeper", Copas.sleep("500 millis"))
 * })
 * Effect.runPromise(Copas.run(program))
 * // through Effect's default logger:
 * // timestamp=... level=DEBUG fiber=#2 message="resuming 'sleeper'"
 * // timestamp=... level=DEBUG fiber=#2 message="yielding 'sleeper' to SLEEP for 0.5 seconds"
 * // timestamp=... level=DEBUG fiber=#2 message="resuming 'sleeper'"
 * // timestamp=... level=DEBUG fiber=#2 message="exiting 'sleeper'"
 * ```
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import type * as FiberId from "effect/FiberId"
import * as FiberRef from "effect/FiberRef"
import * as FiberRefs from "effect/FiberRefs"
import { dual } from "effect/Function"
import { globalValue } from "effect/GlobalValue"
import * as Layer from "effect/Layer"
import type * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import { Copas } from "./Copas.js"
import { type DebugHook, type Dispatcher, fiberRefsOf, type NamedSocket, taskOf } from "./internal/dispatcher.js"
import { NEXT_ROUND } from "./internal/scheduler.js"
import { isSocket, type SocketImpl } from "./internal/socket.js"
import type { CopasSocket } from "./Socket.js"

/**
 * Options of {@link start}, {@link traced} and {@link layer}.
 * @example
 * ```ts
 * import { LogLevel } from "effect"
 * import type * as Debug from "effect-copas/Debug"
 * const options: Debug.Options = { core: true, level: LogLevel.Info }
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /**
   * Where the lines go (Copas's `logger`). Default: the traced fiber's own loggers.
   * Each line is one log entry whose message is the line (a string).
   */
  readonly logger?: Logger.Logger<string, unknown> | undefined
  /**
   * Copas's `core`: also trace the fibers that are not tasks (the `"copas_core_timer"` fibers that
   * run `Copas.timeout` callbacks, the timer driver running `Timer` callbacks, error handlers, and
   * helper fibers forked inside tasks). Default `false`: only tasks (`addThread`,
   * `addNamedThread`, server handlers, queue workers, futures, the initializer).
   */
  readonly core?: boolean | undefined
  /** the level of the entries (default `LogLevel.Debug`) */
  readonly level?: LogLevel.LogLevel | undefined
}

/**
 * Options of {@link socket}.
 * @example
 * ```ts
 * import { Logger } from "effect"
 * import type * as Debug from "effect-copas/Debug"
 * const options: Debug.SocketOptions = { logger: Logger.make(({ message }) => console.error(message)) }
 * ```
 * @since 0.1.0
 * @category models
 */
export interface SocketOptions {
  /** Where the lines go. Default: the loggers of the fiber making the call. */
  readonly logger?: Logger.Logger<string, unknown> | undefined
  /** the level of the entries (default `LogLevel.Debug`) */
  readonly level?: LogLevel.LogLevel | undefined
}

interface Config {
  readonly logger: Logger.Logger<string, unknown> | undefined
  readonly core: boolean
  readonly level: LogLevel.LogLevel
}

const configOf = (o: Options | undefined): Config => ({
  logger: o?.logger,
  core: !!o?.core,
  level: o?.level ?? LogLevel.Debug
})

/**
 * Per-fiber switch: `undefined` follows the dispatcher ({@link start}/{@link stop}), a config
 * traces the fiber, `null` never traces it.
 */
const currentConfig = globalValue(
  Symbol.for("effect-copas/Debug/currentConfig"),
  () => FiberRef.unsafeMake<Config | null | undefined>(undefined)
)

type AnyFiber = Fiber.RuntimeFiber<unknown, unknown>

/** One log entry through `logger`, or through the loggers in `refs`. */
const emit = (
  logger: Logger.Logger<string, unknown> | undefined,
  level: LogLevel.LogLevel,
  fiberId: FiberId.FiberId,
  refs: FiberRefs.FiberRefs,
  line: string
): void => {
  const options: Logger.Logger.Options<string> = {
    fiberId,
    logLevel: level,
    message: line,
    cause: Cause.empty,
    context: refs,
    spans: FiberRefs.getOrDefault(refs, FiberRef.currentLogSpan),
    annotations: FiberRefs.getOrDefault(refs, FiberRef.currentLogAnnotations),
    date: new Date()
  }
  if (logger !== undefined) {
    logger.log(options)
    return
  }
  for (const l of FiberRefs.getOrDefault(refs, FiberRef.currentLoggers)) l.log(options)
}

/** Seconds as Copas prints them (`0.5`, `1`, `0`), to the millisecond. */
const seconds = (ms: number): string => String(Math.max(0, Math.round(ms)) / 1000)

// ---- the scheduling tracer ----------------------------------------------------------------------

/** The dispatcher's tracer: installed as the scheduler's `trace` and the dispatcher's `debug`. */
class Tracer implements DebugHook {
  /** the config of `start()` (undefined: stopped) */
  global: Config | undefined = undefined
  /** `traced`/`layer` were used: keep the hooks after `stop()` */
  perFiber = false
  /** the traced fiber whose run is on the stack, and what it is waiting for */
  private current: AnyFiber | undefined = undefined
  private waitSocket: NamedSocket | undefined = undefined
  private waitWrite = false
  private paused = false
  /** a fiber that yielded for a socket: its next resume is "for socket" */
  private readonly resumedFor = new WeakMap<AnyFiber, NamedSocket>()

  constructor(readonly d: Dispatcher) {}

  /** the fiber's config (FiberRef, else the dispatcher's); `registered` checks `core` too */
  configFor(f: AnyFiber, registered: boolean): Config | undefined {
    let cfg = f.getFiberRef(currentConfig)
    if (cfg === undefined) cfg = this.global
    if (cfg === null || cfg === undefined) return undefined
    if (registered && !cfg.core && !this.d.hasTask(f)) return undefined
    return cfg
  }

  /** the scheduler hook: wraps the runs of traced fibers (others pass through unchanged) */
  readonly trace = (task: () => void, priority: number, fiber: unknown): () => void => {
    if (fiber === undefined) return task
    const f = fiber as AnyFiber & { run?: unknown }
    if (f === this.current && (priority === NEXT_ROUND || this.d.scheduler.yielding === f)) this.paused = true
    // only the fiber's own run: Effect also schedules small closures for it (fork, interrupt)
    if (task !== f.run) return task
    // (a task's first run is scheduled before the dispatcher registers it: `core` is checked later)
    if (this.configFor(f, false) === undefined) return task
    return () => this.run(task, f)
  }

  waiting(socket: NamedSocket, write: boolean): void {
    if (this.current === undefined) return
    this.waitSocket = socket
    this.waitWrite = write
  }

  private run(task: () => void, f: AnyFiber): void {
    // looked up again: stop() or untraced may have come between scheduling and running
    const cfg = this.configFor(f, true)
    if (cfg === undefined) return task()
    const t = taskOf(f)
    const log = (line: string) => emit(cfg.logger, cfg.level, f.id(), fiberRefsOf(f), line)
    const socket = this.resumedFor.get(f)
    if (socket !== undefined) {
      this.resumedFor.delete(f)
      log(`resuming '${t.threadName}' for socket '${socket.name}'`)
    } else {
      log(`resuming '${t.threadName}'`)
    }
    const prev = this.current
    this.current = f
    this.waitSocket = undefined
    this.paused = false
    try {
      task()
    } finally {
      this.current = prev
      // (set by `waiting` and `trace` while the task ran)
      const waitSocket = this.waitSocket as NamedSocket | undefined
      const paused = this.paused as boolean
      this.waitSocket = undefined
      this.paused = false
      const name = t.threadName
      if (this.configFor(f, false) === undefined) {
        // stopped (or untraced) while it ran: its yield is not traced any more, as in Copas
      } else if (f.unsafePoll() !== null) {
        log(`exiting '${name}'`)
      } else if (waitSocket !== undefined) {
        this.resumedFor.set(f, waitSocket)
        log(`yielding '${name}' to ${this.waitWrite ? "WRITE" : "READ"} on '${waitSocket.name}'`)
      } else if (paused) {
        log(`yielding '${name}' to SLEEP for 0 seconds`)
      } else if (t.sleepEntry !== undefined) {
        log(`yielding '${name}' to SLEEP for ${seconds(t.sleepMs)} seconds`)
      } else if (t.parked) {
        log(`yielding '${name}' to SLEEP for -1 seconds`)
      } else {
        log(`yielding '${name}'`)
      }
    }
  }
}

const tracerOf = (d: Dispatcher): Tracer | undefined => (d.debug instanceof Tracer ? d.debug : undefined)

const install = (d: Dispatcher): Tracer => {
  const existing = tracerOf(d)
  if (existing !== undefined) return existing
  const t = new Tracer(d)
  d.debug = t
  d.scheduler.trace = t.trace
  return t
}

// ---- scheduling: the API ------------------------------------------------------------------------

/**
 * Copas's `copas.debug.start([logger][, core])`: traces every task of the dispatcher (those
 * running already too) until {@link stop}: each resume, each yield with its reason, each exit.
 * Calling it again replaces the options.
 *
 * @example
 * ```ts
 * import { Effect, Logger } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as Debug from "effect-copas/Debug"
 *
 * const lines: Array<string> = []
 * const collect = Logger.make(({ message }) => { lines.push(String(message)) })
 * const program = Effect.gen(function*() {
 *   yield* Debug.start({ logger: collect, core: false })
 *   yield* Copas.addNamedThread("worker", Copas.pause())
 * })
 * Effect.runPromise(Copas.run(program)).then(() => console.log(lines))
 * // [ "resuming 'worker'", "yielding 'worker' to SLEEP for 0 seconds", "resuming 'worker'", "exiting 'worker'" ]
 * ```
 * @since 0.1.0
 * @category tracing
 */
export const start = (options?: Options): Effect.Effect<void, never, Copas> =>
  Effect.map(Copas, (d) => {
    install(d).global = configOf(options)
  })

/**
 * Copas's `copas.debug.stop()`: ends the tracing {@link start} began. Effects running under
 * {@link traced} or {@link layer} stay traced.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as Debug from "effect-copas/Debug"
 * const quietAgain = Effect.zipRight(Copas.sleep(10), Debug.stop)
 * ```
 * @since 0.1.0
 * @category tracing
 */
export const stop: Effect.Effect<void, never, Copas> = Effect.map(Copas, (d) => {
  const t = tracerOf(d)
  if (t === undefined) return
  t.global = undefined
  if (!t.perFiber) {
    d.debug = null
    d.scheduler.trace = null
  }
})

/**
 * Traces `self` and the tasks it spawns (they inherit the setting), whatever {@link start} and
 * {@link stop} say; other fibers are not traced. Needs the dispatcher: once used, the dispatcher
 * keeps its (cheap) tracing hook for its whole life.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as Debug from "effect-copas/Debug"
 *
 * const suspect = Copas.addNamedThread("suspect", Copas.sleep(100))
 * const program = Effect.gen(function*() {
 *   yield* Debug.traced(suspect)                                // traced
 *   yield* Copas.addNamedThread("other", Copas.sleep(100))      // not traced
 * })
 * Effect.runPromise(Copas.run(program))
 * ```
 * @since 0.1.0
 * @category tracing
 */
export const traced: {
  (options?: Options): <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R | Copas>
  <A, E, R>(self: Effect.Effect<A, E, R>, options?: Options): Effect.Effect<A, E, R | Copas>
} = dual(
  (args) => Effect.isEffect(args[0]),
  <A, E, R>(self: Effect.Effect<A, E, R>, options?: Options): Effect.Effect<A, E, R | Copas> =>
    Effect.flatMap(Copas, (d) => {
      install(d).perFiber = true
      return Effect.locally(self, currentConfig, configOf(options))
    })
)

/**
 * Never traces `self` and the tasks it spawns, even while {@link start} is on (for example a
 * chatty helper task).
 *
 * @example
 * ```ts
 * import * as Copas from "effect-copas/Copas"
 * import * as Debug from "effect-copas/Debug"
 * const quietHelper = Debug.untraced(Copas.addNamedThread("ticker", Copas.sleep(10)))
 * ```
 * @since 0.1.0
 * @category tracing
 */
export const untraced = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.locally(self, currentConfig, null)

/**
 * {@link traced} as a layer: the effect it is provided to (and the tasks that effect spawns) is
 * traced. Provide it inside the dispatcher's layer.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as Debug from "effect-copas/Debug"
 *
 * const program = Copas.addNamedThread("job", Copas.sleep(10)).pipe(Effect.zipRight(Copas.loop()))
 * Effect.runPromise(program.pipe(Effect.provide(Debug.layer()), Effect.provide(Copas.layer)))
 * ```
 * @since 0.1.0
 * @category tracing
 */
export const layer = (options?: Options): Layer.Layer<never, never, Copas> =>
  Layer.scopedDiscard(
    Effect.flatMap(Copas, (d) => {
      install(d).perFiber = true
      return Effect.locallyScoped(currentConfig, configOf(options))
    })
  )

// ---- sockets ------------------------------------------------------------------------------------

let callId = 0
const MAX_SHOWN = 30

const escape = (s: string): string =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[\x00-\x1f\x7f]/g, (c) =>
    c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)

/** Copas's value display: strings cut at 30 characters with `(...truncated)`, then the type. */
const cut = (s: string): string => {
  const x = s.slice(0, MAX_SHOWN)
  return escape(x) + (x.length < s.length ? "(...truncated)" : "")
}

const show = (label: string, v: unknown): string => {
  if (v === undefined || v === null) return `${label}: ${String(v)}`
  if (typeof v === "string") return `${label}: '${cut(v)}' (string #${v.length})`
  if (v instanceof Uint8Array) {
    return `${label}: '${cut(Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("latin1"))}' (bytes #${v.byteLength})`
  }
  if (isSocket(v)) return `${label}: '${cut(v.name)}' (socket)`
  if (v instanceof Error) {
    const e: Error = v
    const tag = (e as { _tag?: unknown })._tag
    const reason = (e as { reason?: unknown }).reason
    return `${label}: '${cut(typeof reason === "string" ? reason : e.message)}' (${typeof tag === "string" ? tag : e.name})`
  }
  if (typeof v === "object") {
    let text: string
    try {
      text = JSON.stringify(v) ?? String(v)
    } catch {
      text = String(v)
    }
    return `${label}: '${cut(text)}' (object)`
  }
  return `${label}: '${cut(String(v))}' (${typeof v})`
}

type Shown = ReadonlyArray<readonly [string, unknown]>

class SocketLog {
  constructor(
    readonly logger: Logger.Logger<string, unknown> | undefined,
    readonly level: LogLevel.LogLevel,
    /** who called `Debug.socket`: used when a call is made outside any fiber (dispatcher shutdown) */
    readonly fallback: AnyFiber
  ) {}
  line(fiber: AnyFiber | undefined, text: string): void {
    const f = fiber ?? Option.getOrUndefined(Fiber.getCurrentFiber()) as AnyFiber | undefined ?? this.fallback
    emit(this.logger, this.level, f.id(), fiberRefsOf(f), text)
  }
  calling(fiber: AnyFiber | undefined, id: number, name: string, args: Shown): void {
    this.line(fiber, `${id}-calling '${name}' with; ${args.map(([l, v]) => show(l, v)).join(", ")}`)
  }
  returned(fiber: AnyFiber | undefined, id: number, name: string, results: Shown): void {
    this.line(fiber, `${id}-results '${name}' returned; ${results.map(([l, v]) => show(l, v)).join(", ")}`)
  }
  exit(fiber: AnyFiber, id: number, name: string, exit: Exit.Exit<unknown, unknown>, ok: (a: any) => Shown, bad: (e: any) => Shown): void {
    if (exit._tag === "Success") return this.returned(fiber, id, name, ok(exit.value))
    const failure = Cause.failureOption(exit.cause)
    if (Option.isSome(failure)) {
      this.line(fiber, `${id}-results '${name}' failed; ${bad(failure.value).map(([l, v]) => show(l, v)).join(", ")}`)
    } else if (Cause.isInterruptedOnly(exit.cause)) {
      this.line(fiber, `${id}-results '${name}' interrupted`)
    } else {
      this.line(fiber, `${id}-results '${name}' died; ${show("defect", Cause.squash(exit.cause))}`)
    }
  }
}

const tracedSockets = new WeakMap<SocketImpl, SocketLog>()
/** sockets whose methods are wrapped (they stay so after `unsocket`: the wrappers check `tracedSockets`) */
const patchedSockets = new WeakSet<SocketImpl>()

const errorOnly = (e: unknown): Shown => [["error", e]]
const errorPartial = (e: any): Shown => [["error", e], ["partial data", e?.partial]]
const errorSent = (e: any): Shown => [["error", e], ["err-last-idx-send", e?.sent]]

/** Replaces an Effect-returning method of `s` by one that logs the call and its outcome. */
const wrapEffectMethod = (
  s: SocketImpl,
  method: string,
  describe: (args: Array<any>) => { name: string; args: Shown },
  ok: (a: any) => Shown,
  bad: (e: any) => Shown
): void => {
  const original = (s as any)[method] as (...args: Array<any>) => Effect.Effect<unknown, unknown>
  Object.defineProperty(s, method, {
    configurable: true,
    writable: true,
    value: (...args: Array<any>) =>
      Effect.withFiberRuntime<unknown, unknown>((fiber) => {
        const f = fiber as AnyFiber
        const log = tracedSockets.get(s)
        if (log === undefined) return original.apply(s, args)
        const id = ++callId
        const call = describe(args)
        log.calling(f, id, call.name, [["socket", s], ...call.args])
        return Effect.onExit(original.apply(s, args), (exit) =>
          Effect.sync(() => log.exit(f, id, call.name, exit, ok, bad)))
      })
  })
}

/** Replaces a plain method of `s` by one that logs the call and its result. */
const wrapSyncMethod = (
  s: SocketImpl,
  method: string,
  describe: (args: Array<any>) => { name: string; args: Shown },
  ok: (a: any) => Shown
): void => {
  const original = (s as any)[method] as (...args: Array<any>) => unknown
  Object.defineProperty(s, method, {
    configurable: true,
    writable: true,
    value: (...args: Array<any>) => {
      const log = tracedSockets.get(s)
      if (log === undefined) return original.apply(s, args)
      const id = ++callId
      const call = describe(args)
      log.calling(undefined, id, call.name, [["socket", s], ...call.args])
      const r = original.apply(s, args)
      log.returned(undefined, id, call.name, ok(r))
      return r
    }
  })
}

/** Logs the writes of a field (timeouts, the name) as the `set...` call that made them. */
const watchField = (s: SocketImpl, field: string, name: string): void => {
  // an accessor of the class (the socket keeps some values in other slots) stays the store
  let desc: PropertyDescriptor | undefined
  for (let o: object | null = s; o !== null && desc === undefined; o = Object.getPrototypeOf(o)) {
    desc = Object.getOwnPropertyDescriptor(o, field)
  }
  const accessor = desc?.set !== undefined ? desc : undefined
  let value = (s as any)[field]
  Object.defineProperty(s, field, {
    configurable: true,
    enumerable: true,
    get: () => (accessor !== undefined ? accessor.get!.call(s) : value),
    set: (v) => {
      const log = tracedSockets.get(s)
      if (log !== undefined) {
        const id = ++callId
        log.calling(undefined, id, name, [["socket", s], [field, v]])
      }
      if (accessor !== undefined) accessor.set!.call(s, v)
      else value = v
    }
  })
}

const patchSocket = (s: SocketImpl): void => {
  wrapEffectMethod(
    s,
    "receive",
    ([pattern, prefix, bytes, partial]) => ({
      name: partial ? "receivePartial" : bytes ? "receiveBytes" : "receive",
      args: [["pattern", pattern], ["prefix", prefix]]
    }),
    (r) => [["received", r]],
    errorPartial
  )
  wrapEffectMethod(
    s,
    "receiveFrom",
    ([size, bytes]) => ({ name: bytes ? "receiveFromBytes" : "receiveFrom", args: [["size", size]] }),
    (r) => [["received", r.data], ["address", r.address], ["port", r.port]],
    errorPartial
  )
  wrapEffectMethod(
    s,
    "send",
    ([data, start, end]) => ({ name: "send", args: [["data", data], ["idx-start", start], ["idx-end", end]] }),
    (n) => [["last-idx-send", n]],
    errorSent
  )
  wrapEffectMethod(
    s,
    "sendTo",
    ([data, address, port]) => ({ name: "sendTo", args: [["data", data], ["address", address], ["port", port]] }),
    (n) => [["sent", n]],
    errorSent
  )
  wrapEffectMethod(
    s,
    "connect",
    ([host, port]) => ({ name: "connect", args: [["address", host], ["port", port]] }),
    () => [["success", true]],
    errorOnly
  )
  wrapEffectMethod(
    s,
    "handshake",
    ([, options]) => ({ name: "doHandshake", args: [["params", options]] }),
    () => [["success", true]],
    errorOnly
  )
  wrapSyncMethod(s, "closeNow", () => ({ name: "close", args: [] }), () => [["success", true]])
  wrapSyncMethod(s, "shutdown", ([how]) => ({ name: "shutdown", args: [["how", how]] }), () => [["success", true]])
  wrapSyncMethod(s, "stats", () => ({ name: "getStats", args: [] }), (r) => [["stats", r]])
  wrapSyncMethod(
    s,
    "endpoint",
    ([which]) => ({ name: which === "local" ? "getSockName" : "getPeerName", args: [] }),
    (r) => [["endpoint", r]]
  )
  watchField(s, "connectTimeout", "setTimeouts")
  watchField(s, "sendTimeout", "setTimeouts")
  watchField(s, "receiveTimeout", "setTimeouts")
  watchField(s, "name", "setSocketName")
}

/**
 * Copas's `copas.debug.socket(skt)`: from now on every call on this socket is logged with its
 * arguments and its results (or error), strings cut at 30 characters with `(...truncated)` and
 * followed by their type and length, as Copas prints them:
 *
 * ```text
 * 3-calling 'receive' with; socket: 'tcp{4}' (socket), pattern: '*l' (string #2), prefix: undefined
 * 3-results 'receive' returned; received: 'a line that is longer than thi(...truncated)' (string #41)
 * ```
 *
 * Logged: `receive`, `receiveBytes`, `receivePartial`, `receiveFrom(Bytes)`, `send`, `sendTo`,
 * `connect`, `doHandshake`, `close`, `shutdown`, `getStats`, `getSockName`, `getPeerName`, and the
 * writes of the timeouts (`setTimeout(s)`, one line per timeout) and of the name. The socket is
 * traced in place (unlike Copas, there is no proxy to use instead): it is returned for
 * convenience. Calling it again replaces the options.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Debug from "effect-copas/Debug"
 * import * as Socket from "effect-copas/Socket"
 *
 * const client = Effect.gen(function*() {
 *   const sock = yield* Socket.tcp().pipe(Effect.flatMap(Debug.socket))
 *   yield* Socket.connect(sock, "127.0.0.1", 8080) // logged, with the result
 *   yield* Socket.send(sock, "hello\n")            // logged
 * })
 * ```
 * @since 0.1.0
 * @category sockets
 */
export const socket: {
  (options?: SocketOptions): (self: CopasSocket) => Effect.Effect<CopasSocket>
  (self: CopasSocket, options?: SocketOptions): Effect.Effect<CopasSocket>
} = dual(
  (args) => isSocket(args[0]),
  (self: CopasSocket, options?: SocketOptions): Effect.Effect<CopasSocket> =>
    Effect.withFiberRuntime((fiber) =>
      Effect.sync(() => {
        if (!isSocket(self)) throw new TypeError("expected arg #1 to be a socket")
        const s = self as unknown as SocketImpl
        tracedSockets.set(s, new SocketLog(options?.logger, options?.level ?? LogLevel.Debug, fiber as AnyFiber))
        if (!patchedSockets.has(s)) {
          patchedSockets.add(s)
          patchSocket(s)
        }
        return self
      })
    )
)

/**
 * Stops the logging {@link socket} started on this socket.
 *
 * @example
 * ```ts
 * import * as Debug from "effect-copas/Debug"
 * import type * as Socket from "effect-copas/Socket"
 * const quiet = (sock: Socket.CopasSocket) => Debug.unsocket(sock)
 * ```
 * @since 0.1.0
 * @category sockets
 */
export const unsocket = (self: CopasSocket): Effect.Effect<void> =>
  Effect.sync(() => {
    tracedSockets.delete(self as unknown as SocketImpl)
  })

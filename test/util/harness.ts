/**
 * The harness shared by the socket and server suites that run on both networks:
 * `NodeSockets.layer` (real sockets on 127.0.0.1, port 0, real time) and `MemorySockets.layer`
 * (in process, under TestClock). A test written with it holds on both, or it fails.
 */
import { it } from "@effect/vitest"
import { Clock, Effect, Exit, Fiber, type Layer, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import * as MemorySockets from "effect-copas/MemorySockets"
import * as NodeSockets from "effect-copas/NodeSockets"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

export type Env = Copas.Copas | Socket.Sockets

export interface Target {
  readonly name: string
  readonly layer: Layer.Layer<Socket.Sockets>
  /** timing tests drive a TestClock (memory) instead of waiting for real time (node) */
  readonly virtualTime: boolean
}

export const targets: ReadonlyArray<Target> = [
  { name: "NodeSockets", layer: NodeSockets.layer, virtualTime: false },
  { name: "MemorySockets", layer: MemorySockets.layer, virtualTime: true }
]

/** real event-loop turns (I/O callbacks run; the TestClock does not move) */
export const ticks = (n = 5) =>
  Effect.promise(async () => {
    for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r))
  })

/** waits (bounded, in real event-loop turns) until `cond` holds */
export const until = (cond: () => boolean, what: string) =>
  Effect.gen(function*() {
    for (let i = 0; i < 2000; i++) {
      if (cond()) return
      yield* ticks(1)
    }
    return yield* Effect.dieMessage(`gave up waiting for: ${what}`)
  })

/** The helpers bound to one target. */
export const harness = (target: Target) => {
  const test = target.virtualTime ? it.effect : it.live

  const runLoop = <A, E>(body: Effect.Effect<A, E, Env>) =>
    Effect.gen(function*() {
      let exit: Exit.Exit<A, E> | undefined
      yield* Copas.run(Effect.exit(body).pipe(Effect.map((e) => {
        exit = e
      }))).pipe(Effect.provide(target.layer))
      return exit!
    })

  /**
   * Runs `body` as the initializer of a fresh dispatcher on the target network until the loop is
   * finished; returns the body's exit. Real time: bounded by 10 s. Virtual time: the clock does not
   * move (use {@link timed} for tests that need time to pass).
   */
  const copas = <A, E>(body: Effect.Effect<A, E, Env>): Effect.Effect<Exit.Exit<A, E>> =>
    runLoop(body).pipe(
      target.virtualTime ? (e) => e : Effect.timeoutFail({ duration: "10 seconds", onTimeout: () => new Error("hung") }),
      Effect.orDie
    )

  /**
   * {@link copas} where time passes: in real time as it does; under TestClock the clock is moved
   * `stepMs` at a time (with I/O turns in between) until the loop is finished, as real time
   * would, at most `maxMs` of virtual time.
   */
  const timed = <A, E>(body: Effect.Effect<A, E, Env>, stepMs = 10, maxMs = 20_000): Effect.Effect<Exit.Exit<A, E>> =>
    target.virtualTime
      ? Effect.gen(function*() {
        const run = yield* Effect.fork(runLoop(body))
        for (let t = 0; t <= maxMs; t += stepMs) {
          yield* ticks(8)
          const done = run.unsafePoll()
          if (done !== null) return yield* done
          yield* TestClock.adjust(stepMs)
        }
        yield* Fiber.interrupt(run)
        return yield* Effect.dieMessage(`still running after ${maxMs} ms of virtual time`)
      })
      : copas(body)

  /** the current time of the dispatcher (virtual or real), in ms */
  const now = Clock.currentTimeMillis

  /** a TCP server on 127.0.0.1:0 for the duration of `use` (removed after, so the loop ends) */
  const withServer = <A, E, R>(
    handler: Server.Handler<R>,
    use: (port: number, server: Server.CopasServer) => Effect.Effect<A, E, Env | R>,
    options: Server.ServerOptions = {}
  ) =>
    Effect.gen(function*() {
      const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, handler, options)
      return yield* use(server.port, server).pipe(Effect.ensuring(Server.removeServer(server)))
    })

  const client = (port: number, options?: Socket.SocketOptions) =>
    Effect.gen(function*() {
      const c = yield* Socket.tcp(options)
      yield* Socket.connect(c, "127.0.0.1", port)
      return c
    })

  /** a raw stream connection of the target network (a Duplex we drive byte by byte) */
  const rawConnect = (port: number) =>
    Effect.flatMap(Socket.Sockets, (net) => net.connect({ host: "127.0.0.1", port }))

  return { test, copas, timed, now, withServer, client, rawConnect, target }
}

/** Resets a raw connection (the peer sees ECONNRESET) on either network. */
export const resetConn = (conn: { destroy(err?: Error): unknown }): void => {
  const c = conn as { resetAndDestroy?: () => unknown; abort?: () => void; destroy(err?: Error): unknown }
  if (typeof c.resetAndDestroy === "function") c.resetAndDestroy()
  else if (typeof c.abort === "function") c.abort()
  else c.destroy(Object.assign(new Error("reset"), { code: "ECONNRESET" }))
}

/** The failure of an exit (undefined if it succeeded or died). */
export const failureOf = <A, E>(exit: Exit.Exit<A, E>): E | undefined => {
  if (Exit.isSuccess(exit)) return undefined
  const f = exit.cause
  return f._tag === "Fail" ? f.error : undefined
}

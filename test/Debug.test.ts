import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Logger, LogLevel, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Debug from "effect-copas/Debug"
import * as MemorySockets from "effect-copas/MemorySockets"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

/** a logger that keeps the lines (and their levels) */
const collector = () => {
  const lines: Array<string> = []
  const levels: Array<string> = []
  const logger = Logger.make<unknown, void>(({ logLevel, message }) => {
    lines.push(String(message))
    levels.push(logLevel.label)
  })
  return { lines, levels, logger }
}

/** runs `init` on a fresh dispatcher under the TestClock, moving the clock `ms` at a time */
const runTimed = <A, E, R>(init: Effect.Effect<A, E, R>, steps: ReadonlyArray<number> = []) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(Copas.run(init))
    for (const ms of steps) yield* TestClock.adjust(ms)
    yield* Fiber.join(fiber)
  })

/** a line-echo server named "echo" on 127.0.0.1 */
const lineEcho = Server.addServer({ host: "127.0.0.1", port: 0 }, (sock) =>
  Effect.gen(function*() {
    const line = yield* Socket.receive(sock)
    yield* Socket.send(sock, line + "\n")
  }), { name: "echo" })

/** a line-echo server and a client task named "client" using socket "out" (memory network) */
const echoPair = (onClient: (sock: Socket.CopasSocket) => Effect.Effect<void, never, Copas.Copas> = () => Effect.void) =>
  Effect.gen(function*() {
    const server = yield* lineEcho
    yield* Copas.addNamedThread(
      "client",
      Effect.gen(function*() {
        const c = yield* Socket.tcp({ name: "out" })
        yield* onClient(c)
        yield* Socket.connect(c, "127.0.0.1", server.port)
        yield* Socket.send(c, "hello\n")
        const back = yield* Socket.receive(c)
        assert.strictEqual(back, "hello")
        yield* Socket.close(c)
        yield* Server.removeServer(server)
      }).pipe(Effect.orDie)
    )
  })

describe("Debug scheduling traces", () => {
  it.effect("start: resumes, yields (sleep, pause, pauseForever) and exits by task name", () =>
    Effect.gen(function*() {
      const { lines, logger } = collector()
      yield* runTimed(
        Effect.gen(function*() {
          yield* Debug.start({ logger })
          const sleeper = yield* Copas.addNamedThread(
            "sleeper",
            Effect.gen(function*() {
              yield* Copas.sleep(500)
              yield* Copas.pause()
              yield* Copas.pauseForever
            })
          )
          yield* Copas.addNamedThread(
            "waker",
            Effect.gen(function*() {
              yield* Copas.sleep("1 second")
              yield* Copas.wakeup(sleeper)
            })
          )
        }),
        [500, 500]
      )
      assert.deepStrictEqual(lines, [
        "resuming 'sleeper'",
        "yielding 'sleeper' to SLEEP for 0.5 seconds",
        "resuming 'waker'",
        "yielding 'waker' to SLEEP for 1 seconds",
        "resuming 'sleeper'",
        "yielding 'sleeper' to SLEEP for 0 seconds",
        "resuming 'sleeper'",
        "yielding 'sleeper' to SLEEP for -1 seconds",
        "resuming 'waker'",
        "exiting 'waker'",
        "resuming 'sleeper'",
        "exiting 'sleeper'"
      ])
    }))

  it.effect("nothing is traced before start or after stop; stop removes the dispatcher's hooks", () =>
    Effect.gen(function*() {
      const { lines, logger } = collector()
      let hooksAfterStop: unknown = "not checked"
      yield* runTimed(
        Effect.gen(function*() {
          yield* Copas.addNamedThread("early", Copas.sleep(100))
          yield* Copas.sleep(50)
          yield* Debug.start({ logger })
          yield* Copas.addNamedThread(
            "a",
            Effect.gen(function*() {
              yield* Copas.sleep(100)
              yield* Debug.stop
              const d = yield* Copas.Copas
              hooksAfterStop = [d.debug, d.scheduler.trace]
              yield* Copas.sleep(100)
              yield* Copas.addNamedThread("late", Copas.sleep(10))
            })
          )
        }),
        [50, 50, 50, 50, 10, 100]
      )
      assert.deepStrictEqual(lines, [
        "resuming 'a'",
        "yielding 'a' to SLEEP for 0.1 seconds",
        "resuming 'early'",
        "exiting 'early'",
        "resuming 'a'"
      ])
      assert.deepStrictEqual(hooksAfterStop, [null, null])
    }))

  it.effect("with debug off nothing is logged and no hook is installed", () =>
    Effect.gen(function*() {
      const { lines, logger } = collector()
      let hooks: unknown = "not checked"
      yield* Copas.run(
        Effect.gen(function*() {
          yield* echoPair()
          yield* Copas.addNamedThread("sleeper", Copas.pause())
          const d = yield* Copas.Copas
          hooks = [d.debug, d.scheduler.trace]
        })
      ).pipe(Effect.provide(MemorySockets.layer), Effect.provide(Logger.add(logger)))
      assert.deepStrictEqual(lines, [])
      assert.deepStrictEqual(hooks, [null, null])
    }))

  it.effect("socket waits: READ/WRITE on the socket's name, and the resume is 'for socket'", () =>
    Effect.gen(function*() {
      const { lines, logger } = collector()
      yield* Copas.run(Effect.zipRight(Debug.start({ logger }), echoPair())).pipe(
        Effect.provide(MemorySockets.layer)
      )
      const client = lines.filter((l) => l.includes("'client'"))
      const handler = lines.filter((l) => l.includes("'echo:handler_1'"))
      // connecting is a wait to write; the reply a wait to read
      assert.deepStrictEqual(client.slice(0, 2), ["resuming 'client'", "yielding 'client' to WRITE on 'out'"])
      assert.include(client, "resuming 'client' for socket 'out'")
      assert.include(client, "yielding 'client' to READ on 'out'")
      assert.strictEqual(client[client.length - 1], "exiting 'client'")
      assert.deepStrictEqual(handler, [
        "resuming 'echo:handler_1'",
        "yielding 'echo:handler_1' to READ on 'echo:client_1'",
        "resuming 'echo:handler_1' for socket 'echo:client_1'",
        "exiting 'echo:handler_1'"
      ])
    }))

  it.effect("a send that waits for the peer yields to WRITE on its socket", () =>
    Effect.gen(function*() {
      const { lines, logger } = collector()
      const size = 600 * 1024
      yield* Copas.run(
        Effect.gen(function*() {
          const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (sock) =>
            Effect.asVoid(Socket.receive(sock, size)), { name: "sink" })
          const c = yield* Socket.tcp({ name: "out" })
          yield* Socket.connect(c, "127.0.0.1", server.port)
          yield* Debug.start({ logger })
          yield* Copas.addNamedThread(
            "writer",
            Effect.gen(function*() {
              yield* Socket.send(c, new Uint8Array(size))
              yield* Socket.close(c)
              yield* Server.removeServer(server)
            }).pipe(Effect.orDie)
          )
        })
      ).pipe(Effect.provide(MemorySockets.layerWith({ highWaterMark: 1024 })))
      const writer = lines.filter((l) => l.includes("'writer'"))
      assert.deepStrictEqual(writer.slice(0, 3), [
        "resuming 'writer'",
        "yielding 'writer' to WRITE on 'out'",
        "resuming 'writer' for socket 'out'"
      ])
      assert.strictEqual(writer[writer.length - 1], "exiting 'writer'")
    }))

  it.live("real clock: sleeps are reported to the millisecond", () =>
    Effect.gen(function*() {
      const { lines, logger } = collector()
      yield* Copas.run(Effect.zipRight(Debug.start({ logger }), Copas.addNamedThread("t", Copas.sleep(20))))
      assert.deepStrictEqual(lines, [
        "resuming 't'",
        "yielding 't' to SLEEP for 0.02 seconds",
        "resuming 't'",
        "exiting 't'"
      ])
    }))

  it.effect("core: the copas_core_timer fibers (Copas.timeout callbacks) are traced only with core", () =>
    Effect.gen(function*() {
      const program = Copas.addNamedThread(
        "guarded",
        Effect.gen(function*() {
          const d = yield* Copas.Copas
          yield* Copas.timeout(100, (task) => Effect.ignore(Copas.wakeup(task)).pipe(Effect.provideService(Copas.Copas, d)))
          yield* Copas.pauseForever
        })
      )
      const plain = collector()
      yield* runTimed(Effect.zipRight(Debug.start({ logger: plain.logger }), program), [100])
      const core = collector()
      yield* runTimed(Effect.zipRight(Debug.start({ logger: core.logger, core: true }), program), [100])
      assert.isFalse(plain.lines.some((l) => l.includes("copas_core_timer")))
      assert.include(plain.lines, "yielding 'guarded' to SLEEP for -1 seconds")
      assert.include(core.lines, "resuming 'copas_core_timer'")
      assert.include(core.lines, "exiting 'copas_core_timer'")
    }))
})

describe("Debug loggers", () => {
  it.effect("default: the traced fiber's own loggers, at Debug level (not filtered by the minimum level)", () =>
    Effect.gen(function*() {
      const { levels, lines, logger } = collector()
      yield* runTimed(
        Effect.zipRight(Debug.start(), Copas.addNamedThread("t", Copas.sleep(10))),
        [10]
      ).pipe(Effect.provide(Logger.add(logger)))
      assert.deepStrictEqual(lines, [
        "resuming 't'",
        "yielding 't' to SLEEP for 0.01 seconds",
        "resuming 't'",
        "exiting 't'"
      ])
      assert.deepStrictEqual(new Set(levels), new Set(["DEBUG"]))
    }))

  it.effect("a custom logger gets the lines (at the level asked for), the fiber's loggers none", () =>
    Effect.gen(function*() {
      const custom = collector()
      const ambient = collector()
      yield* runTimed(
        Effect.zipRight(
          Debug.start({ logger: custom.logger, level: LogLevel.Warning }),
          Copas.addNamedThread("t", Copas.sleep(10))
        ),
        [10]
      ).pipe(Effect.provide(Logger.add(ambient.logger)))
      assert.deepStrictEqual(custom.lines, [
        "resuming 't'",
        "yielding 't' to SLEEP for 0.01 seconds",
        "resuming 't'",
        "exiting 't'"
      ])
      assert.deepStrictEqual(new Set(custom.levels), new Set(["WARN"]))
      assert.deepStrictEqual(ambient.lines, [])
    }))
})

describe("Debug per fiber", () => {
  it.effect("traced: the effect's tasks are traced, other tasks are not", () =>
    Effect.gen(function*() {
      const { lines, logger } = collector()
      yield* runTimed(
        Effect.gen(function*() {
          yield* Debug.traced(Copas.addNamedThread("mine", Copas.sleep(10)), { logger })
          yield* Copas.addNamedThread("other", Copas.sleep(10))
        }),
        [10]
      )
      assert.deepStrictEqual(lines, [
        "resuming 'mine'",
        "yielding 'mine' to SLEEP for 0.01 seconds",
        "resuming 'mine'",
        "exiting 'mine'"
      ])
    }))

  it.effect("traced tasks pass it on to the tasks they spawn; untraced opts out under start", () =>
    Effect.gen(function*() {
      const { lines, logger } = collector()
      yield* runTimed(
        Effect.gen(function*() {
          yield* Debug.traced(
            Copas.addNamedThread("parent", Copas.addNamedThread("child", Copas.pause())),
            { logger }
          )
          yield* Debug.start({ logger })
          yield* Debug.untraced(Copas.addNamedThread("quiet", Copas.pause()))
        })
      )
      assert.deepStrictEqual(lines, [
        "resuming 'parent'",
        "exiting 'parent'",
        "resuming 'child'",
        "yielding 'child' to SLEEP for 0 seconds",
        "resuming 'child'",
        "exiting 'child'"
      ])
    }))

  it.effect("layer: the effect it is provided to is traced", () =>
    Effect.gen(function*() {
      const { lines, logger } = collector()
      yield* Effect.gen(function*() {
        yield* Copas.addNamedThread("job", Copas.pause())
        yield* Copas.loop()
      }).pipe(Effect.provide(Debug.layer({ logger })), Effect.provide(Copas.layer))
      yield* Effect.gen(function*() {
        yield* Copas.addNamedThread("untouched", Copas.pause())
        yield* Copas.loop()
      }).pipe(Effect.provide(Copas.layer))
      assert.deepStrictEqual(lines, [
        "resuming 'job'",
        "yielding 'job' to SLEEP for 0 seconds",
        "resuming 'job'",
        "exiting 'job'"
      ])
    }))
})

describe("Debug.socket", () => {
  it.effect("a watched socket's timeouts still apply (the watch logs, the socket keeps the value)", () =>
    Effect.gen(function*() {
      const { lines, logger } = collector()
      let r: unknown
      yield* Copas.run(
        Effect.gen(function*() {
          const server = yield* lineEcho
          const c = yield* Socket.tcp({ name: "out" })
          yield* Debug.socket(c, { logger })
          yield* Socket.setTimeouts(c, { receive: 100, send: 200 })
          const t = yield* Socket.getTimeouts(c)
          yield* Socket.connect(c, "127.0.0.1", server.port)
          yield* Copas.addThread(TestClock.adjust("1 second"))
          // the server waits for a line: only the receive timeout ends this
          const err = yield* Effect.flip(Socket.receive(c))
          yield* Socket.close(c)
          yield* Server.removeServer(server)
          r = [t.receive, t.send, t.connect, err._tag]
        })
      ).pipe(Effect.provide(MemorySockets.layer))
      assert.deepStrictEqual(r, [100, 200, Infinity, "TimeoutError"])
      assert.isTrue(lines.some((l) => l.includes("'setTimeouts'") && l.includes("receiveTimeout: '100'")))
    }))

  it.effect("logs every call with its arguments and results, strings cut at 30 characters", () =>
    Effect.gen(function*() {
      const { lines, logger } = collector()
      const long = "0123456789abcdefghijklmnopqrstuvwxyz" // 36 characters
      yield* Copas.run(
        Effect.gen(function*() {
          const server = yield* lineEcho
          yield* Copas.addNamedThread(
            "client",
            Effect.gen(function*() {
              const c = yield* Socket.tcp({ name: "out" })
              yield* Debug.socket(c, { logger })
              yield* Socket.setTimeouts(c, { receive: 5000 })
              yield* Socket.connect(c, "127.0.0.1", server.port)
              yield* Socket.send(c, long + "\n")
              yield* Socket.receive(c)
              yield* Effect.flip(Socket.receive(c, 4, "ab"))
              yield* Socket.close(c)
              yield* Server.removeServer(server)
            }).pipe(Effect.orDie)
          )
        })
      ).pipe(Effect.provide(MemorySockets.layer))
      // call numbers are global (as Copas's): compare without them
      const calls = lines.map((l) => l.replace(/^\d+-/, "N-"))
      const port = /port: '(\d+)'/.exec(calls[1] ?? "")?.[1]
      assert.deepStrictEqual(calls, [
        "N-calling 'setTimeouts' with; socket: 'out' (socket), receiveTimeout: '5000' (number)",
        `N-calling 'connect' with; socket: 'out' (socket), address: '127.0.0.1' (string #9), port: '${port}' (number)`,
        "N-results 'connect' returned; success: 'true' (boolean)",
        "N-calling 'send' with; socket: 'out' (socket), data: '0123456789abcdefghijklmnopqrst(...truncated)' (string #37), idx-start: undefined, idx-end: undefined",
        "N-results 'send' returned; last-idx-send: '37' (number)",
        "N-calling 'receive' with; socket: 'out' (socket), pattern: undefined, prefix: undefined",
        "N-results 'receive' returned; received: '0123456789abcdefghijklmnopqrst(...truncated)' (string #36)",
        "N-calling 'receive' with; socket: 'out' (socket), pattern: '4' (number), prefix: 'ab' (string #2)",
        "N-results 'receive' failed; error: 'closed' (ClosedError), partial data: 'ab' (string #2)",
        "N-calling 'close' with; socket: 'out' (socket)",
        "N-results 'close' returned; success: 'true' (boolean)"
      ])
      // a call and its results share a number; numbers increase
      const ids = lines.map((l) => Number(/^(\d+)-/.exec(l)?.[1]))
      assert.strictEqual(ids[1], ids[2])
      assert.isTrue(ids[3]! > ids[2]! && ids[5]! > ids[3]!)
    }))

  it.effect("socket after unsocket, again and again: each call is logged once and the socket is wrapped once (no layer per toggle)", () =>
    Effect.gen(function*() {
      const { lines, logger } = collector()
      let wrappedOnce = false
      yield* Copas.run(Effect.gen(function*() {
        const c = yield* Socket.tcp({ name: "toggled" })
        const sendOf = () => Object.getOwnPropertyDescriptor(c, "send")?.value as unknown
        yield* Debug.socket(c, { logger })
        const first = sendOf()
        for (let i = 0; i < 5; i++) {
          yield* Debug.unsocket(c)
          yield* Debug.socket(c, { logger })
        }
        wrappedOnce = first !== undefined && sendOf() === first
        yield* Socket.setSocketName(c, "renamed")
        yield* Socket.close(c)
      })).pipe(Effect.provide(MemorySockets.layer))
      assert.isTrue(wrappedOnce)
      assert.strictEqual(lines.filter((l) => l.includes("'setSocketName'")).length, 1)
      assert.strictEqual(lines.filter((l) => l.includes("'close'")).length, 2) // calling, results
    }))

  it.effect("only the traced socket logs; unsocket stops it; bytes are shown as latin1", () =>
    Effect.gen(function*() {
      const { lines, logger } = collector()
      yield* Copas.run(
        Effect.gen(function*() {
          const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (sock) =>
            Effect.gen(function*() {
              const data = yield* Socket.receiveBytes(sock, 3)
              yield* Socket.send(sock, data)
            }).pipe(Effect.ignore), { name: "echo" })
          yield* Copas.addNamedThread(
            "client",
            Effect.gen(function*() {
              const c = yield* Socket.tcp({ name: "traced" })
              const other = yield* Socket.tcp({ name: "plain" })
              yield* Debug.socket(c, { logger })
              yield* Socket.connect(other, "127.0.0.1", server.port)
              yield* Socket.close(other)
              yield* Socket.connect(c, "127.0.0.1", server.port)
              yield* Socket.send(c, new Uint8Array([65, 10, 66]))
              yield* Socket.receiveBytes(c, 3)
              yield* Debug.unsocket(c)
              yield* Socket.close(c)
              yield* Server.removeServer(server)
            }).pipe(Effect.orDie)
          )
        })
      ).pipe(Effect.provide(MemorySockets.layer))
      const calls = lines.map((l) => l.replace(/^\d+-/, "N-"))
      assert.isFalse(calls.some((l) => l.includes("plain")))
      assert.isFalse(calls.some((l) => l.includes("'close'")))
      assert.include(calls, "N-calling 'send' with; socket: 'traced' (socket), data: 'A\\nB' (bytes #3), idx-start: undefined, idx-end: undefined")
      assert.include(calls, "N-results 'receiveBytes' returned; received: 'A\\nB' (bytes #3)")
    }))
})

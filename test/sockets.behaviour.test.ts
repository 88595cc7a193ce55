/**
 * One behavioural suite for the socket core, run on both networks: `NodeSockets.layer` (real
 * sockets on 127.0.0.1, port 0, real time) and `MemorySockets.layer` (in process, under TestClock).
 * Whatever a test here checks must hold on both: the memory network is only useful for testing if
 * a server behaves on it as on real sockets.
 */
import { describe, it, assert } from "@effect/vitest"
import { Cause, Deferred, Effect, Exit, Fiber, type Layer, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import { ClosedError, ConnectError, LineTooLongError, TimeoutError } from "effect-copas/Errors"
import * as MemorySockets from "effect-copas/MemorySockets"
import * as NodeSockets from "effect-copas/NodeSockets"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { makeCerts } from "./util/certs.js"

type Env = Copas.Copas | Socket.Sockets

interface Target {
  readonly name: string
  readonly layer: Layer.Layer<Socket.Sockets>
  /** timing tests drive a TestClock (memory) instead of waiting for real time (node) */
  readonly virtualTime: boolean
}

const targets: ReadonlyArray<Target> = [
  { name: "NodeSockets", layer: NodeSockets.layer, virtualTime: false },
  { name: "MemorySockets", layer: MemorySockets.layer, virtualTime: true }
]

/** real event-loop turns (I/O callbacks run; the TestClock does not move) */
const ticks = (n = 5) =>
  Effect.promise(async () => {
    for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r))
  })

/** waits (bounded, in real event-loop turns) until `cond` holds */
const until = (cond: () => boolean, what: string) =>
  Effect.gen(function*() {
    for (let i = 0; i < 2000; i++) {
      if (cond()) return
      yield* ticks(1)
    }
    return yield* Effect.dieMessage(`gave up waiting for: ${what}`)
  })

const behaviour = (target: Target) => {
  const test = target.virtualTime ? it.effect : it.live

  /** runs `body` as the initializer of a fresh dispatcher on the target network; its exit */
  const copas = <A, E>(body: Effect.Effect<A, E, Env>): Effect.Effect<Exit.Exit<A, E>> =>
    Effect.gen(function*() {
      let exit: Exit.Exit<A, E> | undefined
      yield* Copas.run(Effect.exit(body).pipe(Effect.map((e) => {
        exit = e
      }))).pipe(Effect.provide(target.layer))
      return exit!
    }).pipe(
      // a hang is a failure, not a stuck test run (real time only: TestClock does not move here)
      target.virtualTime ? (e) => e : Effect.timeoutFail({ duration: "10 seconds", onTimeout: () => new Error("hung") }),
      Effect.orDie
    )

  /** a TCP server on 127.0.0.1:0 for the duration of `use` (removed after, so the loop ends) */
  const withServer = <A, E, R>(
    handler: Server.Handler<R>,
    use: (port: number) => Effect.Effect<A, E, Env | R>,
    options: Server.ServerOptions = {}
  ) =>
    Effect.gen(function*() {
      const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, handler, options)
      return yield* use(server.port).pipe(Effect.ensuring(Server.removeServer(server)))
    })

  const client = (port: number, options?: Socket.SocketOptions) =>
    Effect.gen(function*() {
      const c = yield* Socket.tcp(options)
      yield* Socket.connect(c, "127.0.0.1", port)
      return c
    })

  /** time passes: on the TestClock we move it; in real time the timeouts are short and we wait */
  const advance = (ms: number) => (target.virtualTime ? TestClock.adjust(ms) : Effect.void)

  describe(`sockets behaviour on ${target.name}`, () => {
    test("line echo: LF ends a line, CRs are dropped, utf8 by default", () =>
      Effect.gen(function*() {
        const echo = (sock: Socket.CopasSocket): Effect.Effect<void, Socket.ReceiveError | Socket.SendError> =>
          Effect.gen(function*() {
            for (;;) {
              const line = yield* Socket.receive(sock)
              if (line === "quit") return
              yield* Socket.send(sock, `${line}\n`)
            }
          })
        const exit = yield* copas(withServer(echo, (port) =>
          Effect.gen(function*() {
            const c = yield* client(port)
            yield* Socket.send(c, "hello\nwörld\r\n")
            const a = yield* Socket.receive(c)
            const b = yield* Socket.receive(c, "*l")
            yield* Socket.send(c, "quit\n")
            // the handler returned: the server closed the connection
            const end = yield* Effect.flip(Socket.receive(c))
            yield* Socket.close(c)
            return [a, b, end._tag]
          })))
        assert.deepStrictEqual(Exit.getOrElse(exit, () => []), ["hello", "wörld", "ClosedError"])
      }))

    test('"*a" returns everything up to the close (not an error)', () =>
      Effect.gen(function*() {
        const exit = yield* copas(withServer(
          (sock) => Socket.send(sock, "part 1\npart 2"),
          (port) =>
            Effect.gen(function*() {
              const c = yield* client(port)
              const all = yield* Socket.receive(c, "*a")
              yield* Socket.close(c)
              return all
            })
        ))
        assert.deepStrictEqual(exit, Exit.succeed("part 1\npart 2"))
      }))

    test("receive(n) with a prefix (the prefix counts towards n); receiveBytes", () =>
      Effect.gen(function*() {
        const exit = yield* copas(withServer(
          (sock) => Effect.zipRight(Socket.send(sock, "cdefgh\u0000\u00ff"), Socket.receive(sock, "*a")),
          (port) =>
            Effect.gen(function*() {
              const c = yield* client(port)
              const a = yield* Socket.receive(c, 5, "ab")
              const b = yield* Socket.receive(c, 3)
              const bytes = yield* Socket.receiveBytes(c, 3)
              yield* Socket.close(c)
              return [a, b, Array.from(bytes)]
            })
        ))
        // "\u00ff" is two bytes in utf8: c3 bf
        assert.deepStrictEqual(exit, Exit.succeed(["abcde", "fgh", [0, 0xc3, 0xbf]]))
      }))

    test("receivePartial returns what is there without waiting for the whole pattern", () =>
      Effect.gen(function*() {
        const exit = yield* copas(withServer(
          (sock) =>
            Effect.gen(function*() {
              yield* Socket.send(sock, "abc")
              // wait for the client's go-ahead before sending the rest
              yield* Socket.receive(sock)
              yield* Socket.send(sock, "defg")
            }),
          (port) =>
            Effect.gen(function*() {
              const c = yield* client(port)
              const first = yield* Socket.receivePartial(c, 100)
              yield* Socket.send(c, "go\n")
              // the rest, then the close: "*a" with receivePartial returns what is left at the end
              let rest = ""
              for (let i = 0; i < 10 && rest.length < 4; i++) rest += yield* Socket.receivePartial(c, "*a")
              yield* Socket.close(c)
              return [first, rest]
            })
        ))
        assert.deepStrictEqual(exit, Exit.succeed(["abc", "defg"]))
      }))

    test("send(data, start, end) sends the half-open range and returns the index after it", () =>
      Effect.gen(function*() {
        const exit = yield* copas(withServer(
          (sock) =>
            Effect.gen(function*() {
              const got = yield* Socket.receive(sock, "*a")
              yield* Socket.send(sock, got)
            }),
          (port) =>
            Effect.gen(function*() {
              const c = yield* client(port)
              const r1 = yield* Socket.send(c, "0123456789", 2, 5)
              const r2 = yield* Socket.send(c, "hello world", 6)
              const r3 = yield* Socket.send(c, new Uint8Array([0x21, 0x3f]))
              const r4 = yield* Socket.send(c, "", 0)
              yield* Socket.shutdown(c, "send")
              const echoed = yield* Socket.receive(c, "*a")
              yield* Socket.close(c)
              return [r1, r2, r3, r4, echoed]
            })
        ))
        assert.deepStrictEqual(exit, Exit.succeed([5, 11, 2, 0, "234world!?"]))
      }))

    test("close wakes a task blocked in receive with ClosedError at once", () =>
      Effect.gen(function*() {
        const exit = yield* copas(withServer(
          (sock) => Socket.receive(sock, "*a"),
          (port) =>
            Effect.gen(function*() {
              const c = yield* client(port)
              const result = yield* Deferred.make<Exit.Exit<string, Socket.ReceiveError>>()
              let blocked = false
              yield* Copas.addThread(Effect.gen(function*() {
                blocked = true
                const e = yield* Effect.exit(Socket.receive(c))
                yield* Deferred.succeed(result, e)
              }))
              // let the reader block (no time passes: this works under TestClock too)
              while (!blocked) yield* Copas.pause()
              yield* Copas.pause()
              yield* Socket.close(c)
              return yield* Deferred.await(result)
            })
        ))
        assert.isTrue(Exit.isSuccess(exit))
        const readerExit = Exit.isSuccess(exit) ? exit.value : undefined
        assert.isTrue(readerExit !== undefined && Exit.isFailure(readerExit))
        const err = Exit.isFailure(readerExit!) ? Cause.failureOption(readerExit.cause) : undefined
        assert.instanceOf(err?._tag === "Some" ? err.value : undefined, ClosedError)
      }))

    test("a receive timeout fails with TimeoutError carrying the partial data", () =>
      Effect.gen(function*() {
        let waiting = false
        const run = yield* Effect.fork(copas(withServer(
          (sock) =>
            Effect.gen(function*() {
              yield* Socket.send(sock, "abc")
              yield* Socket.receive(sock, "*a")
            }),
          (port) =>
            Effect.gen(function*() {
              const c = yield* client(port)
              yield* Socket.setTimeout(c, "200 millis")
              // the line is incomplete: "abc" arrives, then nothing
              const first = yield* Socket.receivePartial(c, 2)
              waiting = true
              const timedOut = yield* Effect.flip(Socket.receive(c))
              // a byte count times out the same way
              yield* Socket.setTimeout(c, "100 millis")
              waiting = false
              const again = yield* Effect.flip(Socket.receive(c, 10))
              yield* Socket.close(c)
              return { first, timedOut, again }
            })
        )))
        if (target.virtualTime) {
          yield* until(() => waiting, "the client to wait for a line")
          yield* ticks(20)
          yield* advance(199)
          yield* ticks(20)
          // not yet
          assert.isNull(run.unsafePoll())
          yield* advance(1)
          yield* until(() => !waiting, "the first timeout")
          yield* ticks(20)
          yield* advance(100)
        }
        const exit = yield* Fiber.join(run)
        assert.isTrue(Exit.isSuccess(exit))
        if (Exit.isSuccess(exit)) {
          const { again, first, timedOut } = exit.value
          assert.strictEqual(first, "ab")
          assert.instanceOf(timedOut, TimeoutError)
          assert.strictEqual((timedOut as TimeoutError).partial, "c")
          assert.strictEqual((timedOut as TimeoutError).operation, "receive")
          assert.instanceOf(again, TimeoutError)
          assert.strictEqual((again as TimeoutError).partial, "")
        }
      }))

    test("half-close: the client shuts down sending, the server reads to EOF and still replies", () =>
      Effect.gen(function*() {
        const exit = yield* copas(withServer(
          (sock) =>
            Effect.gen(function*() {
              const request = yield* Socket.receive(sock, "*a")
              yield* Socket.send(sock, `response to ${request}`)
            }),
          (port) =>
            Effect.gen(function*() {
              const c = yield* client(port)
              yield* Socket.send(c, "request")
              yield* Socket.shutdown(c, "send")
              const closedForSend = yield* Effect.flip(Socket.send(c, "more"))
              const reply = yield* Socket.receive(c, "*a")
              yield* Socket.close(c)
              return [reply, closedForSend._tag]
            })
        ))
        assert.deepStrictEqual(exit, Exit.succeed(["response to request", "ClosedError"]))
      }))

    test("an over-long line fails with LineTooLongError; the bytes stay readable with receive(n)", () =>
      Effect.gen(function*() {
        const exit = yield* copas(withServer(
          (sock) =>
            Effect.gen(function*() {
              const err = yield* Effect.flip(Socket.receive(sock))
              const data = yield* Socket.receive(sock, 40)
              const rest = yield* Socket.receive(sock)
              const next = yield* Socket.receive(sock)
              yield* Socket.send(sock, `${err._tag} ${(err as LineTooLongError).limit} ${data.length} [${rest}] ${next}\n`)
            }),
          (port) =>
            Effect.gen(function*() {
              const c = yield* client(port)
              yield* Socket.send(c, "x".repeat(40) + "\nshort\n")
              const reply = yield* Socket.receive(c)
              yield* Socket.close(c)
              return reply
            }),
          { maxLineLength: 16 }
        ))
        assert.deepStrictEqual(exit, Exit.succeed("LineTooLongError 16 40 [] short"))
      }))

    test("a failing handler reaches the error handler and does not affect another connection", () =>
      Effect.gen(function*() {
        const errors: Array<string> = []
        const exit = yield* copas(Effect.gen(function*() {
          yield* Copas.setErrorHandler(
            (cause, task) => Effect.sync(() => errors.push(`${task.threadName}: ${Cause.squash(cause)}`)),
            { default: true }
          )
          return yield* withServer(
            (sock) =>
              Effect.gen(function*() {
                const line = yield* Socket.receive(sock)
                if (line === "boom") return yield* Effect.fail("kaboom")
                yield* Socket.send(sock, `ok ${line}\n`)
              }),
            (port) =>
              Effect.gen(function*() {
                const good = yield* client(port)
                const bad = yield* client(port)
                yield* Socket.send(bad, "boom\n")
                // the failed handler's connection is closed
                const badEnd = yield* Effect.flip(Socket.receive(bad))
                yield* Socket.send(good, "fine\n")
                const reply = yield* Socket.receive(good)
                yield* Socket.close(good)
                yield* Socket.close(bad)
                return [badEnd._tag, reply]
              })
          )
        }))
        assert.deepStrictEqual(exit, Exit.succeed(["ClosedError", "ok fine"]))
        assert.strictEqual(errors.length, 1)
        assert.match(errors[0]!, /handler_\d+: .*kaboom/)
      }))

    test("a server receive timeout closes the idle client while another keeps working", () =>
      Effect.gen(function*() {
        let phase = 0
        const run = yield* Effect.fork(copas(Effect.zipRight(
          // the idle handler's TimeoutError is expected: keep the log quiet
          Copas.setErrorHandler(() => Effect.void, { default: true }),
          withServer(
          (sock) =>
            Effect.gen(function*() {
              for (;;) {
                const line = yield* Socket.receive(sock)
                yield* Socket.send(sock, `${line}!\n`)
              }
            }),
          (port) =>
            Effect.gen(function*() {
              const idle = yield* client(port)
              const busy = yield* client(port)
              const replies: Array<string> = []
              for (let i = 0; i < 3; i++) {
                phase = i + 1
                // wait 100 ms between lines: the busy client never idles for 300 ms
                yield* Copas.sleep("100 millis")
                yield* Socket.send(busy, `ping ${i}\n`)
                replies.push(yield* Socket.receive(busy))
              }
              phase = 10
              const idleEnd = yield* Effect.flip(Socket.receive(idle))
              yield* Socket.close(busy)
              yield* Socket.close(idle)
              return { replies, idleEnd: idleEnd._tag }
            }),
          { timeout: "300 millis" }
        ))))
        if (target.virtualTime) {
          for (let i = 1; i <= 3; i++) {
            yield* until(() => phase === i, `phase ${i}`)
            yield* ticks(10)
            yield* advance(100)
          }
          yield* until(() => phase === 10, "the last reply")
          yield* ticks(10)
          // the idle client's handler has waited 300 ms now
          yield* advance(10)
        }
        const exit = yield* Fiber.join(run)
        assert.deepStrictEqual(exit, Exit.succeed({ replies: ["ping 0!", "ping 1!", "ping 2!"], idleEnd: "ClosedError" }))
      }))

    test("TLS: a server terminating TLS and a verifying client (certificate, host name, ALPN)", () =>
      Effect.gen(function*() {
        const certs = makeCerts()
        const exit = yield* copas(withServer(
          (sock) =>
            Effect.gen(function*() {
              const line = yield* Socket.receive(sock)
              const alpn = yield* Socket.getAlpn(sock)
              yield* Socket.send(sock, `${line} over ${alpn} ${sock.isTls}\n`)
            }),
          (port) =>
            Effect.gen(function*() {
              const c = yield* Socket.tcp({ tls: { ca: certs.ca, servername: "localhost", alpn: ["line/1"] } })
              yield* Socket.connect(c, "127.0.0.1", port)
              yield* Socket.send(c, "secret")
              yield* Socket.send(c, "\n")
              const reply = yield* Socket.receive(c)
              // a client that does not trust the CA fails verification
              const untrusting = yield* Socket.tcp({ tls: { servername: "localhost" } })
              const err = yield* Effect.flip(Socket.connect(untrusting, "127.0.0.1", port))
              yield* Socket.close(untrusting)
              yield* Socket.close(c)
              return [reply, err._tag, err._tag === "TlsError" ? err.reason : ""]
            }),
          { tls: { key: certs.server.key, cert: certs.server.cert, alpn: ["line/1"] } }
        ).pipe(Effect.tap(() => Copas.setErrorHandler(() => Effect.void, { default: true }))))
        assert.deepStrictEqual(exit, Exit.succeed(["secret over line/1 true", "TlsError", "verification"]))
      }))

    test("connect to a port nobody listens on fails with ConnectError refused", () =>
      Effect.gen(function*() {
        const exit = yield* copas(Effect.gen(function*() {
          const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, () => Effect.void)
          const port = server.port
          yield* Server.removeServer(server)
          const c = yield* Socket.tcp()
          const err = yield* Effect.flip(Socket.connect(c, "127.0.0.1", port))
          yield* Socket.close(c)
          return err
        }))
        assert.isTrue(Exit.isSuccess(exit))
        if (Exit.isSuccess(exit)) {
          assert.instanceOf(exit.value, ConnectError)
          assert.strictEqual((exit.value as ConnectError).reason, "refused")
        }
      }))

    test("getPeerName / getSockName agree between client and server", () =>
      Effect.gen(function*() {
        const exit = yield* copas(withServer(
          (sock) =>
            Effect.gen(function*() {
              const peer = yield* Socket.getPeerName(sock)
              const local = yield* Socket.getSockName(sock)
              yield* Socket.send(sock, `${peer.address} ${peer.port} ${local.port}\n`)
            }),
          (port) =>
            Effect.gen(function*() {
              const c = yield* client(port)
              const line = yield* Socket.receive(c)
              const mine = yield* Socket.getSockName(c)
              const theirs = yield* Socket.getPeerName(c)
              yield* Socket.close(c)
              return [line, `${mine.address} ${mine.port} ${port}`, theirs.port === port, theirs.family]
            })
        ))
        assert.isTrue(Exit.isSuccess(exit))
        if (Exit.isSuccess(exit)) {
          const [line, expected, same, family] = exit.value
          assert.strictEqual(line, expected)
          assert.isTrue(same)
          assert.strictEqual(family, "IPv4")
        }
      }))

    test("UDP: receiveFrom gives each datagram whole with its sender; sendTo replies; size truncates", () =>
      Effect.gen(function*() {
        const exit = yield* copas(Effect.gen(function*() {
          const server = yield* Socket.udp({ host: "127.0.0.1", port: 0 })
          const client = yield* Socket.udp({ host: "127.0.0.1", port: 0 })
          const serverPort = (yield* Socket.getSockName(server)).port
          const clientPort = (yield* Socket.getSockName(client)).port
          const n1 = yield* Socket.sendTo(client, "ping", "127.0.0.1", serverPort)
          yield* Socket.sendTo(client, "0123456789", "127.0.0.1", serverPort)
          const d1 = yield* Socket.receiveFrom(server)
          const d2 = yield* Socket.receiveFrom(server, 4)
          yield* Socket.sendTo(server, `pong ${d1.data}`, d1.address, d1.port)
          const reply = yield* Socket.receiveFrom(client)
          yield* Socket.close(server)
          yield* Socket.close(client)
          return { n1, d1, d2: d2.data, reply, serverPort, clientPort }
        }))
        assert.isTrue(Exit.isSuccess(exit), String(exit))
        if (Exit.isSuccess(exit)) {
          const v = exit.value
          assert.strictEqual(v.n1, 4)
          assert.deepStrictEqual(v.d1, { data: "ping", address: "127.0.0.1", port: v.clientPort })
          assert.strictEqual(v.d2, "0123")
          assert.deepStrictEqual(v.reply, { data: "pong ping", address: "127.0.0.1", port: v.serverPort })
        }
      }))

    test("UDP: a connected socket sends with send and receives with receive(size)", () =>
      Effect.gen(function*() {
        const exit = yield* copas(Effect.gen(function*() {
          const a = yield* Socket.udp({ host: "127.0.0.1", port: 0 })
          const b = yield* Socket.udp({ host: "127.0.0.1", port: 0 })
          const pa = (yield* Socket.getSockName(a)).port
          const pb = (yield* Socket.getSockName(b)).port
          yield* Socket.connect(a, "127.0.0.1", pb)
          yield* Socket.connect(b, "127.0.0.1", pa)
          yield* Socket.send(a, "one")
          yield* Socket.send(a, "two")
          const got = [yield* Socket.receive(b, 100), yield* Socket.receive(b, 100)]
          yield* Socket.close(a)
          yield* Socket.close(b)
          return got
        }))
        assert.deepStrictEqual(exit, Exit.succeed(["one", "two"]))
      }))
  })
}

for (const target of targets) behaviour(target)

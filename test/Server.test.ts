/**
 * Servers (Copas's addserver / removeserver / handler, plus maxConnections, drain, metrics and the
 * scoped layer), on both networks: real sockets in real time and the memory network under
 * TestClock (see test/util/harness.ts).
 */
import { assert, describe, it } from "@effect/vitest"
import { Cause, Deferred, Effect, Exit, Fiber, Metric } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Future from "effect-copas/Future"
import * as MemorySockets from "effect-copas/MemorySockets"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import * as net from "node:net"
import { type Dispatcher, driveFor, preemptIn, seeded, start } from "./util/copas.js"
import { makeCerts } from "./util/certs.js"
import { type Env, harness, resetConn, type Target, targets } from "./util/harness.js"

const servers = (target: Target) => {
  const { client, copas, now, test, timed, withServer } = harness(target)
  const metricValue = (metric: Metric.Metric.Counter<number>, name: string) =>
    Effect.map(Metric.value(Metric.tagged(metric, "server", name)), (s) => s.count)
  const gaugeValue = (name: string) =>
    Effect.map(Metric.value(Metric.tagged(Server.metrics.connectionsOpen, "server", name)), (s) => s.value)

  describe(`Server on ${target.name}`, () => {
    test("names: <server>:handler_<n> runs with <server>:client_<n>, which inherits the server timeout", () =>
      Effect.gen(function*() {
        const exit = yield* copas(Effect.gen(function*() {
          const info = (sock: Socket.CopasSocket) =>
            Effect.gen(function*() {
              const thread = yield* Copas.getThreadName()
              const name = yield* Socket.getSocketName(sock)
              const t = yield* Socket.getTimeouts(sock)
              // a handler's name is made when first asked for; renaming replaces it
              yield* Copas.setThreadName(`${thread}!`)
              const renamed = yield* Copas.getThreadName()
              yield* Socket.send(sock, `${thread} ${name} ${t.connect} ${t.send} ${t.receive} ${renamed}\n`)
            })
          const named = yield* withServer(info, (port) =>
            Effect.gen(function*() {
              const a = yield* client(port)
              const b = yield* client(port)
              const r = [yield* Socket.receive(a), yield* Socket.receive(b)]
              yield* Socket.close(a)
              yield* Socket.close(b)
              return r
            }), { name: "srv", timeout: "5 seconds" })
          const anonymous = yield* withServer(info, (port, server) =>
            Effect.gen(function*() {
              const a = yield* client(port)
              const r = yield* Socket.receive(a)
              yield* Socket.close(a)
              return [r, server.name, server.kind, server.port === port, server.address]
            }))
          return [named, anonymous]
        }))
        assert.isTrue(Exit.isSuccess(exit), String(exit))
        if (Exit.isSuccess(exit)) {
          const [named, anonymous] = exit.value
          assert.deepStrictEqual(named, [
            "srv:handler_1 srv:client_1 5000 5000 5000 srv:handler_1!",
            "srv:handler_2 srv:client_2 5000 5000 5000 srv:handler_2!"
          ])
          const port = anonymous[1]!.toString().replace("tcp_server_", "")
          assert.deepStrictEqual(anonymous, [
            `tcp_server_${port}:handler_1 tcp_server_${port}:client_1 Infinity Infinity Infinity tcp_server_${port}:handler_1!`,
            `tcp_server_${port}`,
            "tcp",
            true,
            "127.0.0.1"
          ])
        }
      }))

    test("a failing handler reaches the error handler with its socket; other connections go on", () =>
      Effect.gen(function*() {
        const seen: Array<string> = []
        const exit = yield* copas(Effect.gen(function*() {
          yield* Copas.setErrorHandler((cause, task, sock) =>
            Effect.sync(() => seen.push(`${task.threadName} ${sock?.name} ${Cause.squash(cause)}`)), { default: true })
          return yield* withServer(
            (sock) =>
              Effect.gen(function*() {
                const line = yield* Socket.receive(sock)
                if (line === "die") return yield* Effect.die(new Error("handler bug"))
                if (line === "fail") return yield* Effect.fail("expected failure")
                yield* Socket.send(sock, `ok ${line}\n`)
              }),
            (port) =>
              Effect.gen(function*() {
                const [a, b, c] = [yield* client(port), yield* client(port), yield* client(port)]
                yield* Socket.send(a, "die\n")
                yield* Socket.send(b, "fail\n")
                const ends = [(yield* Effect.flip(Socket.receive(a)))._tag, (yield* Effect.flip(Socket.receive(b)))._tag]
                yield* Socket.send(c, "fine\n")
                const reply = yield* Socket.receive(c)
                for (const s of [a, b, c]) yield* Socket.close(s)
                return [...ends, reply]
              }),
            { name: "faulty" }
          )
        }))
        assert.deepStrictEqual(exit, Exit.succeed(["ClosedError", "ClosedError", "ok fine"]))
        assert.deepStrictEqual(seen.sort(), [
          "faulty:handler_1 faulty:client_1 Error: handler bug",
          "faulty:handler_2 faulty:client_2 expected failure"
        ])
      }))

    test("noDelay: every accepted connection has tcp-nodelay set before its handler runs", () =>
      Effect.gen(function*() {
        const exit = yield* copas(Effect.gen(function*() {
          const report = (sock: Socket.CopasSocket) =>
            Effect.flatMap(Socket.getOption(sock, "tcp-nodelay"), (v) => Socket.send(sock, `${v}\n`))
          const ask = (port: number) =>
            Effect.gen(function*() {
              const c = yield* client(port)
              const line = yield* Socket.receive(c)
              yield* Socket.close(c)
              return line
            })
          const on = yield* withServer(report, ask, { noDelay: true })
          const off = yield* withServer(report, ask)
          return [on, off]
        }))
        assert.deepStrictEqual(exit, Exit.succeed(["true", "undefined"]))
      }))

    test("autoclose: on by default; with setAutoclose(false) the connection outlives its handler", () =>
      Effect.gen(function*() {
        const exit = yield* copas(Effect.gen(function*() {
          const kept = yield* Deferred.make<Socket.CopasSocket>()
          yield* Copas.setAutoclose(false)
          const autoclose = yield* Copas.autoclose
          const r = yield* withServer(
            (sock) => Deferred.succeed(kept, sock),
            (port) =>
              Effect.gen(function*() {
                const c = yield* client(port)
                const sock = yield* Deferred.await(kept)
                // the handler has ended; its socket still works
                yield* Socket.send(sock, "still here\n")
                const line = yield* Socket.receive(c)
                yield* Socket.close(sock)
                const end = yield* Effect.flip(Socket.receive(c))
                yield* Socket.close(c)
                return [autoclose, line, end._tag]
              })
          )
          yield* Copas.setAutoclose(true)
          return r
        }))
        assert.deepStrictEqual(exit, Exit.succeed([false, "still here", "ClosedError"]))
      }))

    test("UDP: one handler, <server>:handler, gets the server socket; its close is a no-op; removeServer closes it", () =>
      Effect.gen(function*() {
        const exit = yield* copas(Effect.gen(function*() {
          const handlerEnd = yield* Deferred.make<string>()
          const server = yield* Server.addServer(
            { host: "127.0.0.1", port: 0, udp: true },
            (sock) =>
              Effect.gen(function*() {
                const thread = yield* Copas.getThreadName()
                // Copas: the handler must not close the server socket, so close does nothing
                yield* Socket.close(sock)
                for (;;) {
                  const dg = yield* Socket.receiveFrom(sock)
                  yield* Socket.sendTo(sock, `${thread} ${sock.name}: ${dg.data}`, dg.address, dg.port)
                }
              }).pipe(Effect.catchAll((e) => Deferred.succeed(handlerEnd, e._tag))),
            { name: "udpsrv" }
          )
          const c = yield* Socket.udp({ host: "127.0.0.1" })
          yield* Socket.sendTo(c, "one", "127.0.0.1", server.port)
          yield* Socket.sendTo(c, "two", "127.0.0.1", server.port)
          const r = [(yield* Socket.receiveFrom(c)).data, (yield* Socket.receiveFrom(c)).data]
          yield* Server.removeServer(server)
          const end = yield* Deferred.await(handlerEnd)
          yield* Socket.close(c)
          return [...r, server.kind, end]
        }))
        assert.deepStrictEqual(
          exit,
          Exit.succeed(["udpsrv:handler udpsrv: one", "udpsrv:handler udpsrv: two", "udp", "ClosedError"])
        )
      }))

    test("UDP: with no host a UDP server listens on 127.0.0.1, as a TCP server does (\"*\" = all interfaces)", () =>
      Effect.gen(function*() {
        const exit = yield* copas(Effect.gen(function*() {
          const u = yield* Server.addServer({ port: 0, udp: true }, () => Effect.void)
          const t = yield* Server.addServer({ port: 0 }, () => Effect.void)
          const all = yield* Server.addServer({ host: "*", port: 0, udp: true }, () => Effect.void)
          const r = [u.address, t.address, all.address]
          for (const s of [u, t, all]) yield* Server.removeServer(s)
          return r
        }))
        assert.deepStrictEqual(exit, Exit.succeed(["127.0.0.1", "127.0.0.1", "0.0.0.0"]))
      }))

    test("UDP: a bound UDP socket can be given as the server, with a timeout for the handler's reads", () =>
      Effect.gen(function*() {
        const exit = yield* timed(Effect.gen(function*() {
          const ended = yield* Deferred.make<string>()
          const sock = yield* Socket.udp({ host: "127.0.0.1", port: 0 })
          const server = yield* Server.addServer(sock, (s) =>
            Effect.gen(function*() {
              const dg = yield* Socket.receiveFrom(s)
              yield* Socket.sendTo(s, dg.data.toUpperCase(), dg.address, dg.port)
              // nothing more comes: the server timeout ends the wait
              return yield* Socket.receiveFrom(s)
            }).pipe(Effect.catchAll((e) => Deferred.succeed(ended, e._tag))), { timeout: "100 millis" })
          const c = yield* Socket.udp({ host: "127.0.0.1" })
          yield* Socket.sendTo(c, "shout", "127.0.0.1", server.port)
          const reply = (yield* Socket.receiveFrom(c)).data
          const end = yield* Deferred.await(ended)
          yield* Server.removeServer(server)
          yield* Socket.close(c)
          return [reply, end, server.name === `udp_server_${server.port}`]
        }))
        assert.deepStrictEqual(exit, Exit.succeed(["SHOUT", "TimeoutError", true]))
      }))

    test("removeServer: existing handlers keep running; keepOpen lets addServer take the socket again", () =>
      Effect.gen(function*() {
        const exit = yield* copas(Effect.gen(function*() {
          const greet = (word: string) => (sock: Socket.CopasSocket) =>
            Effect.gen(function*() {
              yield* Socket.send(sock, `${word}\n`)
              const line = yield* Socket.receive(sock)
              yield* Socket.send(sock, `${word} ${line}\n`)
            }).pipe(Effect.catchTag("ClosedError", () => Effect.void))
          const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, greet("one"), { name: "re" })
          const port = server.port
          const a = yield* client(port)
          const first = yield* Socket.receive(a)
          yield* Server.removeServer(server, { keepOpen: true })
          const removed = server.removed
          // a running handler is not touched by removeServer
          yield* Socket.send(a, "after\n")
          const stillServed = yield* Socket.receive(a)
          // a connection made now waits (not refused, not handled) until the server is added again
          const b = yield* client(port)
          for (let i = 0; i < 20; i++) yield* Copas.pause()
          const acceptedWhileRemoved = server.accepted
          const again = yield* Server.addServer(server, greet("two"))
          const second = yield* Socket.receive(b)
          yield* Server.removeServer(again)
          // now the socket is closed: connecting is refused
          const c = yield* Socket.tcp()
          const refused = yield* Effect.flip(Socket.connect(c, "127.0.0.1", port))
          // a closed server cannot be added again
          const reAdd = yield* Effect.exit(Server.addServer(server, greet("three")))
          for (const s of [a, b, c]) yield* Socket.close(s)
          return [
            first,
            removed,
            stillServed,
            acceptedWhileRemoved,
            again === server,
            second,
            refused._tag === "ConnectError" && refused.reason,
            Exit.isFailure(reAdd) && Cause.isDie(reAdd.cause)
          ]
        }))
        assert.deepStrictEqual(exit, Exit.succeed(["one", true, "one after", 1, true, "two", "refused", true]))
      }))

    test("addServer(server) again keeps the options it is not given again (maxConnections, as timeout and name)", () =>
      Effect.gen(function*() {
        const exit = yield* timed(Effect.gen(function*() {
          const hold = (sock: Socket.CopasSocket) => Effect.zipRight(Socket.send(sock, "hi\n"), Socket.receive(sock))
          const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, hold, { maxConnections: 1 })
          yield* Server.removeServer(server, { keepOpen: true })
          yield* Server.addServer(server, hold)
          const a = yield* client(server.port)
          const b = yield* client(server.port)
          yield* Socket.receive(a)
          yield* Copas.sleep("100 millis")
          const atLimit = [server.connections, server.accepted]
          yield* Socket.send(a, "done\n")
          yield* Socket.receive(b)
          yield* Socket.send(b, "done\n")
          while (server.connections > 0) yield* Copas.pause()
          for (const c of [a, b]) yield* Socket.close(c)
          yield* Server.removeServer(server)
          return [atLimit, server.accepted]
        }))
        assert.deepStrictEqual(exit, Exit.succeed([[1, 1], 2]))
      }))

    test("removeServer(keepOpen) then removeServer() closes the kept socket (Copas's removeserver closes it)", () =>
      Effect.gen(function*() {
        const exit = yield* copas(Effect.gen(function*() {
          const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, () => Effect.void)
          const port = server.port
          yield* Server.removeServer(server, { keepOpen: true })
          yield* server.pipe(Server.removeServer()) // (the piped form)
          const c = yield* Socket.tcp()
          const refused = yield* Effect.flip(Socket.connect(c, "127.0.0.1", port))
          yield* Socket.close(c)
          // the port is free again
          const rebound = yield* Server.addServer({ host: "127.0.0.1", port }, () => Effect.void)
          yield* Server.removeServer(rebound)
          return [refused._tag === "ConnectError" && refused.reason, rebound.port === port]
        }))
        assert.deepStrictEqual(exit, Exit.succeed(["refused", true]))
      }))

    test("a socket kept open by removeServer(keepOpen) is closed with the dispatcher", () =>
      Effect.gen(function*() {
        const exit = yield* copas(Effect.gen(function*() {
          const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, () => Effect.void)
          yield* Server.removeServer(server, { keepOpen: true })
          return server.port
        }))
        assert.isTrue(Exit.isSuccess(exit))
        if (Exit.isSuccess(exit) && !target.virtualTime) {
          // the loop has ended: the port is free again
          const free = yield* Effect.promise(() =>
            new Promise<boolean>((resolve) => {
              const probe = net.createServer()
              probe.once("error", () => resolve(false))
              probe.listen(exit.value, "127.0.0.1", () => probe.close(() => resolve(true)))
            })
          )
          assert.isTrue(free)
        }
      }))

    test("removeServer with drain: waits for handlers up to the deadline, then interrupts the rest", () =>
      Effect.gen(function*() {
        const exit = yield* timed(Effect.gen(function*() {
          const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (sock) =>
            Effect.gen(function*() {
              const line = yield* Socket.receive(sock)
              if (line === "quick") {
                yield* Copas.sleep("100 millis")
                return yield* Socket.send(sock, "quick done\n")
              }
              // a handler that never ends by itself
              yield* Copas.sleep(-1)
            }))
          const quick = yield* client(server.port)
          const stuck = yield* client(server.port)
          yield* Socket.send(quick, "quick\n")
          yield* Socket.send(stuck, "stuck\n")
          while (server.connections < 2) yield* Copas.pause()
          const t0 = yield* now
          yield* Server.removeServer(server, { drain: "300 millis" })
          const took = (yield* now) - t0
          const quickReply = yield* Socket.receive(quick)
          const stuckEnd = yield* Effect.flip(Socket.receive(stuck))
          yield* Socket.close(quick)
          yield* Socket.close(stuck)
          return { quickReply, stuckEnd: stuckEnd._tag, took, open: server.connections }
        }))
        assert.isTrue(Exit.isSuccess(exit), String(exit))
        if (Exit.isSuccess(exit)) {
          const v = exit.value
          assert.strictEqual(v.quickReply, "quick done")
          assert.strictEqual(v.stuckEnd, "ClosedError")
          assert.strictEqual(v.open, 0)
          assert.isAtLeast(v.took, 299)
          assert.isBelow(v.took, 700)
        }
      }))

    test("a handler that closes its own socket: its end is still counted (drain, failure metric)", () =>
      Effect.gen(function*() {
        const name = `selfclose-${target.name}`
        const exit = yield* timed(Effect.gen(function*() {
          yield* Copas.setErrorHandler(() => Effect.void, { default: true })
          const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (sock) =>
            Effect.gen(function*() {
              const line = yield* Socket.receive(sock)
              yield* Socket.send(sock, `${line}\n`)
              yield* Socket.close(sock)
              if (line === "fail") return yield* Effect.fail("boom")
            }), { name })
          for (const l of ["ok", "fail"]) {
            const c = yield* client(server.port)
            yield* Socket.send(c, `${l}\n`)
            yield* Socket.receive(c)
            yield* Effect.either(Socket.receive(c)) // closed by the handler
            yield* Socket.close(c)
          }
          for (let i = 0; i < 50; i++) yield* Copas.pause()
          const t0 = yield* now
          yield* Server.removeServer(server, { drain: "3 seconds" })
          const took = (yield* now) - t0
          return [server.connections, took < 1000, yield* metricValue(Server.metrics.handlerFailures, name)]
        }))
        assert.deepStrictEqual(exit, Exit.succeed([0, true, 1]))
      }))

    test("removeServer with drain returns at once when the handlers are done", () =>
      Effect.gen(function*() {
        const exit = yield* timed(Effect.gen(function*() {
          const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (sock) => Socket.send(sock, "bye\n"))
          const c = yield* client(server.port)
          const line = yield* Socket.receive(c)
          while (server.connections > 0) yield* Copas.pause()
          const t0 = yield* now
          yield* Server.removeServer(server, { drain: "10 seconds" })
          const took = (yield* now) - t0
          yield* Socket.close(c)
          return [line, took < 100]
        }))
        assert.deepStrictEqual(exit, Exit.succeed(["bye", true]))
      }))

    test("maxConnections: accepting pauses at the limit and resumes below it; nothing is dropped", () =>
      Effect.gen(function*() {
        const exit = yield* timed(Effect.gen(function*() {
          let peak = 0
          const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (sock) =>
            Effect.gen(function*() {
              yield* Socket.send(sock, `hi ${yield* Socket.getSocketName(sock)}\n`)
              yield* Socket.receive(sock)
            }), { name: "max", maxConnections: 2 })
          const watch = yield* Copas.addThread(Effect.forever(Effect.zipRight(
            Effect.sync(() => {
              peak = Math.max(peak, server.connections)
            }),
            Copas.pause()
          )))
          const clients = [yield* client(server.port), yield* client(server.port), yield* client(server.port)]
          const first = [yield* Socket.receive(clients[0]!), yield* Socket.receive(clients[1]!)]
          // the third is connected (the OS queues it) but not accepted while two are open
          yield* Copas.sleep("100 millis")
          const acceptedAtLimit = server.accepted
          yield* Socket.send(clients[0]!, "done\n")
          const third = yield* Socket.receive(clients[2]!)
          yield* Socket.send(clients[1]!, "done\n")
          yield* Socket.send(clients[2]!, "done\n")
          while (server.connections > 0) yield* Copas.pause()
          yield* Copas.removeThread(watch)
          for (const c of clients) yield* Socket.close(c)
          yield* Server.removeServer(server)
          return { first, acceptedAtLimit, third, peak, accepted: server.accepted }
        }))
        assert.deepStrictEqual(exit, Exit.succeed({
          first: ["hi max:client_1", "hi max:client_2"],
          acceptedAtLimit: 2,
          third: "hi max:client_3",
          peak: 2,
          accepted: 3
        }))
      }))

    test("metrics: connections accepted and open, bytes in and out, handler failures (per server name)", () =>
      Effect.gen(function*() {
        const name = `metrics-${target.name}`
        const exit = yield* copas(Effect.gen(function*() {
          yield* Copas.setErrorHandler(() => Effect.void, { default: true })
          return yield* withServer(
            (sock) =>
              Effect.gen(function*() {
                const line = yield* Socket.receive(sock)
                if (line === "fail") return yield* Effect.fail("no")
                yield* Socket.send(sock, "0123456789")
              }),
            (port, server) =>
              Effect.gen(function*() {
                const a = yield* client(port)
                const b = yield* client(port)
                while (server.connections < 2) yield* Copas.pause()
                const openNow = yield* gaugeValue(name)
                yield* Socket.send(a, "hello\n")
                yield* Socket.send(b, "fail\n")
                yield* Socket.receive(a, 10)
                yield* Effect.flip(Socket.receive(b))
                while (server.connections > 0) yield* Copas.pause()
                yield* Socket.close(a)
                yield* Socket.close(b)
                return {
                  openNow,
                  openAfter: yield* gaugeValue(name),
                  accepted: yield* metricValue(Server.metrics.connectionsAccepted, name),
                  bytesIn: yield* metricValue(Server.metrics.bytesIn, name),
                  bytesOut: yield* metricValue(Server.metrics.bytesOut, name),
                  failures: yield* metricValue(Server.metrics.handlerFailures, name)
                }
              }),
            { name }
          )
        }))
        assert.deepStrictEqual(exit, Exit.succeed({ openNow: 2, openAfter: 0, accepted: 2, bytesIn: 11, bytesOut: 10, failures: 1 }))
      }))

    test("metrics: two servers with one name share its open-connections gauge (the sum, back to 0)", () =>
      Effect.gen(function*() {
        const name = `twin-${target.name}`
        const exit = yield* copas(Effect.gen(function*() {
          const h = (sock: Socket.CopasSocket) => Effect.zipRight(Socket.send(sock, "hi\n"), Socket.receive(sock))
          const s1 = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, h, { name })
          const s2 = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, h, { name })
          const clients = [yield* client(s1.port), yield* client(s1.port), yield* client(s2.port)]
          for (const c of clients) yield* Socket.receive(c) // all three accepted
          const openNow = yield* gaugeValue(name)
          for (const c of clients) yield* Socket.send(c, "bye\n")
          while (s1.connections + s2.connections > 0) yield* Copas.pause()
          for (const c of clients) yield* Socket.close(c)
          yield* Server.removeServer(s1)
          yield* Server.removeServer(s2)
          return [openNow, yield* gaugeValue(name)]
        }))
        // (the gauge was set to one server's count: the last one to change)
        assert.deepStrictEqual(exit, Exit.succeed([3, 0]))
      }))

    test("Server.layer: a scoped server providing Server; removed when the scope closes", () =>
      Effect.gen(function*() {
        const exit = yield* copas(Effect.gen(function*() {
          const port = yield* Effect.scoped(Effect.gen(function*() {
            const server = yield* Server.Server
            const c = yield* client(server.port)
            const line = yield* Socket.receive(c)
            yield* Socket.close(c)
            return [server.port, line] as const
          }).pipe(Effect.provide(Server.layer({ host: "127.0.0.1", port: 0 }, (sock) => Socket.send(sock, "from layer\n")))))
          const c = yield* Socket.tcp()
          const after = yield* Effect.flip(Socket.connect(c, "127.0.0.1", port[0]))
          yield* Socket.close(c)
          return [port[1], after._tag]
        }))
        assert.deepStrictEqual(exit, Exit.succeed(["from layer", "ConnectError"]))
      }))

    test("Server.make in a scope with drain", () =>
      Effect.gen(function*() {
        const exit = yield* timed(Effect.gen(function*() {
          let finished = 0
          const c = yield* Effect.scoped(Effect.gen(function*() {
            const server = yield* Server.make(
              { host: "127.0.0.1", port: 0 },
              (sock) =>
                Effect.gen(function*() {
                  yield* Copas.sleep("50 millis")
                  yield* Socket.send(sock, "done\n")
                  finished++
                }),
              { drain: "1 second" }
            )
            const c = yield* client(server.port)
            while (server.connections < 1) yield* Copas.pause()
            return c
          }))
          // the scope waited for the handler
          const line = yield* Socket.receive(c)
          yield* Socket.close(c)
          return [finished, line]
        }))
        assert.deepStrictEqual(exit, Exit.succeed([1, "done"]))
      }))

    test("Server.make / Server.layer / a user's acquireRelease: handlers are interruptible; the drain deadline interrupts them", () =>
      Effect.gen(function*() {
        const exit = yield* timed(Effect.gen(function*() {
          const seen: Array<string> = []
          // a handler that waits for a line its client never sends (the server timeout, 5 s, is
          // only the fallback: with handlers left uninterruptible the scope waited for it)
          const h = (sock: Socket.CopasSocket) =>
            Effect.checkInterruptible((i) => Effect.zipRight(Socket.send(sock, `${i}\n`), Socket.receive(sock))).pipe(
              Effect.onInterrupt(() => Effect.sync(() => seen.push("interrupted")))
            )
          const opts = { timeout: "5 seconds", drain: "200 millis" } as const
          const listen = { host: "127.0.0.1", port: 0 }
          const use = (server: Server.CopasServer) =>
            Effect.gen(function*() {
              const c = yield* client(server.port)
              const line = yield* Socket.receive(c)
              return [line, c] as const
            })
          const finish = ([line, c]: readonly [string, Socket.CopasSocket], start: number) =>
            Effect.gen(function*() {
              const took = (yield* now) - start
              const end = yield* Effect.flip(Socket.receive(c))
              yield* Socket.close(c)
              return [line, end._tag, took >= 150 && took < 2000]
            })
          const results: Array<unknown> = []
          let start = yield* now
          results.push(yield* finish(yield* Effect.scoped(Effect.flatMap(Server.make(listen, h, opts), use)), start))
          start = yield* now
          results.push(yield* finish(yield* Effect.scoped(Effect.flatMap(Server.Server, use)).pipe(Effect.provide(Server.layer(listen, h, opts))), start))
          start = yield* now
          results.push(yield* finish(
            yield* Effect.scoped(Effect.flatMap(
              Effect.acquireRelease(Server.addServer(listen, h, opts), (s) => Server.removeServer(s, { drain: opts.drain })),
              use
            )),
            start
          ))
          return [results, seen]
        }))
        const one = ["true", "ClosedError", true]
        assert.deepStrictEqual(exit, Exit.succeed([[one, one, one], ["interrupted", "interrupted", "interrupted"]]))
      }))

    test("handler(h, tls) handshakes before h; a bad TLS parameter type is Copas's error", () =>
      Effect.gen(function*() {
        const certs = makeCerts()
        const exit = yield* copas(withServer(
          Server.handler((sock) => Socket.send(sock, `tls ${sock.isTls}\n`), { key: certs.server.key, cert: certs.server.cert }),
          (port) =>
            Effect.gen(function*() {
              const c = yield* Socket.tcp({ tls: { ca: certs.ca, servername: "localhost" } })
              yield* Socket.connect(c, "127.0.0.1", port)
              const line = yield* Socket.receive(c)
              yield* Socket.close(c)
              const bad = yield* Effect.exit(Effect.sync(() => Server.handler(() => Effect.void, 5 as never)))
              return [line, Exit.isFailure(bad) ? Cause.pretty(bad.cause).includes("ssl parameters; did not expect type number") : false]
            })
        ))
        assert.deepStrictEqual(exit, Exit.succeed(["tls true", true]))
      }))

    // Before the fix each of these servers started and then failed every connection's handshake
    // (the error handler saw ENOENT / "key values mismatch" once per client).
    test("addServer with TLS options that can never work fails with TlsError params and listens on nothing", () =>
      Effect.gen(function*() {
        const certs = makeCerts()
        const exit = yield* copas(Effect.gen(function*() {
          const bad: Array<Socket.TlsOptions> = [
            { key: "/nonexistent/server.key", cert: "/nonexistent/server.crt" },
            { key: certs.other.key, cert: certs.server.cert },
            { key: certs.server.key },
            {},
            { sni: { names: { "myhost.com": { key: "/nonexistent/k", cert: "/nonexistent/c" } } } }
          ]
          const results: Array<string> = []
          for (const tls of bad) {
            const e = yield* Effect.exit(Server.addServer({ port: 0 }, () => Effect.void, { tls }))
            results.push(Exit.isFailure(e) && e.cause._tag === "Fail" && e.cause.error._tag === "TlsError"
              ? e.cause.error.reason
              : String(e))
          }
          const status = yield* Copas.status()
          return [results, status.read]
        }))
        assert.deepStrictEqual(exit, Exit.succeed([["params", "params", "params", "params", "params"], 0]))
      }))

    // Many clients at once, each with its own seeded script, against a server capped at 4 open
    // connections: echo sessions ended by quit, by the client's close or by its reset, handlers
    // that fail or die after one line. Every client gets exactly its replies, nothing is dropped by
    // the cap, and the books balance: accepted, open, failures, the dispatcher's counts.
    test("random clients: echoes, quits, closes, resets and failing handlers; the books balance", () =>
      Effect.gen(function*() {
        const name = `chaos-${target.name}`
        const n = 30
        const rnd = seeded(7)
        type Script = { readonly mode: "quit" | "close" | "reset" | "fail" | "die"; readonly lines: Array<string> }
        const modes = ["quit", "close", "reset", "fail", "die"] as const
        const scripts: Array<Script> = Array.from({ length: n }, (_, i) => ({
          mode: modes[rnd(modes.length)]!,
          lines: Array.from({ length: 1 + rnd(6) }, (_, j) => `c${i} l${j} ${"x".repeat(rnd(200))}`)
        }))
        const exit = yield* copas(Effect.gen(function*() {
          yield* Copas.setErrorHandler(() => Effect.void, { default: true })
          let srv: Server.CopasServer | undefined
          let maxOpen = 0
          const handler = (sock: Socket.CopasSocket) =>
            Effect.gen(function*() {
              maxOpen = Math.max(maxOpen, srv!.connections)
              for (;;) {
                // a peer that closes or resets ends the loop quietly, as `not line` does in Lua
                const line = yield* Effect.catchTag(Socket.receive(sock), "ClosedError", () => Effect.succeed("quit"))
                if (line === "quit") return
                yield* Socket.send(sock, `${line}!\n`)
                if (line.endsWith(" fail")) return yield* Effect.fail("handler failed")
                if (line.endsWith(" die")) throw new Error("handler died")
                if (rnd(3) === 0) yield* Copas.pause()
              }
            })
          return yield* withServer(handler, (port, server) =>
            Effect.gen(function*() {
              srv = server
              const results: Array<string> = []
              const clientTask = (sc: Script, i: number) =>
                Effect.gen(function*() {
                  const c = yield* client(port)
                  const lines = sc.mode === "fail" || sc.mode === "die" ? [`c${i} ${sc.mode}`] : sc.lines
                  const got: Array<string> = []
                  for (const l of lines) {
                    yield* Socket.send(c, `${l}\n`)
                    got.push(yield* Socket.receive(c))
                  }
                  let end = "open"
                  if (sc.mode === "quit") {
                    yield* Socket.send(c, "quit\n")
                    end = (yield* Effect.flip(Socket.receive(c)))._tag
                  } else if (sc.mode === "fail" || sc.mode === "die") {
                    end = (yield* Effect.flip(Socket.receive(c)))._tag
                  } else if (sc.mode === "reset") {
                    resetConn((c as unknown as { conn: { destroy(e?: Error): unknown } }).conn)
                    end = "reset"
                  }
                  yield* Socket.close(c)
                  results[i] = `${got.every((g, j) => g === `${lines[j]}!`) && got.length === lines.length} ${end}`
                })
              const tasks = yield* Effect.forEach(scripts, (sc, i) => Future.addThread(clientTask(sc, i)))
              for (const t of tasks) yield* Future.get(t)
              while (server.connections > 0) yield* Copas.pause()
              const status = yield* Copas.status()
              return {
                results,
                accepted: server.accepted,
                open: yield* gaugeValue(name),
                failures: yield* metricValue(Server.metrics.handlerFailures, name),
                reading: status.read - 1, // the server itself counts as reading
                maxOpen
              }
            }), { name, maxConnections: 4 })
        }))
        const expectEnd = (m: Script["mode"]) => m === "quit" || m === "fail" || m === "die" ? "ClosedError" : m === "close" ? "open" : "reset"
        assert.deepStrictEqual(exit, Exit.succeed({
          results: scripts.map((sc) => `true ${expectEnd(sc.mode)}`),
          accepted: n,
          open: 0,
          failures: scripts.filter((sc) => sc.mode === "fail" || sc.mode === "die").length,
          reading: 0,
          maxOpen: 4 // the cap was reached and held
        }))
        assert.isAtLeast(scripts.filter((sc) => sc.mode === "reset").length, 3)
        assert.isAtLeast(scripts.filter((sc) => sc.mode === "die").length, 3)
      }))

    test("listening on a port in use fails with SocketError EADDRINUSE", () =>
      Effect.gen(function*() {
        const exit = yield* copas(withServer(() => Effect.void, (port) =>
          Effect.gen(function*() {
            const e = yield* Effect.flip(Server.addServer({ host: "127.0.0.1", port }, () => Effect.void))
            const u = yield* Socket.udp({ host: "127.0.0.1" })
            const uport = (yield* Socket.getSockName(u)).port
            const e2 = yield* Effect.flip(Server.addServer({ host: "127.0.0.1", port: uport, udp: true }, () => Effect.void))
            yield* Socket.close(u)
            return [e._tag, e.code, e2.code]
          })))
        assert.deepStrictEqual(exit, Exit.succeed(["SocketError", "EADDRINUSE", "EADDRINUSE"]))
      }))

    test("bad arguments are defects with a clear message", () =>
      Effect.gen(function*() {
        const exit = yield* copas(Effect.gen(function*() {
          const h = () => Effect.void
          const msgs: Array<string> = []
          const attempts: Array<Effect.Effect<unknown, unknown, Env>> = [
            Server.addServer({ port: 0 }, h, { timeout: -1 }),
            Server.addServer({ port: 0 }, h, { timeout: NaN }),
            Server.addServer({ port: 0 }, h, { maxConnections: 0 }),
            Server.addServer({ port: 0 }, "nope" as unknown as () => Effect.Effect<void>),
            Server.addServer({ port: 70000 }, h),
            Server.removeServer({} as never, {})
          ]
          for (const a of attempts) {
            const e = yield* Effect.exit(a)
            msgs.push(Exit.isFailure(e) && Cause.isDie(e.cause) ? Cause.pretty(e.cause).split("\n")[0]! : "not a defect")
          }
          return msgs
        }))
        assert.isTrue(Exit.isSuccess(exit), String(exit))
        if (Exit.isSuccess(exit)) {
          const [neg, nan, max, fn, port, rm] = exit.value
          assert.match(neg!, /timeout must be 'undefined' or a duration >= 0, got: -1/)
          assert.match(nan!, /NaN/)
          assert.match(max!, /maxConnections must be >= 1, got: 0/)
          assert.match(fn!, /the handler must be a function/)
          assert.match(port!, /expected listen options with a port/)
          assert.match(rm!, /expected a server/)
        }
      }))
  })
}

for (const target of targets) servers(target)

describe("Server.removeServer with drain, interrupted (memory network, TestClock)", () => {
  it.effect("a drain whose caller is removed still ends the server's handlers (the drain is cut short)", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      let d: Dispatcher | undefined
      let connections = -1
      const fiber = yield* start(Effect.gen(function*() {
        d = yield* Copas.Copas
        // the handler waits in its receive for good (a reader keeps the loop alive)
        const srv = yield* Server.addServer({ port: 0 }, (sock) =>
          Socket.receive(sock).pipe(Effect.onInterrupt(() => Effect.sync(() => log.push("handler interrupted")))))
        const c = yield* Socket.tcp()
        yield* Socket.connect(c, "127.0.0.1", srv.port)
        yield* Copas.sleep(1)
        const drainer = yield* Copas.addThread(Effect.gen(function*() {
          yield* Server.removeServer(srv, { drain: "1 hour" })
          log.push("drain returned")
        }))
        yield* Copas.sleep(10)
        yield* Copas.removeThread(drainer)
        yield* Copas.sleep(1)
        connections = srv.connections
        yield* Socket.close(c)
      }).pipe(Effect.provide(MemorySockets.layer)))
      yield* driveFor(fiber, () => d, 10, 1_000)
      assert.isNotNull(fiber.unsafePoll(), "the loop ended")
      assert.deepStrictEqual(log, ["handler interrupted"])
      assert.strictEqual(connections, 0)
    }))
  // the drain's end interrupted and awaited the handlers in an uninterruptible finalizer: a handler
  // that removed its own server waited for itself for good (the loop and its shutdown hung)
  it.effect("a handler that removes its own server with a drain is interrupted at the deadline", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      let d: Dispatcher | undefined
      const fiber = yield* start(Effect.gen(function*() {
        d = yield* Copas.Copas
        const srv: Server.CopasServer = yield* Server.addServer({ port: 0 }, (_sock) =>
          Server.removeServer(srv, { drain: "100 millis" }).pipe(
            Effect.zipRight(Effect.sync(() => log.push("drain returned"))),
            Effect.onInterrupt(() => Effect.sync(() => log.push("handler interrupted")))
          ))
        const c = yield* Socket.tcp()
        yield* Socket.connect(c, "127.0.0.1", srv.port)
        yield* Copas.sleep(500)
        yield* Socket.close(c)
      }).pipe(Effect.provide(MemorySockets.layer)))
      yield* driveFor(fiber, () => d, 10, 2_000)
      const ended = fiber.unsafePoll() !== null
      if (!ended) yield* Fiber.interrupt(fiber).pipe(Effect.timeout(100), Effect.ignore)
      assert.isTrue(ended, "the loop ended")
      assert.deepStrictEqual(log, ["handler interrupted"])
    }))
})

describe("Server.removeServer and pre-emption (memory network, TestClock)", () => {
  // Effect.async registers one instruction before it installs its canceler: a task pre-empted in
  // between and removed while queued left its drain wait registered (a waiter and a pending
  // timeout: with a handler parked, the loop ran on until the drain deadline)
  it.effect("a drain by a task pre-empted and removed at any point of starting its wait leaves nothing behind", () =>
    Effect.gen(function*() {
      const bad: Array<string> = []
      for (let k = 0; k < 40; k++) {
        let d: Dispatcher | undefined
        const fiber = yield* start(Effect.gen(function*() {
          d = yield* Copas.Copas
          // the handler waits in its receive, then parks (it does not keep the loop alive)
          const srv = yield* Server.addServer({ port: 0 }, (sock) => Effect.zipRight(Effect.exit(Socket.receive(sock)), Copas.pauseForever))
          const c = yield* Socket.tcp()
          yield* Socket.connect(c, "127.0.0.1", srv.port)
          yield* Copas.sleep(1)
          yield* Copas.addThread(Effect.gen(function*() {
            const me = yield* Copas.currentTask
            yield* Copas.addThread(Copas.removeThread(me)) // runs while this task is pre-empted
            yield* preemptIn(k)
            yield* Server.removeServer(srv, { drain: "1 hour" })
          }))
          yield* Copas.sleep(10)
          yield* Server.removeServer(srv)
          yield* Socket.close(c)
        }).pipe(Effect.provide(MemorySockets.layer)))
        yield* driveFor(fiber, () => d, 10, 1_000)
        if (fiber.unsafePoll() === null) {
          bad.push(`k=${k}: the loop did not end`)
          yield* Fiber.interrupt(fiber)
        }
      }
      assert.deepStrictEqual(bad, [])
    }))
})

/**
 * OS resources (sockets, servers) left open when the caller is interrupted while the library waits
 * on real Node I/O: removed (`removeThread`) while the wait is pending or while it is queued with
 * its result, timed out, or in a race that another side wins. Each test counts the process's
 * active handles of the kind it opens (`process.getActiveResourcesInfo()`) before and after.
 */
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Exit } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import * as net from "node:net"
import { rawServer } from "./util/net.js"

/** How many active handles of `kind` ("UDPWrap", "TCPSocketWrap", "TCPServerWrap") the process has. */
const active = (kind: string): number => process.getActiveResourcesInfo().filter((r) => r === kind).length

/** A few real milliseconds: closes and Node's own callbacks land. */
const settleIO = (ms = 30) => Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, ms)))

const quietErrors = Copas.setErrorHandler(() => Effect.void, { default: true })

describe("interruption on real sockets leaves nothing open (node)", () => {
  it.live("UDP: a task removed while its bind is pending (Socket.udp, a UDP server) leaves no socket bound", () =>
    Effect.gen(function*() {
      yield* settleIO()
      const before = active("UDPWrap")
      const ended: Array<string> = []
      yield* NodeCopas.run(Effect.gen(function*() {
        yield* quietErrors
        const a = yield* Copas.addThread(Socket.udp({ host: "127.0.0.1", port: 0 }).pipe(
          Effect.ensuring(Effect.sync(() => ended.push("udp")))
        ))
        const b = yield* Copas.addThread(Server.addServer({ port: 0, udp: true }, () => Effect.void).pipe(
          Effect.ensuring(Effect.sync(() => ended.push("server")))
        ))
        // runs once both have started to bind (FIFO): the binds are still pending
        yield* Copas.addThread(Effect.zipRight(Copas.removeThread(a), Copas.removeThread(b)))
      })).pipe(Effect.timeout("5 seconds"))
      assert.deepStrictEqual(ended.sort(), ["server", "udp"])
      yield* settleIO()
      assert.strictEqual(active("UDPWrap"), before)
    }))

  it.scopedLive("connect: a task removed while queued with its new connection (the race's hand-off) closes it", () =>
    Effect.gen(function*() {
      const peers: Array<net.Socket> = []
      const srv = yield* rawServer((s) => peers.push(s))
      // After a client socket's 'connect' (in the same Node callback) `onConnect` runs: a task it
      // wakes is queued behind the connect's own fiber, so it runs while the connecting task is
      // queued with the connection (the race's child is done, its parent not run yet).
      let onConnect: (() => void) | undefined
      const emit = net.Socket.prototype.emit
      yield* Effect.acquireRelease(
        Effect.sync(() => {
          net.Socket.prototype.emit = function(this: net.Socket, event: string | symbol, ...args: Array<unknown>) {
            const r = emit.apply(this, [event, ...args] as Parameters<typeof emit>)
            if (event === "connect" && this.remotePort === srv.port) onConnect?.()
            return r
          } as typeof emit
        }),
        () => Effect.sync(() => {
          net.Socket.prototype.emit = emit
        })
      )
      for (const timeout of [undefined, 5_000]) {
        for (let yields = 0; yields < 3; yields++) {
          peers.length = 0
          yield* NodeCopas.run(Effect.gen(function*() {
            yield* quietErrors
            const gate = yield* Deferred.make<void>()
            const c = yield* Socket.tcp()
            if (timeout !== undefined) yield* Socket.setTimeout(c, timeout)
            const a = yield* Copas.addThread(Socket.connect(c, "127.0.0.1", srv.port))
            yield* Copas.addThread(Effect.gen(function*() {
              yield* Deferred.await(gate)
              for (let i = 0; i < yields; i++) yield* Effect.yieldNow()
              yield* Copas.removeThread(a)
            }))
            onConnect = () => Deferred.unsafeDone(gate, Exit.void)
          })).pipe(Effect.timeout("5 seconds"))
          onConnect = undefined
          for (let i = 0; i < 50 && !(peers.length === 1 && peers[0]!.readableEnded); i++) yield* settleIO(10)
          assert.strictEqual(peers.length, 1)
          assert.isTrue(peers[0]!.readableEnded, `timeout ${timeout}, yields ${yields}: the peer saw the connection closed`)
          peers[0]!.destroy()
        }
      }
    }))

  it.scopedLive("addServer(net.Server): a task removed while queued with the server's 'listening' leaves no listener on it", () =>
    Effect.gen(function*() {
      const raw = net.createServer({ allowHalfOpen: true })
      yield* Effect.addFinalizer(() => Effect.sync(() => raw.close()))
      const connection = raw.listenerCount("connection")
      const error = raw.listenerCount("error")
      yield* NodeCopas.run(Effect.gen(function*() {
        yield* quietErrors
        const gate = yield* Deferred.make<void>()
        const a = yield* Copas.addThread(Server.addServer(raw, () => Effect.void))
        yield* Copas.addThread(Effect.zipRight(Deferred.await(gate), Copas.removeThread(a)))
        // before addServer's own 'listening' listener (which resumes the adding task, in the same
        // emit): the remover is queued first and runs while the adding task is queued with its result
        yield* Copas.addThread(Effect.sync(() => {
          raw.prependOnceListener("listening", () => Deferred.unsafeDone(gate, Exit.void))
          raw.listen(0, "127.0.0.1")
        }))
      })).pipe(Effect.timeout("5 seconds"))
      // the server is the caller's, still listening: its connections are its own again
      assert.isTrue(raw.listening)
      assert.strictEqual(raw.listenerCount("connection"), connection)
      assert.strictEqual(raw.listenerCount("error"), error)
      assert.strictEqual(raw.listenerCount("listening"), 0)
    }))
})

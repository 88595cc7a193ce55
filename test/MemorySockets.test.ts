import { describe, it, assert } from "@effect/vitest"
import { Deferred, Effect, Exit, Fiber, Layer, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import * as MemorySockets from "effect-copas/MemorySockets"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { ConnectError, SocketError } from "effect-copas/Errors"
import { once } from "node:events"
import { randomBytes } from "node:crypto"
import type { Duplex } from "node:stream"
import * as tls from "node:tls"
import { makeCerts } from "./util/certs.js"
import { ticks } from "./util/harness.js" // the memory network moves bytes in setImmediate

// ---- helpers ------------------------------------------------------------------------------------

/** the next `name` event (listening starts now, not when the Effect runs) */
const event = <T extends Array<unknown> = Array<unknown>>(emitter: NodeJS.EventEmitter, name: string) => {
  const p = once(emitter, name) as Promise<T>
  p.catch(() => {})
  return Effect.promise(() => p)
}

/** everything a stream delivers until 'end' (reading starts now) */
const readAll = (s: Duplex) => {
  const p = new Promise<Buffer>((resolve, reject) => {
    const chunks: Array<Buffer> = []
    s.on("data", (c: Buffer) => chunks.push(c))
    s.once("end", () => resolve(Buffer.concat(chunks)))
    s.once("error", reject)
  })
  p.catch(() => {})
  return Effect.promise(() => p)
}

/** a listener that collects its connections */
const server = (network: MemorySockets.MemoryNetwork, options: { host?: string; port?: number; backlog?: number } = {}) =>
  Effect.gen(function*() {
    const accepted: Array<MemorySockets.MemoryConn> = []
    const waiters: Array<() => void> = []
    const listener = yield* network.listen({ port: 0, ...options }, (conn) => {
      accepted.push(conn as MemorySockets.MemoryConn)
      for (const w of waiters.splice(0)) w()
    })
    const next = (i: number) =>
      Effect.promise(() =>
        new Promise<MemorySockets.MemoryConn>((resolve) => {
          const check = () => (accepted[i] ? resolve(accepted[i]!) : waiters.push(check))
          check()
        })
      )
    return { listener, accepted, next }
  })

const connected = (network: MemorySockets.MemoryNetwork, hwm?: number) =>
  Effect.gen(function*() {
    const srv = yield* server(network)
    const client = (yield* network.connect({ host: "127.0.0.1", port: srv.listener.local.port })) as MemorySockets.MemoryConn
    const peer = yield* srv.next(0)
    void hwm
    return { client, peer, srv }
  })

// ---- streams ------------------------------------------------------------------------------------

describe("MemorySockets streams", () => {
  it.effect("connects to a listener on an ephemeral port; endpoints match as with net.Socket", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const { client, peer, srv } = yield* connected(network)
      assert.strictEqual(network.kind, "memory")
      assert.isAtLeast(srv.listener.local.port, 49152)
      assert.deepStrictEqual(srv.listener.local, { address: "127.0.0.1", port: srv.listener.local.port, family: "IPv4" })
      assert.strictEqual(client.remoteAddress, "127.0.0.1")
      assert.strictEqual(client.remotePort, srv.listener.local.port)
      assert.strictEqual(client.remoteFamily, "IPv4")
      assert.strictEqual(peer.remotePort, client.localPort)
      assert.strictEqual(peer.localPort, client.remotePort)
      assert.strictEqual(peer.remoteAddress, client.localAddress)
      assert.notStrictEqual(client.localPort, srv.listener.local.port)
      assert.strictEqual(network.openConnections(), 2)
      client.destroy()
      peer.destroy()
      yield* ticks()
      assert.strictEqual(network.openConnections(), 0)
      yield* srv.listener.close()
    }))

  it.effect("two listeners on port 0 get different ports; a taken port fails with EADDRINUSE", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const a = yield* network.listen({ port: 0 }, () => {})
      const b = yield* network.listen({ port: 0 }, () => {})
      assert.notStrictEqual(a.local.port, b.local.port)
      const e = yield* Effect.flip(network.listen({ port: a.local.port }, () => {}))
      assert.instanceOf(e, SocketError)
      assert.strictEqual(e.code, "EADDRINUSE")
      // a wildcard listener conflicts with any address on that port
      const w = yield* Effect.flip(network.listen({ host: "*", port: b.local.port }, () => {}))
      assert.strictEqual(w.code, "EADDRINUSE")
      // the same port on another host is free
      const other = yield* network.listen({ host: "10.0.0.1", port: a.local.port }, () => {})
      assert.strictEqual(other.local.address, "10.0.0.1")
      // closing frees the port
      yield* a.close()
      const again = yield* network.listen({ port: a.local.port }, () => {})
      assert.strictEqual(again.local.port, a.local.port)
    }))

  it.effect("refused, unreachable and unknown names are distinct ConnectError reasons", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make({ names: { "db.test": "10.1.2.3" } })
      const refused = yield* Effect.flip(network.connect({ host: "127.0.0.1", port: 1 }))
      assert.instanceOf(refused, ConnectError)
      assert.strictEqual(refused.reason, "refused")
      assert.strictEqual(refused.code, "ECONNREFUSED")
      assert.strictEqual(refused.message, "connection refused (127.0.0.1:1)")
      const unreachable = yield* Effect.flip(network.connect({ host: "192.0.2.7", port: 80 }))
      assert.strictEqual((unreachable as ConnectError).reason, "unreachable")
      const dns = yield* Effect.flip(network.connect({ host: "nowhere.invalid", port: 80 }))
      assert.strictEqual((dns as ConnectError).reason, "dns")
      // a declared name exists (refused: nothing listens), and reaches a listener on its address
      const declared = yield* Effect.flip(network.connect({ host: "db.test", port: 5432 }))
      assert.strictEqual((declared as ConnectError).reason, "refused")
      const l = yield* network.listen({ host: "10.1.2.3", port: 5432 }, (c) => c.end())
      const c = yield* network.connect({ host: "db.test", port: 5432 })
      assert.strictEqual(c.remoteAddress, "10.1.2.3")
      c.destroy()
      // localhost and a wildcard listener
      const w = yield* network.listen({ host: "*", port: 7000 }, (c) => c.end("hi"))
      const viaLocalhost = yield* network.connect({ host: "localhost", port: 7000 })
      assert.strictEqual((yield* readAll(viaLocalhost)).toString(), "hi")
      yield* w.close()
      yield* l.close()
      const after = yield* Effect.flip(network.connect({ host: "localhost", port: 7000 }))
      assert.strictEqual((after as ConnectError).reason, "refused")
    }))

  it.effect("IPv6 loopback", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const l = yield* network.listen({ host: "::1", port: 0 }, (c) => c.end(`${c.remoteFamily} ${c.localAddress}`))
      assert.strictEqual(l.local.family, "IPv6")
      const c = yield* network.connect({ host: "::1", port: l.local.port })
      assert.strictEqual((yield* readAll(c)).toString(), "IPv6 ::1")
      assert.strictEqual(c.localFamily, "IPv6")
    }))

  it.effect("delivers asynchronously, in order, byte exact", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make({ highWaterMark: 4096 })
      const { client, peer } = yield* connected(network)
      const seen: Array<number> = []
      peer.on("data", (c: Buffer) => seen.push(c.length))
      client.write("abc")
      // never inside write(): nothing has arrived yet
      assert.deepStrictEqual(seen, [])
      const data = randomBytes(300_000)
      const received = readAll(peer)
      for (let i = 0; i < data.length; i += 7_001) client.write(data.subarray(i, i + 7_001))
      client.end()
      const got = yield* received
      assert.strictEqual(got.subarray(0, 3).toString(), "abc")
      assert.isTrue(got.subarray(3).equals(data))
      assert.strictEqual(peer.bytesRead, data.length + 3)
      assert.strictEqual(client.bytesWritten, data.length + 3)
    }))

  it.effect("back-pressure: a reader that does not read holds highWaterMark bytes; write() returns false; 'drain' after it reads", () =>
    Effect.gen(function*() {
      const hwm = 1024
      const network = yield* MemorySockets.make({ highWaterMark: hwm })
      const { client, peer } = yield* connected(network)
      assert.strictEqual(client.writableHighWaterMark, hwm)
      assert.strictEqual(peer.readableHighWaterMark, hwm)
      let drained = 0
      client.on("drain", () => drained++)
      // the peer never reads (no 'data' listener, paused): write until the writer is told to stop
      const chunk = Buffer.alloc(100, 0x61)
      let sent = 0
      for (let i = 0; i < 1000; i++) {
        sent += chunk.length
        if (!client.write(chunk)) break
      }
      yield* ticks(20)
      // keep writing past false: nothing more moves, it waits in the writer's buffer
      for (let i = 0; i < 50; i++) {
        client.write(chunk)
        sent += chunk.length
      }
      yield* ticks(20)
      // the reader's receive buffer is full, exactly; the send buffer (hwm bytes) is full; the
      // rest waits in the writer's own buffer
      assert.strictEqual(peer.readableLength, hwm)
      assert.isAtLeast(client.writableLength, sent - 2 * hwm)
      assert.isAtMost(client.writableLength, sent - hwm)
      assert.isAbove(client.writableLength, hwm)
      assert.isTrue(client.writableNeedDrain)
      assert.strictEqual(drained, 0)
      // the reader consumes: the data moves and the writer drains
      const got = yield* Effect.promise(() =>
        new Promise<number>((resolve) => {
          let n = 0
          peer.on("data", (c: Buffer) => {
            n += c.length
            if (n === sent) resolve(n)
          })
        })
      )
      assert.strictEqual(got, sent)
      yield* ticks()
      assert.strictEqual(drained, 1)
      assert.strictEqual(client.writableLength, 0)
    }))

  it.effect("back-pressure with pause()/resume() on a flowing reader", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make({ highWaterMark: 2048 })
      const { client, peer } = yield* connected(network)
      let received = 0
      peer.on("data", (c: Buffer) => {
        received += c.length
      })
      peer.pause()
      const total = 100_000
      const data = Buffer.alloc(total, 1)
      const ok = client.write(data)
      assert.isFalse(ok)
      yield* ticks(20)
      assert.strictEqual(received, 0)
      // a single big write is split: the reader's buffer takes its high-water mark, no more
      assert.strictEqual(peer.readableLength, 2048)
      assert.strictEqual(client.writableLength, total)
      const drained = event(client, "drain")
      peer.resume()
      yield* drained
      yield* ticks()
      assert.strictEqual(received, total)
    }))

  it.effect("half-close: end() gives the peer 'end' while the other direction keeps working", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const { client, peer } = yield* connected(network)
      const fromClient = readAll(peer)
      client.end("question")
      assert.strictEqual((yield* fromClient).toString(), "question")
      assert.isFalse(peer.destroyed)
      assert.isFalse(client.destroyed)
      const fromServer = readAll(client)
      peer.write("answer, ")
      yield* ticks()
      peer.end("more")
      assert.strictEqual((yield* fromServer).toString(), "answer, more")
      // both directions ended: both sides close, without error
      yield* ticks()
      assert.isTrue(client.destroyed)
      assert.isTrue(peer.destroyed)
      assert.isNull(client.errored)
      assert.isNull(peer.errored)
    }))

  it.effect("destroy(err) resets: the peer gets 'error' ECONNRESET, then 'close'", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const { client, peer } = yield* connected(network)
      const events: Array<string> = []
      peer.on("error", (e: NodeJS.ErrnoException) => events.push(`error ${e.code}`))
      peer.on("close", () => events.push("close"))
      peer.on("end", () => events.push("end"))
      client.on("error", () => {}) // destroy(err) also emits err on the side destroyed
      client.write("lost in flight")
      client.destroy(new Error("boom"))
      yield* ticks()
      assert.deepStrictEqual(events, ["error ECONNRESET", "close"])
      assert.strictEqual((peer.errored as NodeJS.ErrnoException).syscall, "read")
    }))

  it.effect("destroy() closes: data written before arrives, then EOF; the peer's later writes fail with EPIPE", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const { client, peer } = yield* connected(network)
      const got = readAll(peer)
      client.write("last ")
      client.write("words")
      // what the network accepted is delivered, as with a real socket's kernel buffer
      client.destroy()
      assert.strictEqual((yield* got).toString(), "last words")
      const err = yield* Effect.promise(() =>
        new Promise<NodeJS.ErrnoException>((resolve) => {
          peer.once("error", resolve)
          peer.write("anyone?")
        })
      )
      assert.strictEqual(err.code, "EPIPE")
    }))

  it.effect("setNoDelay / setKeepAlive are accepted and remembered", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const { client } = yield* connected(network)
      assert.isFalse(client.noDelay)
      client.setNoDelay?.(true)
      client.setKeepAlive?.(true, 1000)
      assert.isTrue(client.noDelay)
      assert.isTrue(client.keepAlive)
      assert.strictEqual(client.keepAliveInitialDelay, 1000)
      client.destroy()
    }))

  it.effect("pair() gives a connected pair outside any network", () =>
    Effect.gen(function*() {
      const [a, b] = MemorySockets.pair({ highWaterMark: 16 })
      assert.strictEqual(a.remotePort, b.localPort)
      const got = readAll(b)
      a.end("x".repeat(100))
      assert.strictEqual((yield* got).length, 100)
    }))
})

// ---- listeners ----------------------------------------------------------------------------------

describe("MemorySockets listeners", () => {
  it.effect("pause() queues new connections (connect completes), resume() hands them out in order", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const srv = yield* server(network)
      srv.listener.pause()
      const c1 = yield* network.connect({ host: "127.0.0.1", port: srv.listener.local.port })
      const c2 = yield* network.connect({ host: "127.0.0.1", port: srv.listener.local.port })
      c1.write("one")
      c2.write("two")
      yield* ticks(10)
      assert.strictEqual(srv.accepted.length, 0)
      srv.listener.resume()
      const s1 = yield* srv.next(0)
      const s2 = yield* srv.next(1)
      assert.strictEqual(s1.remotePort, c1.localPort)
      assert.strictEqual(s2.remotePort, c2.localPort)
      // data written while queued was kept
      assert.strictEqual(String(yield* event<[Buffer]>(s1, "data").pipe(Effect.map(([b]) => b))), "one")
      assert.strictEqual(String(yield* event<[Buffer]>(s2, "data").pipe(Effect.map(([b]) => b))), "two")
    }))

  it.effect("beyond the backlog connects wait; close() resets the queued ones and refuses the waiting ones", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const srv = yield* server(network, { backlog: 1 })
      const port = srv.listener.local.port
      srv.listener.pause()
      const queued = yield* network.connect({ host: "127.0.0.1", port })
      const waiting = yield* Effect.fork(network.connect({ host: "127.0.0.1", port }))
      yield* ticks(10)
      assert.isNull(waiting.unsafePoll())
      const resetErr = new Promise<NodeJS.ErrnoException>((resolve) => queued.once("error", resolve))
      yield* srv.listener.close()
      const exit = yield* Fiber.await(waiting)
      assert.isTrue(Exit.isFailure(exit))
      const e = yield* Effect.flip(Fiber.join(waiting))
      assert.strictEqual((e as ConnectError).reason, "refused")
      const err = yield* Effect.promise(() => resetErr)
      assert.strictEqual(err.code, "ECONNRESET")
      assert.strictEqual(srv.accepted.length, 0)
    }))

  it.effect("a waiting connect gets in when the listener resumes; an interrupted one leaves nothing behind", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const srv = yield* server(network, { backlog: 1 })
      const port = srv.listener.local.port
      srv.listener.pause()
      yield* network.connect({ host: "127.0.0.1", port })
      const waiting = yield* Effect.fork(network.connect({ host: "127.0.0.1", port }))
      const abandoned = yield* Effect.fork(network.connect({ host: "127.0.0.1", port }))
      yield* ticks(10)
      yield* Fiber.interrupt(abandoned)
      srv.listener.resume()
      const c = yield* Fiber.join(waiting)
      yield* srv.next(1)
      yield* ticks(10)
      assert.strictEqual(srv.accepted.length, 2)
      assert.strictEqual(srv.accepted[1]!.remotePort, c.localPort)
      assert.strictEqual(network.openConnections(), 4)
    }))

  it.effect("shutdown() closes everything on the network", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const { client, peer, srv } = yield* connected(network)
      yield* network.udp({ port: 0 })
      assert.strictEqual(network.bound().length, 2)
      client.on("error", () => {})
      peer.on("error", () => {})
      network.shutdown()
      yield* ticks()
      assert.isTrue(client.destroyed && peer.destroyed)
      assert.strictEqual(network.bound().length, 0)
      assert.strictEqual(network.openConnections(), 0)
      const e = yield* Effect.flip(network.connect({ host: "127.0.0.1", port: srv.listener.local.port }))
      assert.strictEqual((e as ConnectError).reason, "refused")
    }))
})

// ---- datagrams ----------------------------------------------------------------------------------

describe("MemorySockets datagrams", () => {
  const inbox = (u: { onMessage: (h: (data: Buffer, from: { address: string; port: number }) => void) => void }) => {
    const got: Array<[string, string]> = []
    u.onMessage((data, from) => got.push([data.toString("latin1"), `${from.address}:${from.port}`]))
    return got
  }

  it.effect("binds ephemeral ports; datagrams keep their boundaries and carry the sender", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const a = yield* network.udp({ host: "127.0.0.1" })
      const b = yield* network.udp({ host: "127.0.0.1", port: 0 })
      assert.isAtLeast(a.local().port, 49152)
      assert.notStrictEqual(a.local().port, b.local().port)
      const got = inbox(b)
      yield* a.send(Buffer.from("one"), b.local().port, "127.0.0.1")
      yield* a.send(Buffer.from("two two"), b.local().port, "127.0.0.1")
      yield* a.send(new Uint8Array(0), b.local().port, "localhost")
      assert.deepStrictEqual(got, [])
      yield* ticks()
      const from = `127.0.0.1:${a.local().port}`
      assert.deepStrictEqual(got, [["one", from], ["two two", from], ["", from]])
      a.close()
      b.close()
    }))

  it.effect("large datagrams arrive whole; beyond the IP maximum is EMSGSIZE", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const a = yield* network.udp({ host: "127.0.0.1" })
      const b = yield* network.udp({ host: "127.0.0.1" })
      const sizes: Array<number> = []
      b.onMessage((d) => sizes.push(d.length))
      const big = randomBytes(65507)
      let copy: Buffer | undefined
      b.onMessage((d) => {
        sizes.push(d.length)
        copy = d
      })
      yield* a.send(big, b.local().port, "127.0.0.1")
      // the datagram was copied when sent
      big[0] = big[0]! ^ 0xff
      yield* ticks()
      assert.deepStrictEqual(sizes, [65507])
      assert.strictEqual(copy![0], big[0]! ^ 0xff)
      const e = yield* Effect.flip(a.send(Buffer.alloc(65508), b.local().port, "127.0.0.1"))
      assert.strictEqual(e.code, "EMSGSIZE")
    }))

  it.effect("to nobody: silently dropped; a bound port is EADDRINUSE", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const a = yield* network.udp({ host: "127.0.0.1", port: 5000 })
      yield* a.send(Buffer.from("void"), 5001, "127.0.0.1")
      yield* a.send(Buffer.from("void"), 5001, "192.0.2.1")
      yield* ticks()
      const e = yield* Effect.flip(network.udp({ host: "127.0.0.1", port: 5000 }))
      assert.strictEqual(e.code, "EADDRINUSE")
      const unknown = yield* Effect.flip(a.send(Buffer.from("x"), 1, "nowhere.invalid"))
      assert.strictEqual(unknown.code, "ENOTFOUND")
      a.close()
      const closed = yield* Effect.flip(a.send(Buffer.from("x"), 5001, "127.0.0.1"))
      assert.strictEqual(closed.code, "ERR_SOCKET_DGRAM_NOT_RUNNING")
      // closing freed the port
      const again = yield* network.udp({ host: "127.0.0.1", port: 5000 })
      assert.strictEqual(again.local().port, 5000)
    }))

  it.effect("connect sets the peer for send and filters what is received", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const a = yield* network.udp({ host: "127.0.0.1" })
      const b = yield* network.udp({ host: "127.0.0.1" })
      const stranger = yield* network.udp({ host: "127.0.0.1" })
      const noPeer = yield* Effect.flip(a.send(Buffer.from("x")))
      assert.strictEqual(noPeer.code, "EDESTADDRREQ")
      assert.isUndefined(a.remote())
      yield* a.connect(b.local().port, "127.0.0.1")
      assert.deepStrictEqual(a.remote(), { address: "127.0.0.1", port: b.local().port, family: "IPv4" })
      const got = inbox(a)
      const gotB = inbox(b)
      yield* a.send(Buffer.from("to b"))
      yield* stranger.send(Buffer.from("spam"), a.local().port, "127.0.0.1")
      yield* b.send(Buffer.from("reply"), a.local().port, "127.0.0.1")
      yield* ticks()
      assert.deepStrictEqual(gotB, [["to b", `127.0.0.1:${a.local().port}`]])
      assert.deepStrictEqual(got, [["reply", `127.0.0.1:${b.local().port}`]])
    }))

  it.effect("a socket bound to all interfaces receives datagrams sent to any local address", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const any = yield* network.udp({ port: 0 })
      assert.strictEqual(any.local().address, "0.0.0.0")
      const got = inbox(any)
      const a = yield* network.udp({ host: "127.0.0.1" })
      yield* a.send(Buffer.from("hi"), any.local().port, "127.0.0.1")
      // and it sends from the address that reaches the destination
      yield* any.send(Buffer.from("back"), a.local().port, "127.0.0.1")
      const gotA = inbox(a)
      yield* ticks()
      assert.deepStrictEqual(got, [["hi", `127.0.0.1:${a.local().port}`]])
      assert.deepStrictEqual(gotA, [["back", `127.0.0.1:${any.local().port}`]])
    }))
})

// ---- TLS over the memory duplex -----------------------------------------------------------------

describe("MemorySockets + node:tls", () => {
  const tlsPair = (network: MemorySockets.MemoryNetwork, clientOptions: Partial<tls.ConnectionOptions>) =>
    Effect.gen(function*() {
      const certs = makeCerts()
      const { client, peer } = yield* connected(network)
      const secureContext = tls.createSecureContext({ key: certs.server.key, cert: certs.server.cert })
      const serverTls = new tls.TLSSocket(peer, { isServer: true, secureContext, ALPNProtocols: ["echo/1"] })
      const clientTls = tls.connect({
        socket: client,
        ca: certs.ca,
        servername: "localhost",
        ALPNProtocols: ["echo/1"],
        ...clientOptions
      })
      return { client, peer, serverTls, clientTls }
    })

  it.live("a real handshake (verified certificate, SNI, ALPN) and data both ways", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make({ highWaterMark: 4096 })
      const { clientTls, serverTls } = yield* tlsPair(network, {})
      yield* event(clientTls, "secureConnect")
      assert.isTrue(clientTls.authorized)
      assert.strictEqual(clientTls.alpnProtocol, "echo/1")
      assert.strictEqual((serverTls as tls.TLSSocket & { servername?: string }).servername, "localhost")
      // echo, byte exact, large enough to exercise back-pressure under the TLS layer
      serverTls.on("data", (c: Buffer) => serverTls.write(c))
      serverTls.on("end", () => serverTls.end())
      const data = randomBytes(500_000)
      const back = readAll(clientTls)
      clientTls.end(data)
      const got = yield* back
      assert.isTrue(got.equals(data))
    }))

  it.live("a certificate the client does not trust fails the handshake", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const { clientTls, serverTls } = yield* tlsPair(network, { ca: undefined as unknown as string })
      serverTls.on("error", () => {})
      const [err] = yield* event<[NodeJS.ErrnoException]>(clientTls, "error")
      assert.oneOf(err.code, ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY"])
    }))

  it.live("a TLS session survives a half-close of the client's plaintext side", () =>
    Effect.gen(function*() {
      const network = yield* MemorySockets.make()
      const { clientTls, serverTls } = yield* tlsPair(network, {})
      yield* event(clientTls, "secureConnect")
      const req = readAll(serverTls)
      clientTls.end("request")
      assert.strictEqual((yield* req).toString(), "request")
      const res = readAll(clientTls)
      serverTls.end("response after the client's end")
      assert.strictEqual((yield* res).toString(), "response after the client's end")
    }))
})

// ---- the README example ("Testing your server in memory"), kept verbatim so it stays true --------

const greeter = (sock: Socket.CopasSocket) =>
  Effect.gen(function*() {
    yield* Socket.send(sock, "name?\n")
    const name = yield* Socket.receive(sock)
    yield* Socket.send(sock, `hello ${name}\n`)
  })

const TestCopas = Layer.merge(Copas.layer, MemorySockets.layer)

/** a few real milliseconds: the in-memory network delivers (the TestClock stands still) */
const settle = Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 10)))

describe("README: testing a server in memory", () => {
  it.effect("a silent client is dropped after 30 s of TestClock time", () =>
    Effect.gen(function*() {
      const prompted = yield* Deferred.make<void>()
      const outcome = yield* Deferred.make<string>()
      const loop = yield* Effect.fork(Copas.loop(Effect.gen(function*() {
        yield* Copas.setErrorHandler(() => Effect.void, { default: true }) // the handler's timeout is expected
        const server = yield* Server.addServer({ port: 0 }, greeter, { timeout: "30 seconds" })
        const client = yield* Socket.tcp()
        yield* Socket.connect(client, "127.0.0.1", server.port)
        yield* Socket.receive(client) // "name?"
        yield* Deferred.succeed(prompted, undefined)
        const end = yield* Effect.either(Socket.receive(client)) // ... and says nothing
        yield* Deferred.succeed(outcome, end._tag === "Left" ? end.left._tag : end.right)
        yield* Server.removeServer(server) // a server keeps the loop alive until removed
      })).pipe(Effect.provide(TestCopas)))
      yield* Deferred.await(prompted)
      yield* TestClock.adjust("29 seconds")
      yield* settle
      assert.isFalse(yield* Deferred.isDone(outcome)) // still connected
      yield* TestClock.adjust("1 second")
      assert.strictEqual(yield* Deferred.await(outcome), "ClosedError")
      yield* Fiber.join(loop)
    }))
})

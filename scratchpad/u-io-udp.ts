// UDP: a server echoing datagrams, sendTo/receiveFrom, oversize datagrams, timeouts, closed sockets.
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { probe, runOn, targets } from "./u-io-lib.js"

for (const target of targets) {
  console.log(`== ${target.name}`)
  await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
    yield* Copas.setErrorHandler((cause, task) => Effect.sync(() => console.log(`  [error handler ${task?.name}] ${String(cause).split("\n")[0]}`)), { default: true })
    const srv = yield* Server.addServer({ port: 0, udp: true }, (sock) =>
      Effect.gen(function*() {
        for (;;) {
          const { data, address, port } = yield* Socket.receiveFrom(sock, 100)
          if (data === "close") {
            yield* probe("server: close the server socket (no-op)", Socket.close(sock))
            continue
          }
          if (data === "quit") return
          yield* Socket.sendTo(sock, `echo:${data.length}:${data.slice(0, 10)}`, address, port)
        }
      }), { name: "udp-echo" })
    const c = yield* Socket.udp()
    yield* Socket.setTimeout(c, "300 millis")
    yield* probe("sendTo small", Socket.sendTo(c, "hello", "127.0.0.1", srv.port))
    yield* probe("receiveFrom", Socket.receiveFrom(c))
    yield* probe("sendTo 500 bytes (server truncates to 100)", Socket.sendTo(c, "a".repeat(500), "127.0.0.1", srv.port))
    yield* probe("receiveFrom", Socket.receiveFrom(c))
    yield* probe("sendTo 70000 bytes (over the UDP max)", Socket.sendTo(c, "b".repeat(70000), "127.0.0.1", srv.port))
    yield* probe("receiveFrom (nothing comes)", Socket.receiveFrom(c))
    yield* probe("sendTo 65507 bytes (max)", Socket.sendTo(c, "c".repeat(65507), "127.0.0.1", srv.port))
    yield* probe("receiveFrom", Socket.receiveFrom(c))
    yield* probe("sendTo with start/end? (not in API) send unconnected", Socket.send(c, "x"))
    yield* probe("sendTo '' (empty datagram)", Socket.sendTo(c, "", "127.0.0.1", srv.port))
    yield* probe("receiveFrom", Socket.receiveFrom(c))
    yield* probe("receive(0) on UDP", Socket.receive(c, 0))
    yield* probe("receive('*l') on UDP", Socket.receive(c, "*l"))
    yield* probe("receive('*a') on UDP", Socket.receive(c, "*a"))
    yield* probe("sendTo bad address", Socket.sendTo(c, "x", "not-an-ip", srv.port))
    yield* probe("sendTo port 0", Socket.sendTo(c, "x", "127.0.0.1", 0))
    yield* probe("sendTo to 'localhost'", Socket.sendTo(c, "x", "localhost", srv.port))
    yield* probe("receiveFrom", Socket.receiveFrom(c))
    yield* probe("connect then send/receive", Effect.gen(function*() {
      yield* Socket.connect(c, "127.0.0.1", srv.port)
      yield* Socket.send(c, "connected")
      return yield* Socket.receive(c)
    }))
    yield* probe("send with start/end on UDP", Effect.gen(function*() {
      const n = yield* Socket.send(c, "0123456789", 2, 5)
      return [n, yield* Socket.receive(c)]
    }))
    yield* probe("getPeerName UDP", Socket.getPeerName(c))
    yield* probe("sendTo on a connected UDP socket", Socket.sendTo(c, "x", "127.0.0.1", srv.port))
    yield* probe("close request", Socket.send(c, "close"))
    yield* Copas.sleep(20)
    yield* probe("server still works after close", Effect.zipRight(Socket.send(c, "again"), Socket.receive(c)))
    // a blocked receiveFrom woken by close from another task
    const d = yield* Socket.udp()
    yield* Copas.addThread(Effect.zipRight(Copas.sleep(50), Socket.close(d)))
    yield* probe("receiveFrom while another task closes", Socket.receiveFrom(d))
    yield* probe("sendTo on closed", Socket.sendTo(d, "x", "127.0.0.1", srv.port))
    yield* probe("receiveFrom on closed", Socket.receiveFrom(d))
    yield* probe("getSockName on closed", Socket.getSockName(d))
    yield* probe("quit", Socket.send(c, "quit"))
    yield* Copas.sleep(20)
    console.log(`  server after handler quit: removed=${srv.removed}`)
    yield* Server.removeServer(srv)
    yield* Socket.close(c)
    // a UDP socket bound to a specific port
    const e = yield* probe("udp({ port: srv.port }) after remove", Socket.udp({ port: srv.port, host: "127.0.0.1" } as never))
    if (e._tag === "Success") yield* Socket.close(e.value)
  })))
  console.log("  loop ended")
}

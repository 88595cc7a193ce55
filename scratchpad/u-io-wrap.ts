// wrap: a net.Socket still connecting, one already destroyed, an unbound dgram socket, a Duplex pair
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import * as net from "node:net"
import * as dgram from "node:dgram"
import { probe, runOn, targets } from "./u-io-lib.js"

const target = targets[0]
await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
  const srv = yield* Server.addServer({ port: 0 }, (s) => Effect.zipRight(Socket.send(s, "hi\n"), Effect.exit(Socket.receive(s))))
  const raw = net.connect(srv.port, "127.0.0.1")
  const w = yield* probe("wrap a connecting net.Socket", Socket.wrap(raw))
  if (w._tag === "Success") {
    yield* Socket.setTimeout(w.value, "500 millis")
    yield* probe("  receive", Socket.receive(w.value))
    yield* probe("  getPeerName", Socket.getPeerName(w.value))
    yield* Socket.close(w.value)
  }
  const raw2 = net.connect(srv.port, "127.0.0.1")
  yield* Effect.async<void>((r) => { raw2.once("connect", () => r(Effect.void)) })
  raw2.destroy()
  const w2 = yield* probe("wrap a destroyed net.Socket", Socket.wrap(raw2))
  if (w2._tag === "Success") {
    yield* Socket.setTimeout(w2.value, "500 millis")
    yield* probe("  receive", Socket.receive(w2.value))
    yield* probe("  send", Socket.send(w2.value, "x\n"))
    yield* Socket.close(w2.value)
  }
  const raw3 = net.connect(1, "127.0.0.1") // refused
  raw3.on("error", () => {})
  const w3 = yield* probe("wrap a net.Socket whose connect is refused", Socket.wrap(raw3))
  if (w3._tag === "Success") {
    yield* Socket.setTimeout(w3.value, "500 millis")
    yield* probe("  receive", Socket.receive(w3.value))
    yield* probe("  send", Socket.send(w3.value, "x\n"))
    yield* Socket.close(w3.value)
  }
  const d = dgram.createSocket("udp4")
  const w4 = yield* probe("wrap an unbound dgram socket", Socket.wrap(d))
  if (w4._tag === "Success") {
    yield* probe("  getSockName", Socket.getSockName(w4.value))
    yield* probe("  sendTo", Socket.sendTo(w4.value, "x", "127.0.0.1", srv.port))
    yield* probe("  getSockName after send", Socket.getSockName(w4.value))
    yield* Socket.close(w4.value)
  }
  yield* probe("wrap a string", Socket.wrap("nope" as never))
  yield* Server.removeServer(srv)
})))
console.log("loop ended")

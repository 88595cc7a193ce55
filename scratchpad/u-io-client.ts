// A client exercising every receive pattern, send ranges, timeouts, shutdown and close on both networks.
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { probe, runOn, targets } from "./u-io-lib.js"

// a server whose behaviour is chosen by the first line the client sends
const control = (sock: Socket.CopasSocket) =>
  Effect.gen(function*() {
    const cmd = yield* Socket.receive(sock)
    switch (cmd) {
      case "lines":
        yield* Socket.send(sock, "one\r\ntwo\nthree\r\r\nfour")
        yield* Copas.sleep(50)
        yield* Socket.send(sock, "\nfive")
        yield* Socket.shutdown(sock, "send")
        yield* Copas.sleep(200)
        return
      case "echo":
        for (;;) {
          const l = yield* Socket.receive(sock)
          yield* Socket.send(sock, `[${l}]\n`)
        }
      case "trickle":
        for (let i = 0; i < 10; i++) {
          yield* Socket.send(sock, "x")
          yield* Copas.sleep(30)
        }
        return
      case "all":
        // read everything until the client half-closes, then reply with the size
        {
          const all = yield* Socket.receive(sock, "*a")
          yield* Socket.send(sock, `got ${all.length}\n`)
        }
        return
      case "silent":
        yield* Copas.sleep(1000)
        return
      case "reset":
        yield* Socket.send(sock, "partial")
        yield* Copas.sleep(20)
        yield* Socket.close(sock)
        return
    }
  })

const conn = (port: number, cmd: string) =>
  Effect.gen(function*() {
    const c = yield* Socket.tcp()
    yield* Socket.setTimeout(c, "2 seconds")
    yield* Socket.connect(c, "127.0.0.1", port)
    yield* Socket.send(c, cmd + "\n")
    return c
  })

for (const target of targets) {
  console.log(`== ${target.name}`)
  await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
    yield* Copas.setErrorHandler((cause, task) => Effect.sync(() => console.log(`  [handler error ${task?.name}] ${String(cause).split("\n")[0]}`)), { default: true })
    const srv = yield* Server.addServer({ port: 0 }, control, { name: "ctl" })
    const port = srv.port

    // lines + prefix + n
    const c = yield* conn(port, "lines")
    yield* probe("*l", Socket.receive(c))
    yield* probe("*l with prefix", Socket.receive(c, "*l", "PRE:"))
    yield* probe("*l (three\\r\\r)", Socket.receive(c))
    yield* probe("3 bytes with prefix 'PRE-' (counts)", Socket.receive(c, 3, "PRE-"))
    yield* probe("0 bytes", Socket.receive(c, 0))
    yield* probe("2 bytes", Socket.receive(c, 2))
    yield* probe("*l rest of four", Socket.receive(c))
    yield* probe("*a with prefix", Socket.receive(c, "*a", "A:"))
    yield* probe("*a again after EOF", Socket.receive(c, "*a"))
    yield* probe("*l after EOF", Socket.receive(c))
    yield* probe("5 after EOF", Socket.receive(c, 5))
    yield* probe("receivePartial *a after EOF", Socket.receivePartial(c, "*a"))
    yield* probe("send after peer half-closed", Socket.send(c, "hi\n"))
    yield* Socket.close(c)

    // send ranges
    const e = yield* conn(port, "echo")
    yield* probe("send 'abcdef' 1..4", Socket.send(e, "abcdef\n", 1, 4))
    yield* probe("send newline", Socket.send(e, "\n"))
    yield* probe("receive echo", Socket.receive(e))
    yield* probe("send '' ", Socket.send(e, ""))
    yield* probe("send start>end", Socket.send(e, "abc", 2, 1))
    yield* probe("send start beyond length", Socket.send(e, "abc", 10))
    yield* probe("send negative start -2", Socket.send(e, "xyz\n", -2))
    yield* probe("receive echo after -2", Socket.receive(e))
    yield* probe("send end beyond length", Socket.send(e, "xyz\n", 0, 100))
    yield* probe("receive", Socket.receive(e))
    yield* probe("send utf8 with start/end (bytes or chars?)", Socket.send(e, "héllo\n", 1, 3))
    yield* probe("send nl", Socket.send(e, "\n"))
    yield* probe("receive", Socket.receive(e))
    yield* probe("receive utf8 split: send 'é' bytes one by one", Effect.gen(function*() {
      yield* Socket.send(e, new Uint8Array([0xc3]))
      yield* Copas.sleep(10)
      yield* Socket.send(e, new Uint8Array([0xa9, 10]))
      return yield* Socket.receive(e)
    }))
    yield* Socket.close(e)

    // timeouts
    const t = yield* conn(port, "trickle")
    yield* Socket.setTimeout(t, "100 millis")
    yield* probe("*l with 100ms on a trickle", Socket.receive(t))
    yield* Socket.setTimeout(t, 0)
    yield* probe("*l with timeout 0 (partial semantics)", Socket.receive(t))
    yield* probe("receivePartial 5", Socket.receivePartial(t, 5))
    yield* Socket.setTimeout(t, null)
    yield* probe("*a no timeout until close", Socket.receive(t, "*a"))
    yield* Socket.close(t)

    // silent + close from another task
    const s = yield* conn(port, "silent")
    yield* Copas.addThread(Effect.zipRight(Copas.sleep(50), Socket.close(s)))
    yield* probe("receive while another task closes", Socket.receive(s))
    yield* probe("getPeerName after close", Socket.getPeerName(s))
    yield* probe("getStats after close", Socket.getStats(s))

    // half-close and *a on the server
    const a = yield* conn(port, "all")
    yield* Socket.send(a, "x".repeat(100000))
    yield* Socket.shutdown(a, "send")
    yield* probe("reply after our half-close", Socket.receive(a))
    yield* probe("send after shutdown(send)", Socket.send(a, "more"))
    yield* Socket.close(a)

    // peer closes with partial data
    const r = yield* conn(port, "reset")
    yield* probe("*l, peer closes after 'partial'", Socket.receive(r))
    yield* probe("*l again", Socket.receive(r))
    yield* Socket.close(r)

    // shutdown receive then receive
    const sr = yield* conn(port, "echo")
    yield* Socket.shutdown(sr, "receive")
    yield* probe("send after shutdown(receive)", Socket.send(sr, "ping\n"))
    yield* probe("receive after shutdown(receive)", Socket.receive(sr))
    yield* Socket.close(sr)

    // connect errors
    const x = yield* Socket.tcp()
    yield* probe("connect twice (1)", Socket.connect(x, "127.0.0.1", port))
    yield* probe("connect twice (2)", Socket.connect(x, "127.0.0.1", port))
    yield* Socket.close(x)
    const y = yield* Socket.tcp()
    yield* probe("connect after close", Effect.zipRight(Socket.close(y), Socket.connect(y, "127.0.0.1", port)))
    const z = yield* Socket.tcp()
    yield* probe("receive on an unconnected socket", Effect.timeout(Socket.receive(z), "300 millis"))
    yield* probe("send on an unconnected socket", Effect.timeout(Socket.send(z, "x"), "300 millis"))
    yield* Socket.close(z)
    const w = yield* Socket.tcp()
    yield* Server.removeServer(srv)
    yield* probe("connect to a removed server's port", Socket.connect(w, "127.0.0.1", port))
    yield* Socket.close(w)
    const h = yield* Socket.tcp()
    yield* Socket.setTimeout(h, "300 millis")
    yield* probe("connect to a bad hostname", Socket.connect(h, "no-such-host.invalid", 80))
    yield* Socket.close(h)
  })))
}

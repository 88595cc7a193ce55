// TLS: half-close (shutdown send) then read the reply; a big transfer both ways; a slow reader over TLS; close with data pending
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { makeCerts } from "../test/util/certs.js"
import { probe, runOn, targets } from "./u-io-lib.js"

const certs = makeCerts()
for (const target of targets) {
  console.log(`== ${target.name}`)
  await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
    const errs: Array<string> = []
    yield* Copas.setErrorHandler((cause, task) => Effect.sync(() => { errs.push(`${task?.name}: ${String(cause).split("\n")[0]}`) }), { default: true })
    const srv = yield* Server.addServer({ port: 0 }, (s) => Effect.gen(function*() {
      const cmd = yield* Socket.receive(s)
      if (cmd === "upload") {
        const all = yield* Socket.receive(s, "*a")
        yield* Socket.send(s, `got ${all.length}\n`)
      } else if (cmd === "download") {
        const n = yield* Socket.send(s, new Uint8Array(8 * 1024 * 1024))
        yield* Socket.send(s, `\nsent ${n}\n`)
      } else if (cmd === "bye") {
        yield* Socket.send(s, "x".repeat(100000) + "\nEND\n")
        // handler returns: the socket is closed with data still going out
      }
    }), { tls: { key: certs.server.key, cert: certs.server.cert }, timeout: "5 seconds" })
    const conn = Effect.gen(function*() {
      const c = yield* Socket.tcp({ tls: { ca: certs.ca } })
      yield* Socket.setTimeout(c, "5 seconds")
      yield* Socket.connect(c, "127.0.0.1", srv.port)
      return c
    })
    const a = yield* conn
    yield* Socket.send(a, "upload\n")
    yield* Socket.send(a, new Uint8Array(3 * 1024 * 1024))
    yield* Socket.shutdown(a, "send")
    yield* probe("TLS upload + shutdown(send), reply", Socket.receive(a))
    yield* Socket.close(a)
    const b = yield* conn
    yield* Socket.send(b, "download\n")
    yield* Copas.sleep(300) // let the server fill the pipe
    yield* probe("TLS download 8 MB", Effect.map(Socket.receiveBytes(b, 8 * 1024 * 1024), (x) => x.length))
    yield* probe("  trailer", Effect.zipRight(Socket.receive(b), Socket.receive(b)))
    yield* Socket.close(b)
    const c = yield* conn
    yield* Socket.send(c, "bye\n")
    yield* Copas.sleep(50)
    yield* probe("TLS close with data pending: *a", Effect.map(Socket.receive(c, "*a"), (x) => `${x.length} ${x.slice(-5)}`))
    yield* Socket.close(c)
    yield* Copas.sleep(50)
    yield* Server.removeServer(srv)
    console.log("  errors:\n    " + errs.join("\n    "))
  })))
  console.log("  loop ended")
}

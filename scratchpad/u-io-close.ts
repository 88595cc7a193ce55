// close from another task while send (blocked by back-pressure) / connect (backlog full) / handshake is pending;
// connect timeouts; a server's timeout on a slow client.
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
    // a server that never reads
    const sink = yield* Server.addServer({ port: 0 }, () => Copas.sleep(3000), { name: "sink" })
    const c = yield* Socket.tcp()
    yield* Socket.connect(c, "127.0.0.1", sink.port)
    yield* Copas.addThread(Effect.zipRight(Copas.sleep(200), Socket.close(c)))
    const big = new Uint8Array(64 * 1024 * 1024)
    yield* probe("send 64 MB to a non-reader, closed by another task at 200ms", Socket.send(c, big))
    yield* probe("  send again", Socket.send(c, "x"))
    // send timeout
    const c2 = yield* Socket.tcp()
    yield* Socket.connect(c2, "127.0.0.1", sink.port)
    yield* Socket.setTimeouts(c2, { send: "200 millis" })
    const e = yield* probe("send 64 MB with a 200ms send timeout", Socket.send(c2, big))
    yield* probe("  resume from sent with another timeout", Socket.send(c2, big, e._tag === "Failure" ? ((e.cause as any).error?.sent ?? 0) : 0))
    yield* Socket.close(c2)
    yield* Server.removeServer(sink, { drain: 0 })

    // a TLS server whose handshake never completes (client is plain and silent)
    const tlsSrv = yield* Server.addServer({ port: 0 }, (s) => Socket.send(s, "hi\n"), { name: "tls", tls: { key: certs.server.key, cert: certs.server.cert }, timeout: "300 millis" })
    const p = yield* Socket.tcp()
    yield* Socket.connect(p, "127.0.0.1", tlsSrv.port)
    yield* Socket.setTimeout(p, "2 seconds")
    yield* probe("silent plain client on a TLS server with 300ms timeout", Socket.receive(p, "*a"))
    yield* Socket.close(p)
    // a TLS client whose handshake is closed by another task
    const q = yield* Socket.tcp({ tls: { ca: certs.ca } })
    const plainSilent = yield* Server.addServer({ port: 0 }, () => Copas.sleep(2000), { name: "silent" })
    yield* Copas.addThread(Effect.zipRight(Copas.sleep(100), Socket.close(q)))
    yield* probe("TLS connect to a silent server, closed at 100ms", Socket.connect(q, "127.0.0.1", plainSilent.port))
    const q2 = yield* Socket.tcp({ tls: { ca: certs.ca } })
    yield* Socket.setTimeouts(q2, { connect: "150 millis" })
    yield* probe("TLS connect to a silent server, connect timeout 150ms", Socket.connect(q2, "127.0.0.1", plainSilent.port))
    yield* Socket.close(q2)
    yield* Server.removeServer(plainSilent, { drain: 0 })
    yield* Server.removeServer(tlsSrv)

    // server timeout: a slow client
    const slow = yield* Server.addServer({ port: 0 }, (s) => Effect.gen(function*() {
      const l = yield* Socket.receive(s)
      yield* Socket.send(s, `got ${l}\n`)
    }), { name: "slow", timeout: "200 millis" })
    const r = yield* Socket.tcp()
    yield* Socket.connect(r, "127.0.0.1", slow.port)
    yield* Socket.send(r, "hel")
    yield* Copas.sleep(150)
    yield* Socket.send(r, "lo")
    yield* Copas.sleep(100)
    yield* Socket.send(r, "\n")
    yield* probe("client of a 200ms server sending a line over 250ms", Socket.receive(r))
    yield* Socket.close(r)
    yield* Server.removeServer(slow)
    console.log("  errors:\n    " + errs.join("\n    "))
  })))
  console.log("  loop ended")
}

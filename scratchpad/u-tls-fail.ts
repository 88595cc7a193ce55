import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Socket from "effect-copas/Socket"
import { certs, errHandler, main, runOn, show, withServer } from "./u-tls-common.js"
const serverTls = { key: certs.server.key, cert: certs.server.cert }
main((net, layer) => Effect.gen(function*() {
  const f: Array<string> = []
  const ends: Array<string> = []
  const r = yield* runOn(layer, Effect.gen(function*() {
    yield* errHandler(f)
    const out: Record<string, string> = {}
    // client handshake timeout: server reads and waits for the client to go away
    yield* withServer((s) => Effect.gen(function*() {
      const t0 = Date.now()
      const e = yield* Effect.either(Socket.receive(s, "*a"))
      ends.push(`server saw client go after ${Date.now() - t0}ms: ${e._tag}`)
    }), (port) => Effect.gen(function*() {
      const c = yield* Socket.tcp({ tls: { ca: certs.ca, servername: "localhost" } })
      yield* Socket.setTimeout(c, 300)
      const t0 = Date.now()
      const e = yield* Effect.either(Socket.connect(c, "127.0.0.1", port))
      out.clientTimeout = `${e._tag === "Left" ? `${e.left._tag} ${(e.left as any).reason}` : "OK"} in ${Date.now() - t0}ms`
      yield* Copas.sleep(100)
      yield* Socket.close(c)
    }))
    // doHandshake client timeout on a connected plain socket
    yield* withServer((s) => Effect.either(Socket.receive(s, "*a")), (port) => Effect.gen(function*() {
      const c = yield* Socket.tcp()
      yield* Socket.connect(c, "127.0.0.1", port)
      yield* Socket.setTimeout(c, 200)
      const e = yield* Effect.either(Socket.doHandshake(c, { ca: certs.ca }))
      out.doHandshakeTimeout = e._tag === "Left" ? `${e.left._tag} ${(e.left as any).reason}` : "OK"
      const s2 = yield* Effect.either(Socket.send(c, "x"))
      out.sendAfterFailed = s2._tag === "Left" ? s2.left._tag : "sent!"
    }))
    // server side TLS: client close in the middle of the handshake (sends a partial hello then closes)
    yield* withServer((s) => Effect.void, (port) => Effect.gen(function*() {
      const c = yield* Socket.tcp()
      yield* Socket.connect(c, "127.0.0.1", port)
      yield* Socket.send(c, Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]))
      yield* Copas.sleep(50)
      yield* Socket.close(c)
      yield* Copas.sleep(50)
    }), { tls: serverTls })
    // mTLS
    yield* withServer((s) => Effect.gen(function*() {
      const t = (s as any).tlsSocket
      yield* Socket.send(s, `cert CN=${t?.getPeerCertificate()?.subject?.CN} authorized=${t?.authorized}\n`)
    }), (port) => Effect.gen(function*() {
      for (const [k, o] of [["good", { ...certs.client, ca: certs.ca, servername: "localhost" }], ["self", { ...certs.selfSigned, ca: certs.ca, servername: "localhost" }], ["none", { ca: certs.ca, servername: "localhost" }]] as const) {
        const c = yield* Socket.tcp({ tls: o as any })
        const e = yield* Effect.either(Socket.connect(c, "127.0.0.1", port))
        const l = e._tag === "Right" ? yield* Effect.either(Socket.receive(c)) : e
        out[`mtls_${k}`] = l._tag === "Right" ? l.right : `${(l.left as any)._tag} ${(l.left as any).reason ?? ""}`
        yield* Socket.close(c)
      }
    }), { tls: { ...serverTls, ca: certs.ca, verify: "peer" } })
    return out
  }))
  console.log(net, show(r).replace(/,"/g, ',\n  "'), f, ends)
}))

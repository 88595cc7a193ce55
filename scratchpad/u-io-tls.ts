// TLS misconfigurations: every one should be a clear typed error and leave nothing open.
import { Effect } from "effect"
import { writeFileSync } from "node:fs"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { makeCerts } from "../test/util/certs.js"
import { probe, runOn, targets } from "./u-io-lib.js"

const certs = makeCerts()
writeFileSync("/tmp/u-io-ca.pem", certs.ca)
writeFileSync("/tmp/u-io-key.pem", certs.server.key)
writeFileSync("/tmp/u-io-cert.pem", certs.server.cert)

const echo = (sock: Socket.CopasSocket) =>
  Effect.gen(function*() {
    for (;;) {
      const l = yield* Socket.receive(sock)
      yield* Socket.send(sock, `[${l}]\n`)
    }
  })

const client = (port: number, tls: Socket.TlsOptions | undefined, label: string) =>
  probe(label, Effect.gen(function*() {
    const c = yield* Socket.tcp(tls ? { tls } : undefined)
    yield* Socket.setTimeout(c, "1 second")
    yield* Effect.ensuring(Effect.gen(function*() {
      yield* Socket.connect(c, "127.0.0.1", port)
      yield* Socket.send(c, "hi\n")
      return yield* Socket.receive(c)
    }), Socket.close(c))
  }))

for (const target of targets) {
  console.log(`== ${target.name}`)
  await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
    yield* Copas.setErrorHandler((cause, task) => Effect.sync(() => console.log(`  [error handler ${task?.name}] ${String(cause).split("\n")[0]}`)), { default: true })
    yield* probe("addServer with a missing key file", Server.addServer({ port: 0 }, echo, { tls: { key: "/nonexistent.key", cert: "/nonexistent.crt" } }))
    yield* probe("addServer with a key that does not match the cert", Server.addServer({ port: 0 }, echo, { tls: { key: certs.other.key, cert: certs.server.cert } }))
    yield* probe("addServer with garbage PEM", Server.addServer({ port: 0 }, echo, { tls: { key: "-----BEGIN garbage", cert: certs.server.cert } }))
    yield* probe("addServer with tls but no key/cert", Server.addServer({ port: 0 }, echo, { tls: {} }))
    const srv = yield* Server.addServer({ port: 0 }, echo, { name: "tls", tls: { key: "/tmp/u-io-key.pem", cert: "/tmp/u-io-cert.pem" } })
    const plain = yield* Server.addServer({ port: 0 }, echo, { name: "plain" })
    yield* client(srv.port, { ca: "/tmp/u-io-ca.pem" }, "good client (ca by path)")
    yield* client(srv.port, { ca: certs.ca, servername: "wrong.test" }, "hostname mismatch")
    yield* client(srv.port, {}, "no ca (untrusted)")
    yield* client(srv.port, { ca: "/nonexistent-ca.pem" }, "client ca path missing")
    yield* client(srv.port, { ca: certs.ca, verify: false }, "verify false")
    yield* client(srv.port, undefined, "plain client on TLS server")
    yield* client(plain.port, { ca: certs.ca }, "TLS client on plain server")
    yield* client(srv.port, { ca: certs.ca, protocol: "tlsv1" }, "client tlsv1 only")
    yield* client(srv.port, { ca: certs.ca, alpn: ["h2"] }, "client alpn h2, server none")
    const sock = yield* Socket.tcp()
    yield* probe("doHandshake without options on a plain client", Effect.zipRight(Socket.connect(sock, "127.0.0.1", srv.port), Socket.doHandshake(sock)))
    yield* Socket.close(sock)
    const sock2 = yield* Socket.tcp()
    yield* Socket.setTimeout(sock2, "1 second")
    yield* probe("doHandshake({ca}) after connect", Effect.zipRight(Socket.connect(sock2, "127.0.0.1", srv.port), Socket.doHandshake(sock2, { ca: certs.ca })))
    yield* probe("getAlpn", Socket.getAlpn(sock2))
    yield* probe("getPeerName (tls)", Socket.getPeerName(sock2))
    yield* probe("send/recv (tls)", Effect.zipRight(Socket.send(sock2, "x\n"), Socket.receive(sock2)))
    yield* probe("doHandshake twice", Socket.doHandshake(sock2, { ca: certs.ca }))
    yield* Socket.close(sock2)
    yield* Copas.sleep(100)
    console.log("  status", JSON.stringify(yield* Copas.status()))
    yield* Server.removeServer(srv)
    yield* Server.removeServer(plain)
  })))
  console.log("  loop ended")
}

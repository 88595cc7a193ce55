import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Socket from "effect-copas/Socket"
import { X509Certificate } from "node:crypto"
import { certs, errHandler, main, runOn, show, withServer } from "./u-tls-common.js"
import { makeExpired } from "./u-tls-certs2.js"
const expired = makeExpired()
console.log("expired validTo", new X509Certificate(expired.cert).validTo)
const tryConnect = (port: number, tls: Socket.TlsOptions, host = "127.0.0.1") => Effect.gen(function*() {
  const c = yield* Socket.tcp({ tls, timeout: "1 second" } as any)
  const r = yield* Effect.either(Socket.connect(c, host, port))
  let out: string
  if (r._tag === "Left") out = `${r.left._tag} ${(r.left as any).reason ?? ""} ${(r.left as any).code ?? ""}`
  else out = `OK ${yield* Effect.orElseSucceed(Socket.receive(c), () => "?")} alpn=${yield* Effect.orElseSucceed(Socket.getAlpn(c), () => "?")}`
  yield* Socket.close(c)
  return out
})
const hello = (s: Socket.CopasSocket) => Effect.flatMap(Effect.orElseSucceed(Socket.getAlpn(s), () => "?"), (a) => Socket.send(s, `hi alpn=${a}\n`))
main((net, layer) => Effect.gen(function*() {
  const f: Array<string> = []
  const r = yield* runOn(layer, Effect.gen(function*() {
    yield* errHandler(f)
    const out: Record<string, string> = {}
    // server: other.test cert (CA-signed, no IP SAN)
    yield* withServer(hello, (port) => Effect.gen(function*() {
      out.otherByIpWithCa = yield* tryConnect(port, { ca: certs.ca })
      out.otherByLocalhostWithCa = yield* tryConnect(port, { ca: certs.ca }, "localhost")
      out.otherServernameOther = yield* tryConnect(port, { ca: certs.ca, servername: "other.test" })
      out.otherSniStr = yield* tryConnect(port, { ca: certs.ca, sni: { names: "other.test" } })
      out.noCaDefault = yield* tryConnect(port, { servername: "other.test" })
      out.emptyOpts = yield* tryConnect(port, {})
      out.verifyUndefined = yield* tryConnect(port, { verify: undefined, servername: "other.test" })
      out.verifyPeerArr = yield* tryConnect(port, { verify: ["peer"], servername: "other.test" })
      out.verifyEmptyArr = yield* tryConnect(port, { verify: [] as any, servername: "other.test" })
      out.rejectUnauthorizedFalseIgnored = yield* tryConnect(port, { rejectUnauthorized: false, servername: "other.test" } as any)
      out.protocolAny = yield* tryConnect(port, { protocol: "any", ca: certs.ca, servername: "other.test" })
    }), { tls: certs.other })
    yield* withServer(hello, (port) => Effect.gen(function*() {
      out.expired = yield* tryConnect(port, { ca: expired.ca, servername: "localhost" })
      out.expiredVerifyNone = yield* tryConnect(port, { verify: "none" })
    }), { tls: { key: expired.key, cert: expired.cert } })
    yield* withServer(hello, (port) => Effect.gen(function*() {
      out.selfSignedDefault = yield* tryConnect(port, {})
      out.selfSignedAsCa = yield* tryConnect(port, { ca: certs.selfSigned.cert })
      out.selfSignedAsCaWrongName = yield* tryConnect(port, { ca: certs.selfSigned.cert, servername: "x.test" })
    }), { tls: certs.selfSigned })
    // versions: server allows only TLSv1 - default client min?
    yield* withServer(hello, (port) => Effect.gen(function*() {
      out.serverTls11Only = yield* tryConnect(port, { ca: certs.ca, servername: "localhost" })
    }), { tls: { ...certs.server, minVersion: "TLSv1.1", maxVersion: "TLSv1.1", ciphers: "DEFAULT:@SECLEVEL=0" } })
    // ALPN
    yield* withServer(hello, (port) => Effect.gen(function*() {
      out.alpnMatch = yield* tryConnect(port, { ca: certs.ca, servername: "localhost", alpn: ["x/9", "h2"] })
      out.alpnNoOverlap = yield* tryConnect(port, { ca: certs.ca, servername: "localhost", alpn: ["x/9"] })
      out.alpnNone = yield* tryConnect(port, { ca: certs.ca, servername: "localhost" })
    }), { tls: { ...certs.server, alpn: ["h2", "http/1.1"] } })
    // plain server, TLS client
    yield* withServer((s) => Socket.send(s, "220 plain\r\n"), (port) => Effect.gen(function*() {
      out.tlsToPlainGreeting = yield* tryConnect(port, { ca: certs.ca, servername: "localhost" })
    }))
    // server never answers the ClientHello
    yield* withServer(() => Copas.sleep(3000), (port) => Effect.gen(function*() {
      out.silentServer = yield* tryConnect(port, { ca: certs.ca, servername: "localhost" })
    }))
    return out
  }))
  console.log(net, show(r).replace(/,"/g, ',\n  "'), f)
}))

// a TLS server with bad settings: what do the client and the error handler see?
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
    yield* Copas.setErrorHandler((cause, task) => Effect.sync(() => console.log(`  [error handler ${task?.name}] ${String(cause).split("\n")[0]}`)), { default: true })
    for (const [label, tls] of [
      ["missing key file", { key: "/nonexistent.key", cert: "/nonexistent.crt" }],
      ["key/cert mismatch", { key: certs.other.key, cert: certs.server.cert }],
      ["no key/cert", {}],
      ["sni map with a bad entry", { sni: { names: { "myhost.com": { key: "/nope", cert: "/nope" } } } }]
    ] as const) {
      const srv = yield* probe(`addServer: ${label}`, Server.addServer({ port: 0 }, (s) => Socket.send(s, "hi\n"), { tls: tls as Socket.TlsOptions }))
      if (srv._tag === "Failure") continue
      const c = yield* Socket.tcp({ tls: { ca: certs.ca, servername: "myhost.com" } })
      yield* Socket.setTimeout(c, "1 second")
      yield* probe("  client connect", Socket.connect(c, "127.0.0.1", srv.value.port))
      yield* Socket.close(c)
      yield* Copas.sleep(20)
      yield* Server.removeServer(srv.value)
    }
  })))
  console.log("  loop ended")
}

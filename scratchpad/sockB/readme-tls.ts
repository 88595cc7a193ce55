import { Console, Effect } from "effect"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { makeCerts } from "../../test/util/certs.js"
const c = makeCerts()
const key = c.server.key, cert = c.server.cert, ca = c.ca

const program = Effect.gen(function*() {
  // TLS termination: each connection handshakes (server mode) before the handler runs
  const server = yield* Server.addServer(
    { port: 0 },
    (sock) => Effect.flatMap(Socket.getSniName(sock), (name) => Socket.send(sock, `hello ${name}\n`)),
    { tls: { key, cert, alpn: ["demo/1"] } }
  )
  // a client: certificate and host name are verified unless `verify: false`
  const client = yield* Socket.tcp({ tls: { ca, servername: "localhost", alpn: ["demo/1"] } })
  yield* Socket.connect(client, "127.0.0.1", server.port) // TCP connect + handshake
  yield* Console.log(yield* Socket.receive(client), yield* Socket.getAlpn(client)) // hello localhost demo/1
  yield* Socket.close(client)
  yield* Server.removeServer(server)
})
Effect.runPromise(NodeCopas.run(program))

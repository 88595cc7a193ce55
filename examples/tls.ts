#!/usr/bin/env copas
/**
 * The guide's TLS examples: two TLS servers and a client.
 *
 * - server 1 handshakes in its handler: `Socket.doHandshake(skt, params)`
 *   (Lua: `skt = copas.wrap(skt):dohandshake(sslparams)`);
 * - server 2 lets `Server.handler(handle, params)` wrap the handler: `handle` gets a socket whose
 *   handshake is done (Lua: `handle = copas.handler(handle, sslparams)`);
 * - the client wraps a new TCP socket with TLS parameters; `connect` then also handshakes
 *   (Lua: `skt = copas.wrap(socket.tcp(), sslparams); skt:connect(host, port)`). It verifies the
 *   server's certificate and host name (the default; here against the servers' own certificate).
 *
 * The certificate is made when the script starts (self-signed, for localhost), nothing is stored.
 *
 *   copas examples/tls.ts
 */
import { Console, Effect } from "effect"
import * as Future from "effect-copas/Future"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { generate } from "selfsigned"

/** Talks over an established TLS connection: a greeting, then one echoed line. */
const talk = (who: string) => (skt: Socket.CopasSocket) =>
  Effect.gen(function*() {
    yield* Socket.send(skt, `hello from ${who}\n`)
    const line = yield* Socket.receive(skt)
    yield* Socket.send(skt, `${who} got: ${line}\n`)
  })

const client = (port: number, ca: string) =>
  Effect.gen(function*() {
    const skt = yield* Socket.wrap(yield* Socket.tcp(), { ca, servername: "localhost" })
    yield* Socket.setTimeout(skt, "5 seconds") // connect (with the handshake), send and receive
    yield* Effect.gen(function*() {
      yield* Socket.connect(skt, "127.0.0.1", port) // connecting also performs the handshake
      const greeting = yield* Socket.receive(skt)
      yield* Socket.send(skt, "ping\n")
      const reply = yield* Socket.receive(skt)
      yield* Console.log(`client (port ${port}): ${greeting} / ${reply}`)
    }).pipe(Effect.ensuring(Socket.close(skt)))
  })

export default Effect.gen(function*() {
  const pems = yield* Effect.promise(() =>
    generate([{ name: "commonName", value: "localhost" }], {
      keyType: "ec",
      curve: "P-256",
      extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] }]
    })
  )
  const params: Socket.TlsOptions = { key: pems.private, cert: pems.cert }

  const one = yield* Server.addServer({ port: 0 }, (skt) =>
    Effect.flatMap(Socket.doHandshake(skt, params), talk("server 1")))
  const two = yield* Server.addServer({ port: 0 }, Server.handler(talk("server 2"), params))

  // the clients run as tasks (Copas's futures: `Future.get` waits for a task's result)
  const clients = [
    yield* Future.addThread(client(one.port, pems.cert)),
    yield* Future.addThread(client(two.port, pems.cert))
  ]
  // the servers keep the loop alive: remove them once both clients are done
  for (const f of clients) {
    const result = yield* Effect.either(Future.get(f))
    if (result._tag === "Left") yield* Console.error(`a client failed: ${result.left}`)
  }
  // (handlers still running get a second to finish, then they are interrupted)
  yield* Server.removeServer(one, { drain: "1 second" })
  yield* Server.removeServer(two, { drain: "1 second" })
  yield* Console.log("done")
})

#!/usr/bin/env copas
/**
 * Migrating a blocking server to Copas (the guide's "Using Copas with an existing server").
 * The protocol code (`handle`: read a request, send a response) stays as it is; what changes:
 *
 * 1. the server socket and its handler are registered with Copas (`Server.addServer`), which runs
 *    one task per connection instead of one connection at a time;
 * 2. the handler uses Copas's socket functions: either it wraps the socket itself (`wrapping`),
 *    or `Server.handler(handle)` wraps the handler (and with TLS options also handshakes);
 * 3. the dispatcher runs the loop (here the `copas` command does).
 *
 * The request: a line `<a> <b>`; the response: their sum, or `error: ...`. An empty line ends the
 * session. Both servers speak the same protocol.
 *
 *   copas examples/migrate-server.ts [port1] [port2]    (default 8081 8082; 0 = any free port)
 *
 * The Lua original:
 *   function handle(skt)
 *     skt = copas.wrap(skt)   -- or skip this line and use copas.handler(handle)
 *     reqdata = skt:receive(pattern)
 *     skt:send(respdata)
 *   end
 *   copas.addserver(socket.bind(host, port), handle)
 *   copas()
 */
import { Console, Effect } from "effect"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

/** The protocol, as it was in the blocking server: request in, response out. */
const handle = (skt: Socket.CopasSocket) =>
  Effect.gen(function*() {
    while (true) {
      const reqdata = yield* Socket.receive(skt, "*l") // gets some data from the client - "the request"
      if (reqdata === "") return
      const [a, b] = reqdata.split(" ").map(Number)
      const respdata = Number.isFinite(a) && Number.isFinite(b) ? String(a! + b!) : `error: expected two numbers`
      yield* Socket.send(skt, `${respdata}\n`) // sends some data to the client - "the response"
    }
  })

/** Alternative 1: the handler wraps the socket itself (`skt = copas.wrap(skt)`). */
const wrapping = (skt: Socket.CopasSocket) => Effect.flatMap(Socket.wrap(skt), handle)

export default (args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const one = yield* Server.addServer({ port: Number(args[0] ?? 8081) }, wrapping, { name: "wrapping" })
    // Alternative 2: `copas.handler(handle)` wraps the handler (with TLS options it also handshakes)
    const two = yield* Server.addServer({ port: Number(args[1] ?? 8082) }, Server.handler(handle), { name: "handler" })
    yield* Console.log(`${one.name} on port ${one.port}, ${two.name} on port ${two.port}`)
  })

#!/usr/bin/env copas
/**
 * The guide's UDP server: one handler task gets the server socket and receives datagrams (up to
 * 2048 bytes each) until an error. Never close a UDP server socket in its handler: it is the
 * server (closing it does nothing here).
 *
 *   copas examples/udp-server.ts [port]      (default 51034; 0 = any free port)
 *   echo -n hello | nc -u -w1 127.0.0.1 51034
 *
 * The Lua original:
 *   local server = socket.udp()
 *   server:setsockname("*", 51034)
 *   function handler(skt)
 *     skt = copas.wrap(skt)
 *     print("UDP connection handler")
 *     while true do
 *       print("receiving...")
 *       local s, err = skt:receive(2048)
 *       if not s then print("Receive error: ", err) return end
 *       print("Received data, bytes:", #s)
 *     end
 *   end
 *   copas.addserver(server, handler, 1)
 *   copas()
 */
import { Console, Effect } from "effect"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

const handler = (skt: Socket.CopasSocket) =>
  Effect.gen(function*() {
    yield* Console.log("UDP connection handler")
    while (true) {
      yield* Console.log("receiving...")
      // receiveFromBytes: the datagram's bytes and its sender (receiveBytes(skt, 2048) gives the bytes only)
      const got = yield* Effect.either(Socket.receiveFromBytes(skt, 2048))
      if (got._tag === "Left") return yield* Console.log("Receive error:", got.left.message)
      const { data, address, port } = got.right
      yield* Console.log(`Received data, bytes: ${data.length} (from ${address} port ${port})`)
    }
  })

export default (args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    // Copas's third argument (a timeout of 1 second) is left out: the handler would end at the
    // first second without a datagram
    const server = yield* Server.addServer({ host: "127.0.0.1", port: Number(args[0] ?? 51034), udp: true }, handler)
    yield* Console.log(`UDP server on port ${server.port}`)
  })

#!/usr/bin/env copas
/**
 * The guide's echo server, in the form that wraps the socket (`skt = copas.wrap(skt)`) so that the
 * handler reads like plain LuaSocket code. (examples/echo-server.ts is the same server with
 * `copas.receive`/`copas.send`.) A client sends lines; each is echoed until it sends `quit`, then
 * the connection is closed (the handler ended: autoclose).
 *
 *   copas examples/echo-wrap.ts [port]      (default 8080; 0 = any free port)
 *   printf 'hello\nquit\n' | nc 127.0.0.1 8080
 *
 * The Lua original:
 *   function echoHandler(skt)
 *     skt = copas.wrap(skt)
 *     while true do
 *       local data = skt:receive()
 *       if data == "quit" then break end
 *       skt:send(data)
 *     end
 *   end
 *   copas.addserver(socket.bind(host, port), echoHandler)
 *   copas()
 */
import { Console, Effect } from "effect"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

// `Socket.wrap` makes a Copas socket from a raw Node socket; a Copas socket (what `addServer`
// hands its handlers) comes back unchanged, so handler code written for raw sockets keeps working.
const echoHandler = (skt: Socket.CopasSocket) =>
  Effect.gen(function*() {
    skt = yield* Socket.wrap(skt)
    while (true) {
      const data = yield* Socket.receive(skt) // one line, without its end of line
      if (data === "quit") break
      yield* Socket.send(skt, `${data}\n`)
    }
  })

export default (args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const server = yield* Server.addServer({ host: "127.0.0.1", port: Number(args[0] ?? 8080) }, echoHandler)
    yield* Console.log(`echo server listening on ${server.address} port ${server.port}`)
  })

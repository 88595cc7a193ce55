#!/usr/bin/env copas
/**
 * The guide's outgoing TCP task: connect to a server, print whatever it sends (6 bytes at a
 * time), and stop when a message starts with `quit`. The task uses Copas's socket functions, so
 * other tasks keep running while it waits.
 *
 *   copas examples/tcp-client.ts [host] [port]      (default 127.0.0.1 10000)
 *
 * The Lua original:
 *   local skt = socket.connect("127.0.0.1", 10000)
 *   skt:settimeout(0) -- important: make it non-blocking
 *   copas.addthread(function()
 *     while true do
 *       print("receiving...")
 *       local resp = copas.receive(skt, 6)
 *       print("received:", resp or "nil")
 *       if resp and resp:sub(1,4) == "quit" then skt:close() break end
 *     end
 *   end)
 *   copas()
 */
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Socket from "effect-copas/Socket"

export default (args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const host = args[0] ?? "127.0.0.1"
    const port = Number(args[1] ?? 10000)
    // no `settimeout(0)` needed: a Copas socket never blocks the process
    const skt = yield* Socket.tcp()
    yield* Socket.connect(skt, host, port)
    yield* Copas.addThread(
      Effect.gen(function*() {
        while (true) {
          yield* Console.log("receiving...")
          const resp = yield* Effect.either(Socket.receive(skt, 6))
          // a failure (the server closed, a reset ...) is a value here, as Lua's `nil, err`
          yield* Console.log("received:", resp._tag === "Right" ? resp.right : `nil (${resp.left.message})`)
          if (resp._tag === "Left") break
          if (resp.right.slice(0, 4) === "quit") {
            yield* Socket.close(skt)
            break
          }
        }
      })
    )
  })

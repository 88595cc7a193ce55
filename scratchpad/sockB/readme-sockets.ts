import { Console, Effect } from "effect"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

// one task per connection: a line in, the line back upper-cased, until "quit" or 30 s of silence
const handler = (sock: Socket.CopasSocket) =>
  Effect.gen(function*() {
    for (;;) {
      const line = yield* Socket.receive(sock) // "*l": one line, without its LF/CRLF
      if (line === "quit") return // the connection is closed when the handler ends
      yield* Socket.send(sock, line.toUpperCase() + "\n")
    }
  })

const program = Effect.gen(function*() {
  const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, handler, {
    name: "shout",
    timeout: "30 seconds", // inherited by every client socket
    maxConnections: 1000
  })
  const client = yield* Socket.tcp()
  yield* Socket.setTimeout(client, "5 seconds")
  yield* Socket.connect(client, "127.0.0.1", server.port)
  yield* Socket.send(client, "hello\nquit\n")
  yield* Console.log(yield* Socket.receive(client)) // HELLO
  yield* Socket.close(client)
  yield* Server.removeServer(server, { drain: "1 second" }) // a server keeps the loop alive until removed
})

Effect.runPromise(NodeCopas.run(program))

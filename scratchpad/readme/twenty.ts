import { Effect } from "effect"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

// Copas's echo handler: read lines, echo them, "quit" closes the connection.
const echo = (skt: Socket.CopasSocket) =>
  Effect.gen(function*() {
    for (;;) {
      const line = yield* Socket.receive(skt, "*l")
      if (line === "quit") return
      yield* Socket.send(skt, line + "\n")
    }
  }).pipe(Effect.catchTag("ClosedError", () => Effect.void)) // Lua's `if not line then break end`

const main = Effect.gen(function*() {
  const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, echo, { timeout: "30 seconds" })
  yield* Effect.log(`listening on port ${server.port}`)
})

Effect.runPromise(NodeCopas.run(main)) // runs until the server is removed

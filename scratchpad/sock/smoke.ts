import { Effect } from "effect"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

const echo = (sock: Socket.CopasSocket): Effect.Effect<void, Socket.ReceiveError | Socket.SendError> =>
  Effect.flatMap(Socket.receive(sock), (line) =>
    line === "quit" ? Effect.void : Effect.zipRight(Socket.send(sock, line + "\n"), Effect.suspend(() => echo(sock))))

const prog = Effect.gen(function*() {
  const srv = yield* Server.addServer({ port: 0 }, echo)
  const c = yield* Socket.tcp()
  yield* Socket.connect(c, "127.0.0.1", srv.port)
  yield* Socket.send(c, "hello\r\nworld\n")
  console.log(yield* Socket.receive(c), yield* Socket.receive(c))
  yield* Socket.send(c, "quit\n")
  console.log(yield* Effect.either(Socket.receive(c, "*a")))
  yield* Server.removeServer(srv)
}).pipe(Effect.provide(NodeCopas.layer))
Effect.runPromise(prog).then(() => console.log("done"), (e) => console.error("ERR", e))

// probe: Server.layer + Copas.exit / waitForExit for a programmatic graceful shutdown (Copas style)
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

const EchoLive = Server.layer({ host: "127.0.0.1", port: 0 }, (sock) =>
  Effect.gen(function*() {
    for (;;) yield* Socket.send(sock, (yield* Socket.receive(sock)) + "\n")
  }), { name: "echo", drain: "100 millis" })

const program = Effect.gen(function*() {
  const srv = yield* Server.Server
  yield* Copas.loop(Effect.gen(function*() {
    yield* Copas.addNamedThread("shutdown", Effect.gen(function*() {
      yield* Copas.waitForExit
      yield* Console.log("exiting: removing the server")
      yield* Server.removeServer(srv, { drain: "100 millis" })
    }))
    const c = yield* Socket.tcp()
    yield* Socket.connect(c, "127.0.0.1", srv.port)
    yield* Socket.send(c, "ping\n")
    yield* Console.log(`echo: ${yield* Socket.receive(c)}`)
    yield* Copas.exit
    yield* Console.log(`exiting flag: ${yield* Copas.exiting}`)
  }))
  yield* Console.log("loop returned")
}).pipe(Effect.provide(EchoLive), Effect.provide(NodeCopas.layer))
const t0 = Date.now()
Effect.runPromise(program).then(() => console.log(`done after ${Date.now() - t0} ms`))

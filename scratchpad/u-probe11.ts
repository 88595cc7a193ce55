// probe: a client that resets its connection (RST) while the handler waits in receive("*l")
import * as net from "node:net"
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

Effect.runPromise(NodeCopas.run(Effect.gen(function*() {
  const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (sock) =>
    Effect.gen(function*() {
      for (;;) yield* Socket.send(sock, (yield* Socket.receive(sock, "*l")) + "\n")
    }).pipe(Effect.catchAll((e) => Effect.sync(() => console.log(`handler ended with ${e._tag}: ${e.message}`)))), { name: "echo" })
  const raw = net.connect(server.port, "127.0.0.1")
  yield* Effect.async<void>((resume) => { raw.on("connect", () => resume(Effect.void)) })
  raw.write("partial line without LF")
  yield* Copas.sleep(50)
  raw.resetAndDestroy()
  yield* Copas.sleep(50)
  yield* Server.removeServer(server)
})))

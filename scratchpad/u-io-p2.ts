// a connection made right before removeServer: is it handled (Copas: accepted connections keep their handlers)
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { probe, runOn, targets } from "./u-io-lib.js"

for (const target of targets) {
  console.log(`== ${target.name}`)
  await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
    const srv = yield* Server.addServer({ port: 0 }, (sock) => probe("handler", Effect.zipRight(Socket.send(sock, "hello\n"), Socket.receive(sock))), { name: "s" })
    const x = yield* Socket.tcp()
    yield* Socket.setTimeout(x, "1 second")
    yield* probe("connect", Socket.connect(x, "127.0.0.1", srv.port))
    yield* Server.removeServer(srv)
    yield* probe("client receive after removeServer", Socket.receive(x))
    yield* Socket.close(x)
  })))
  console.log("  loop ended")
}

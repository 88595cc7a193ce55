// does a server handler see the close of a client that never sent anything? (memory vs node)
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { probe, runOn, targets } from "./u-io-lib.js"

for (const target of targets) {
  console.log(`== ${target.name}`)
  await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
    const srv = yield* Server.addServer({ port: 0 }, (sock) => probe("handler receive", Socket.receive(sock)), { name: "s" })
    const x = yield* Socket.tcp()
    yield* Socket.connect(x, "127.0.0.1", srv.port)
    yield* Socket.close(x)
    yield* Copas.sleep(100)
    console.log("  status", JSON.stringify(yield* Copas.status()))
    yield* Server.removeServer(srv)
  })))
  console.log("  loop ended")
}

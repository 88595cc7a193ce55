// two tasks connect the same socket at once
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { probe, runOn, targets } from "./u-io-lib.js"

for (const target of targets) {
  console.log(`== ${target.name}`)
  await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
    let n = 0
    const srv = yield* Server.addServer({ port: 0 }, (s) => Effect.gen(function*() {
      const k = ++n
      yield* Socket.send(s, `conn ${k}\n`)
      yield* Effect.exit(Socket.receive(s))
      console.log(`  server: conn ${k} ended`)
    }))
    const c = yield* Socket.tcp()
    yield* Socket.setTimeout(c, "500 millis")
    const a = yield* Copas.addThread(probe("connect A", Socket.connect(c, "127.0.0.1", srv.port)))
    const b = yield* Copas.addThread(probe("connect B", Socket.connect(c, "127.0.0.1", srv.port)))
    yield* Copas.sleep(100)
    console.log(`  server accepted ${srv.accepted}, open ${srv.connections}`)
    yield* probe("receive", Socket.receive(c))
    yield* Socket.close(c)
    yield* Copas.sleep(100)
    console.log(`  after close: server open ${srv.connections}`)
    yield* Server.removeServer(srv, { drain: "200 millis" })
  })))
  console.log("  loop ended")
}

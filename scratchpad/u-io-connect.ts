// connect timeouts: a blackhole (node: 10.255.255.1; memory: a listener whose backlog is full), a second connect while one is pending
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { probe, runOn, targets } from "./u-io-lib.js"

for (const target of targets) {
  console.log(`== ${target.name}`)
  await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
    let host = "10.255.255.1", port = 80
    let srv: Server.CopasServer | undefined
    if (target.name === "memory") {
      srv = yield* Server.addServer({ port: 0, backlog: 1 }, () => Copas.sleep(2000), { maxConnections: 1 })
      host = "127.0.0.1"
      port = srv.port
      // fill: one accepted, one in the backlog
      for (let i = 0; i < 2; i++) {
        const f = yield* Socket.tcp()
        yield* Socket.connect(f, host, port)
      }
    }
    const c = yield* Socket.tcp()
    yield* Socket.setTimeouts(c, { connect: "300 millis" })
    yield* probe("connect to a blackhole, 300ms", Socket.connect(c, host, port))
    yield* probe("  connect again after the timeout", Socket.connect(c, host, port))
    yield* Socket.close(c)
    const d = yield* Socket.tcp()
    yield* Socket.setTimeouts(d, { connect: "300 millis" })
    const first = yield* Copas.addThread(probe("  first connect (pending)", Socket.connect(d, host, port)))
    yield* Copas.sleep(50)
    yield* probe("second connect while the first is pending", Socket.connect(d, host, port))
    yield* Copas.sleep(400)
    yield* Socket.close(d)
    const e = yield* Socket.tcp()
    yield* Copas.useSocketTimeoutErrors(true)
    yield* Socket.setTimeouts(e, { connect: "100 millis" })
    yield* probe("connect timeout with useSocketTimeoutErrors", Socket.connect(e, host, port))
    yield* Copas.useSocketTimeoutErrors(false)
    yield* Socket.close(e)
    if (srv) yield* Server.removeServer(srv, { drain: 0 })
    yield* Copas.cancelAll
  })))
  console.log("  loop ended")
}

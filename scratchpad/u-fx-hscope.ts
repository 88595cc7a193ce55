import { Effect } from "effect"
import * as NodeCopas from "../src/NodeCopas.js"
import * as Server from "../src/Server.js"
import * as Socket from "../src/Socket.js"
import * as Copas from "../src/Copas.js"
const log: Array<string> = []
await Effect.runPromise(Effect.scoped(NodeCopas.run(Effect.gen(function*() {
  let n = 0
  const srv = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (s) => Effect.gen(function*() {
    const id = ++n
    yield* Effect.addFinalizer(() => Effect.sync(() => log.push(`conn ${id} finalizer`)))
    yield* Socket.send(s, "hi\n")
  }))
  for (let i = 0; i < 3; i++) {
    const c = yield* Socket.tcp()
    yield* Socket.connect(c, "127.0.0.1", srv.port)
    yield* Socket.receive(c)
    yield* Socket.close(c)
  }
  yield* Copas.sleep(20)
  log.push("all 3 connections done")
  yield* Server.removeServer(srv)
}))))
log.push("run returned")
console.log(log)

import { Deferred, Effect, Exit } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as net from "node:net"
const raw = net.createServer({ allowHalfOpen: true })
const log = (m: string) => Effect.sync(() => console.log(m))
const r = await Effect.runPromise(NodeCopas.run(Effect.gen(function*() {
  const gate = yield* Deferred.make<void>()
  const a = yield* Copas.addThread(Effect.onExit(Server.addServer(raw, () => Effect.void), (e) => log("A exit " + e._tag)))
  yield* Copas.addThread(Effect.zipRight(Effect.zipRight(Deferred.await(gate), log("B removes")), Copas.removeThread(a)))
  yield* Copas.addThread(Effect.sync(() => {
    raw.once("listening", () => { console.log("listening"); Deferred.unsafeDone(gate, Exit.void) })
    raw.listen(0, "127.0.0.1")
  }))
  yield* Copas.addThread(Effect.forever(Effect.zipRight(Copas.sleep(500), Effect.flatMap(Copas.status(), (s) => log(JSON.stringify(s))))).pipe(Effect.timeout(2000)))
})).pipe(Effect.timeout("3 seconds"), Effect.exit))
console.log(r._tag, raw.listenerCount("connection"), raw.listenerCount("error"))
raw.close()

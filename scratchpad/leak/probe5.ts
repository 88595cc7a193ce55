import { Effect, Exit } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Http from "effect-copas/Http"
import * as Socket from "effect-copas/Socket"
import * as http from "node:http"
import * as net from "node:net"

const res = () => process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "Timeout").sort().join(",")
const server = http.createServer(() => {})
await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()))
const port = (server.address() as net.AddressInfo).port

const scenario = async (name: string, body: Effect.Effect<unknown, unknown, any>) => {
  const t0 = Date.now()
  await Effect.runPromise(Effect.timeout(NodeCopas.run(Effect.gen(function*() {
    yield* body
  })), "3 seconds").pipe(Effect.exit)).then((e) => { if (Exit.isFailure(e)) console.log(name, "RUN FAILED", String(e.cause).slice(0, 80)) })
  console.log(name, Date.now() - t0, "ms", res())
}
await scenario("socket receive + cancelAll", Effect.gen(function*() {
  const c = yield* Socket.tcp()
  yield* Socket.connect(c, "127.0.0.1", port)
  yield* Copas.addThread(Effect.onExit(Socket.receive(c), (e) => Effect.sync(() => console.log(" receiver exit", e._tag))))
  yield* Copas.addThread(Effect.zipRight(Copas.sleep(20), Copas.cancelAll))
}))
await scenario("http + cancelAll", Effect.gen(function*() {
  yield* Copas.addThread(Effect.onExit(Http.request(`http://127.0.0.1:${port}/`), (e) => Effect.sync(() => console.log(" http exit", e._tag))))
  yield* Copas.addThread(Effect.zipRight(Copas.sleep(20), Copas.cancelAll))
}))
await scenario("sleep + cancelAll", Effect.gen(function*() {
  yield* Copas.addThread(Effect.onExit(Copas.sleep(100000), (e) => Effect.sync(() => console.log(" sleep exit", e._tag))))
  yield* Copas.addThread(Effect.zipRight(Copas.sleep(20), Copas.cancelAll))
}))
await scenario("http + removeThread", Effect.gen(function*() {
  const a = yield* Copas.addThread(Effect.onExit(Http.request(`http://127.0.0.1:${port}/`), (e) => Effect.sync(() => console.log(" http exit", e._tag))))
  yield* Copas.addThread(Effect.zipRight(Copas.sleep(20), Copas.removeThread(a)))
}))
server.close()

import { Effect, Exit } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Socket from "effect-copas/Socket"
import * as Server from "effect-copas/Server"
import * as Http from "effect-copas/Http"
import * as net from "node:net"
import * as http from "node:http"

const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length
const all = () => process.getActiveResourcesInfo().sort().join(",")
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
const hs = http.createServer((_q, r) => { r.writeHead(200); r.write("x") })
await new Promise<void>((r) => hs.listen(0, "127.0.0.1", () => r()))
const hport = (hs.address() as net.AddressInfo).port
const scenario = async (name: string, body: Effect.Effect<unknown, unknown, any>) => {
  await wait(50)
  const before = timers()
  await Effect.runPromise(Effect.timeout(NodeCopas.run(Effect.gen(function*() {
    yield* Copas.setErrorHandler(() => Effect.void, { default: true })
    yield* body
  })), "4 seconds").pipe(Effect.exit)).then((e) => { if (Exit.isFailure(e)) console.log(name, "RUN FAILED", String(e.cause).slice(0, 100)) })
  await wait(50)
  console.log(timers() === before ? "  " : "!!", name, "timers", before, "->", timers(), all())
}
const removedAfter = (delay: number, eff: Effect.Effect<unknown, unknown, any>) => Effect.gen(function*() {
  const a = yield* Copas.addThread(eff)
  yield* Copas.addThread(Effect.zipRight(Copas.sleep(delay), Copas.removeThread(a)))
})
await scenario("sleep removed", removedAfter(5, Copas.sleep(100000)))
await scenario("server + client receive with timeout removed", Effect.gen(function*() {
  const srv = yield* Server.addServer({ port: 0 }, (s) => Socket.receive(s), { timeout: 100000 })
  const c = yield* Socket.tcp()
  yield* Socket.setTimeout(c, 100000)
  yield* Socket.connect(c, "127.0.0.1", srv.port)
  yield* removedAfter(5, Socket.receive(c))
  yield* Copas.addThread(Effect.zipRight(Copas.sleep(10), Server.removeServer(srv, { drain: 0 })))
}))
await scenario("client with unsent data closed", Effect.gen(function*() {
  const srv = yield* Server.addServer({ port: 0 }, (s) => Copas.sleep(50))
  const c = yield* Socket.tcp()
  yield* Socket.connect(c, "127.0.0.1", srv.port)
  yield* Effect.exit(Effect.timeout(Effect.forever(Socket.send(c, "x".repeat(65536))), 30))
  yield* Socket.close(c)
  yield* Server.removeServer(srv, { drain: 100 })
}))
await scenario("http mid-body timeout", removedAfter(20, Http.request({ url: `http://127.0.0.1:${hport}/`, timeout: 100000 })))
hs.close(); hs.closeAllConnections()

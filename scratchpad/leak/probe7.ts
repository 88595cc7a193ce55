import { Effect, Exit, Layer } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Socket from "effect-copas/Socket"
import * as Server from "effect-copas/Server"
import * as net from "node:net"
import * as dgram from "node:dgram"
import { makeCerts } from "../../test/util/certs.js"

const res = () => process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "Timeout" && r !== "MessagePort").sort().join(",")
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
const certs = makeCerts()
const raws: Array<net.Socket> = []
const rawConnect = (port: number) => Effect.promise(() => new Promise<net.Socket>((r) => { const s = net.connect(port, "127.0.0.1"); s.on("error", () => {}); raws.push(s); s.once("connect", () => r(s)) }))

const scenario = async (name: string, body: Effect.Effect<unknown, unknown, any>, status = false) => {
  raws.length = 0
  const before = res()
  const t0 = Date.now()
  let st = ""
  await Effect.runPromise(Effect.timeout(NodeCopas.run(Effect.gen(function*() {
    yield* Copas.setErrorHandler(() => Effect.void, { default: true })
    yield* body
  })), "4 seconds").pipe(Effect.exit)).then((e) => { if (Exit.isFailure(e)) console.log(name, "RUN FAILED", String(e.cause).slice(0, 100)) })
  const ms = Date.now() - t0
  for (const p of raws) p.resume()
  await wait(100)
  const open = raws.filter((p) => !p.readableEnded && !p.destroyed).length
  for (const p of raws) p.destroy()
  await wait(30)
  const after = res()
  const bad = before !== after || open > 0
  console.log(bad ? "!!" : "  ", name, ms, "ms", before === after ? "clean" : `LEAK before=[${before}] after=[${after}]`, `raw clients ${raws.length} open ${open}`)
}
const removedAfter = (delay: number, eff: Effect.Effect<unknown, unknown, any>) => Effect.gen(function*() {
  const a = yield* Copas.addThread(eff)
  yield* Copas.addThread(Effect.zipRight(delay < 0 ? Effect.void : Copas.sleep(delay), Copas.removeThread(a)))
})
const stuck = (s: Socket.CopasSocket) => Socket.receive(s)

for (const delay of [-1, 0, 5]) {
  await scenario(`Server.make scoped, removed ${delay}`, removedAfter(delay, Effect.scoped(Effect.gen(function*() {
    const srv = yield* Server.make({ port: 0 }, stuck)
    yield* rawConnect(srv.port)
    yield* Copas.sleep(100000)
  }))))
  await scenario(`Server.make scoped drain 20, removed ${delay}`, removedAfter(delay, Effect.scoped(Effect.gen(function*() {
    const srv = yield* Server.make({ port: 0 }, stuck, { drain: 20 })
    yield* rawConnect(srv.port)
    yield* Copas.sleep(100000)
  }))))
  await scenario(`Server.layer build, removed ${delay}`, removedAfter(delay, Effect.scoped(Layer.build(Server.layer({ port: 0 }, stuck)))))
  await scenario(`tls server, plain client in handshake, removeServer drain 20 removed ${delay}`, Effect.gen(function*() {
    const srv = yield* Server.addServer({ port: 0 }, stuck, { tls: { key: certs.server.key, cert: certs.server.cert } })
    yield* rawConnect(srv.port)
    yield* removedAfter(delay, Server.removeServer(srv, { drain: 20 }))
  }))
  await scenario(`server, removeServer drain 50, remover removed ${delay}`, Effect.gen(function*() {
    const srv = yield* Server.addServer({ port: 0 }, stuck)
    yield* rawConnect(srv.port)
    yield* rawConnect(srv.port)
    yield* removedAfter(delay, Server.removeServer(srv, { drain: 50 }))
  }))
  await scenario(`udp setpeername removed ${delay}`, Effect.gen(function*() {
    const u = yield* Socket.udp({ host: "127.0.0.1", port: 0 })
    yield* removedAfter(delay, Socket.connect(u, "127.0.0.1", 9))
  }))
  await scenario(`udp receive removed ${delay}`, Effect.gen(function*() {
    const u = yield* Socket.udp({ host: "127.0.0.1", port: 0 })
    yield* removedAfter(delay, Socket.receiveFrom(u))
  }))
  await scenario(`udp server handler receive, removeServer ${delay}`, Effect.gen(function*() {
    const srv = yield* Server.addServer({ port: 0, udp: true }, (s) => Socket.receiveFrom(s))
    yield* removedAfter(delay, Server.removeServer(srv, { drain: 10 }))
  }))
  await scenario(`udp sendTo removed ${delay}`, Effect.gen(function*() {
    const u = yield* Socket.udp({ host: "127.0.0.1", port: 0 })
    yield* removedAfter(delay, Effect.forever(Socket.sendTo(u, "x".repeat(1000), 9, "127.0.0.1")))
  }))
  await scenario(`tcp server, cancelAll ${delay}`, Effect.gen(function*() {
    const srv = yield* Server.addServer({ port: 0 }, stuck)
    yield* rawConnect(srv.port)
    yield* Copas.addThread(Effect.zipRight(delay < 0 ? Effect.void : Copas.sleep(delay), Copas.cancelAll))
  }))
  await scenario(`tcp server keepOpen then loop ends ${delay}`, Effect.gen(function*() {
    const srv = yield* Server.addServer({ port: 0 }, stuck)
    yield* rawConnect(srv.port)
    yield* Copas.addThread(Effect.zipRight(delay < 0 ? Effect.void : Copas.sleep(delay), Effect.zipRight(Server.removeServer(srv, { keepOpen: true, drain: 0 }), Effect.void)))
  }))
}

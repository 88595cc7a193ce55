import { Effect, Exit } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Socket from "effect-copas/Socket"
import * as Server from "effect-copas/Server"
import * as net from "node:net"
import * as tls from "node:tls"
import { Fiber, Option } from "effect"
const preemptIn = (ops: number) => Effect.sync(() => {
  const fiber = Option.getOrThrow(Fiber.getCurrentFiber()) as unknown as { currentOpCount: number }
  fiber.currentOpCount = 2048 - ops
})
import { makeCerts } from "../../test/util/certs.js"

const certs = makeCerts()
const res = () => process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "Timeout" && r !== "MessagePort").sort().join(",")
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
const peers: Array<net.Socket> = []
const plain = net.createServer({ allowHalfOpen: true }, (s) => { peers.push(s); s.on("error", () => {}); s.resume() })
const secure = tls.createServer({ key: certs.server.key, cert: certs.server.cert }, (s) => { s.on("error", () => {}); s.resume() })
secure.on("connection", (s) => { peers.push(s); s.on("error", () => {}) })
const listen = async (srv: net.Server) => { await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r())); return (srv.address() as net.AddressInfo).port }
const pport = await listen(plain), sport = await listen(secure)
let bad = 0
const scenario = async (name: string, body: Effect.Effect<unknown, unknown, any>) => {
  peers.length = 0
  const before = res()
  let ended = true
  await Effect.runPromise(Effect.timeout(NodeCopas.run(Effect.gen(function*() {
    yield* Copas.setErrorHandler(() => Effect.void, { default: true })
    yield* body
  })), "3 seconds").pipe(Effect.exit)).then((e) => { if (Exit.isFailure(e)) ended = false })
  await wait(30)
  const open = peers.filter((p) => !p.readableEnded && !p.destroyed).length
  for (const p of peers) p.destroy()
  await wait(10)
  const after = res()
  if (before !== after || open > 0 || !ended) { bad++; console.log("!!", name, ended ? "" : "HUNG", before, "->", after, "open peers", open) }
}
const sweep = (k: number, op: Effect.Effect<unknown, unknown, any>) => Effect.gen(function*() {
  const a = yield* Copas.addThread(Effect.zipRight(preemptIn(k), op))
  yield* Copas.addThread(Copas.removeThread(a))
})
const conn = (port: number, t: boolean, timeout?: number) => Effect.gen(function*() {
  const c = yield* Socket.tcp(t ? { tls: { ca: certs.ca, servername: "localhost" } } : undefined)
  if (timeout) yield* Socket.setTimeout(c, timeout)
  yield* Socket.connect(c, "127.0.0.1", port)
})
for (let k = 0; k <= 60; k++) {
  await scenario(`connect k=${k}`, sweep(k, conn(pport, false)))
  await scenario(`connect timeout k=${k}`, sweep(k, conn(pport, false, 1000)))
  await scenario(`tls connect k=${k}`, sweep(k, conn(sport, true)))
  await scenario(`tls connect timeout k=${k}`, sweep(k, conn(sport, true, 1000)))
  await scenario(`listen k=${k}`, sweep(k, Server.addServer({ port: 0 }, () => Effect.void)))
  await scenario(`udp server k=${k}`, sweep(k, Server.addServer({ port: 0, udp: true }, () => Effect.void)))
  await scenario(`udp k=${k}`, sweep(k, Socket.udp({ host: "127.0.0.1", port: 0 })))
  await scenario(`layer k=${k}`, sweep(k, Effect.scoped(Server.make({ port: 0 }, () => Effect.void))))
}
console.log("done, bad:", bad)
plain.close(); secure.close()

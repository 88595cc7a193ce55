import { Effect, Exit } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Socket from "effect-copas/Socket"
import * as net from "node:net"

const res = () => process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "Timeout").sort().join(",")
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
const busy = (ms: number) => Effect.sync(() => { const t = Date.now(); while (Date.now() - t < ms) {} })

const peers: Array<net.Socket> = []
const server = net.createServer({ allowHalfOpen: true }, (s) => { s.on("error", () => {}); peers.push(s) })
await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()))
const port = (server.address() as net.AddressInfo).port

const scenario = async (name: string, body: Effect.Effect<unknown, unknown, any>) => {
  peers.length = 0
  const before = res()
  await Effect.runPromise(Effect.timeout(NodeCopas.run(Effect.gen(function*() {
    yield* Copas.setErrorHandler(() => Effect.void, { default: true })
    yield* body
  })), "3 seconds").pipe(Effect.exit)).then((e) => { if (Exit.isFailure(e)) console.log(name, "RUN FAILED", String(e.cause)) })
  await wait(100)
  const open = peers.filter((p) => !p.readableEnded && !p.destroyed).length
  for (const p of peers) p.destroy()
  await wait(20)
  const after = res()
  console.log(name, before === after ? "clean" : `LEAK before=[${before}] after=[${after}]`, `peers ${peers.length} open ${open}`)
  for (const p of peers) p.destroy()
}

for (const [t, b] of [[5, 50], [1, 20], [10, 10], [2, 0]] as const) {
  await scenario(`connect timeout ${t} busy ${b}`, Effect.gen(function*() {
    const c = yield* Socket.tcp()
    yield* Socket.setTimeout(c, t)
    const a = yield* Copas.addThread(Effect.exit(Socket.connect(c, "127.0.0.1", port)).pipe(Effect.tap((e) => Effect.sync(() => console.log("  exit", Exit.isSuccess(e) ? "ok" : String(e.cause).slice(0, 60))))))
    yield* Copas.addThread(busy(b))
  }))
}
for (const b of [0, 20]) {
  await scenario(`connect removed busy ${b}`, Effect.gen(function*() {
    const c = yield* Socket.tcp()
    const a = yield* Copas.addThread(Socket.connect(c, "127.0.0.1", port))
    yield* Copas.addThread(Effect.zipRight(busy(b), Copas.removeThread(a)))
  }))
  await scenario(`connect removed after pause busy ${b}`, Effect.gen(function*() {
    const c = yield* Socket.tcp()
    const a = yield* Copas.addThread(Socket.connect(c, "127.0.0.1", port))
    yield* Copas.addThread(Effect.zipRight(Effect.zipRight(busy(b), Copas.pause()), Copas.removeThread(a)))
  }))
}
server.close()

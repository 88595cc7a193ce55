import { Deferred, Effect, Exit } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Socket from "effect-copas/Socket"
import * as net from "node:net"

const res = () => process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "Timeout").sort().join(",")
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

const peers: Array<net.Socket> = []
const server = net.createServer({ allowHalfOpen: true }, (s) => { s.on("error", () => {}); peers.push(s) })
await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()))
const port = (server.address() as net.AddressInfo).port

// after a client socket emits `event`, run `after` (synchronously, in the same Node callback)
let hook: ((s: net.Socket, event: string) => void) | undefined
const emit = net.Socket.prototype.emit
net.Socket.prototype.emit = function(this: net.Socket, event: string, ...args: Array<unknown>) {
  const r = emit.call(this, event, ...args)
  if (hook !== undefined && this.remotePort === port) hook(this, event)
  return r
} as typeof emit

const scenario = async (name: string, body: Effect.Effect<unknown, unknown, any>) => {
  peers.length = 0
  const before = res()
  await Effect.runPromise(Effect.timeout(NodeCopas.run(Effect.gen(function*() {
    yield* Copas.setErrorHandler(() => Effect.void, { default: true })
    yield* body
  })), "3 seconds").pipe(Effect.exit)).then((e) => { if (Exit.isFailure(e)) console.log(name, "RUN FAILED", String(e.cause)) })
  hook = undefined
  await wait(100)
  const open = peers.filter((p) => !p.readableEnded && !p.destroyed).length
  for (const p of peers) p.destroy()
  await wait(20)
  const after = res()
  console.log(name, before === after ? "clean" : `LEAK before=[${before}] after=[${after}]`, `peers ${peers.length} open ${open}`)
}

for (const timeout of [0, 1000]) for (const delay of [0, 1, 2, 3]) {
  await scenario(`connect, removed by a task woken by the connect event (timeout ${timeout}, pauses ${delay})`, Effect.gen(function*() {
    const gate = yield* Deferred.make<void>()
    const c = yield* Socket.tcp()
    if (timeout > 0) yield* Socket.setTimeout(c, timeout)
    const a = yield* Copas.addThread(Socket.connect(c, "127.0.0.1", port))
    yield* Copas.addThread(Effect.gen(function*() {
      yield* Deferred.await(gate)
      for (let i = 0; i < delay; i++) yield* Effect.yieldNow()
      yield* Copas.removeThread(a)
    }))
    hook = (_s, event) => { if (event === "connect") Deferred.unsafeDone(gate, Exit.void) }
  }))
}
server.close()
net.Socket.prototype.emit = emit

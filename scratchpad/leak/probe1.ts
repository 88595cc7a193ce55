import { Effect, Exit } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Socket from "effect-copas/Socket"
import * as Server from "effect-copas/Server"

const res = () => process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "Timeout").sort().join(",")
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

const scenario = async (name: string, body: Effect.Effect<unknown, unknown, any>) => {
  const before = res()
  const t0 = Date.now()
  await Effect.runPromise(Effect.timeout(NodeCopas.run(Effect.gen(function*() {
    yield* Copas.setErrorHandler(() => Effect.void, { default: true })
    yield* body
  })), "3 seconds").pipe(Effect.exit)).then((e) => { if (Exit.isFailure(e)) console.log(name, "RUN FAILED", String(e.cause)) })
  await wait(100)
  const after = res()
  console.log(name, Date.now() - t0, "ms", before === after ? "clean" : `LEAK before=[${before}] after=[${after}]`)
}

// 1. UDP bind, removed while binding
await scenario("udp bind removed", Effect.gen(function*() {
  const a = yield* Copas.addThread(Socket.udp({ host: "127.0.0.1", port: 0 }))
  yield* Copas.addThread(Copas.removeThread(a))
}))
// 2. addServer udp removed while binding
await scenario("udp server removed", Effect.gen(function*() {
  const a = yield* Copas.addThread(Server.addServer({ port: 0, udp: true }, () => Effect.void))
  yield* Copas.addThread(Copas.removeThread(a))
}))
// 3. addServer tcp removed while listening
await scenario("tcp server removed", Effect.gen(function*() {
  const a = yield* Copas.addThread(Server.addServer({ port: 0 }, () => Effect.void))
  yield* Copas.addThread(Copas.removeThread(a))
}))
// 4. udp bind with Effect.timeout 0
await scenario("udp bind timeout", Effect.gen(function*() {
  yield* Effect.exit(Effect.timeout(Socket.udp({ host: "127.0.0.1", port: 0 }), 0))
}))

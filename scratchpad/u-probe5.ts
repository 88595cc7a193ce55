// probe: a handler that races receive against another wait (an Effect habit); no data may be lost
import { Effect, Option } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Queue from "effect-copas/Queue"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

const N = 200
const main = Effect.gen(function*() {
  const got: Array<string> = []
  const outbox = yield* Queue.make<string>()
  const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (sock) =>
    Effect.gen(function*() {
      for (;;) {
        const r = yield* Effect.raceFirst(
          Socket.receive(sock).pipe(Effect.map(Option.some)),
          Queue.pop(outbox, Math.floor(Math.random() * 3)).pipe(Effect.as(Option.none()), Effect.catchAll(() => Effect.succeed(Option.none())))
        )
        if (Option.isSome(r)) got.push(r.value)
      }
    }), { name: "racer" })
  const c = yield* Socket.tcp()
  yield* Socket.connect(c, "127.0.0.1", server.port)
  for (let i = 0; i < N; i++) {
    const line = `line number ${i} ${"x".repeat(i % 37)}\n`
    const cut = i % line.length
    yield* Socket.send(c, line.slice(0, cut))
    if (i % 3 === 0) yield* Copas.sleep(1)
    yield* Socket.send(c, line.slice(cut))
    if (i % 5 === 0) yield* Copas.sleep(2)
  }
  for (let k = 0; got.length < N && k < 100; k++) yield* Copas.sleep(10)
  const bad = got.filter((l, i) => l !== `line number ${i} ${"x".repeat(i % 37)}`)
  console.log(`got ${got.length} lines, ${bad.length} wrong`, bad.slice(0, 3))
  yield* Socket.close(c)
  yield* Server.removeServer(server)
  yield* Queue.destroy(outbox)
})
Effect.runPromise(NodeCopas.run(main)).then(() => console.log("end"))

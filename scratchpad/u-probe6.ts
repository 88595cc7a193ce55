// probe: is a line lost when a receive racing a sleep is interrupted (bug), or only when the
// receive completed but lost the race (inherent to Effect.race)?
import { Effect, Exit, Fiber, Option } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

const N = 300
const main = Effect.gen(function*() {
  const got: Array<string> = []
  let loserCompleted = 0
  const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (sock) =>
    Effect.gen(function*() {
      for (;;) {
        const r = yield* Effect.raceWith(Socket.receive(sock), Copas.sleep(Math.floor(Math.random() * 3)), {
          onSelfDone: (exit, other) => Effect.zipRight(Fiber.interrupt(other), exit.pipe(Effect.map(Option.some))),
          onOtherDone: (_exit, self) =>
            Effect.map(Fiber.interrupt(self), (e) => {
              if (Exit.isSuccess(e)) {
                loserCompleted++
                return Option.some(e.value)
              }
              return Option.none<string>()
            })
        })
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
  const firstBad = got.findIndex((l, i) => l !== `line number ${i} ${"x".repeat(i % 37)}`)
  console.log(`got ${got.length}/${N} lines, first wrong at ${firstBad}, losers that had completed (recovered): ${loserCompleted}`)
  yield* Socket.close(c)
  yield* Server.removeServer(server)
})
Effect.runPromise(NodeCopas.run(main)).then(() => console.log("end"))

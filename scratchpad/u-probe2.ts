// probes: Effect-style combinators (timeout, race, forEach concurrency, fork) around Copas ops inside a task
import { Effect, Fiber } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Queue from "effect-copas/Queue"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

const main = Effect.gen(function*() {
  const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (sock) =>
    Effect.gen(function*() {
      // Effect.timeout around receive (Effect user's habit)
      const r = yield* Socket.receive(sock).pipe(Effect.timeout("100 millis"), Effect.either)
      console.log("server: receive under Effect.timeout:", r._tag, r._tag === "Left" ? r.left._tag : r.right)
      yield* Socket.send(sock, "after-timeout\n")
      const line = yield* Socket.receive(sock)
      console.log("server: next receive got", JSON.stringify(line))
      yield* Socket.send(sock, "bye\n")
    }), { name: "probe" })
  const c = yield* Socket.tcp()
  yield* Socket.setTimeout(c, "2 seconds")
  yield* Socket.connect(c, "127.0.0.1", server.port)
  yield* Copas.sleep(200)
  yield* Socket.send(c, "late line\n")
  console.log("client got", yield* Socket.receive(c))
  console.log("client got", yield* Socket.receive(c))
  yield* Socket.close(c)

  // Copas.sleep in a forked (non-task) fiber
  const f = yield* Effect.fork(Effect.gen(function*() {
    const d = yield* Copas.sleep(30)
    return `forked fiber slept ${d}`
  }))
  console.log(yield* Fiber.join(f))

  // concurrent pops
  const q = yield* Queue.make<number>()
  const racer = yield* Effect.fork(Effect.race(Queue.pop(q, 500), Queue.pop(q, 500)))
  yield* Copas.sleep(10)
  yield* Queue.push(q, 1)
  yield* Queue.push(q, 2)
  console.log("race of two pops ->", yield* Fiber.join(racer), "size left", yield* Queue.getSize(q))

  const xs = yield* Effect.forEach([1, 2, 3, 4], (i) => Copas.sleep(20 * i).pipe(Effect.as(i)), { concurrency: 2 })
  console.log("forEach concurrency 2 ->", xs)
  yield* Server.removeServer(server)
})
const t0 = Date.now()
Effect.runPromise(NodeCopas.run(main)).then(() => console.log(`end after ${Date.now() - t0} ms`))

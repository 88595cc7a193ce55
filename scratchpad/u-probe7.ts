// probe: a handler that needs a service provided around addServer; Semaphore as Effect.Semaphore
import { Context, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as MemorySockets from "effect-copas/MemorySockets"
import * as Semaphore from "effect-copas/Semaphore"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { Layer } from "effect"

class Greeting extends Context.Tag("Greeting")<Greeting, string>() {}

const main = Effect.gen(function*() {
  const server = yield* Server.addServer({ port: 0 }, (sock) =>
    Effect.flatMap(Greeting, (g) => Socket.send(sock, g + "\n")), { name: "greet" }).pipe(Effect.provideService(Greeting, "hej"))
  const c = yield* Socket.tcp()
  yield* Socket.connect(c, "127.0.0.1", server.port)
  console.log("greeting:", yield* Socket.receive(c))
  yield* Server.removeServer(server)

  const sem = yield* Semaphore.make({ max: 2, start: 2 })
  const esem: Effect.Semaphore = sem
  let inside = 0, peak = 0
  yield* Effect.forEach([1, 2, 3, 4, 5], () =>
    esem.withPermits(1)(Effect.gen(function*() {
      inside++; peak = Math.max(peak, inside)
      yield* Copas.sleep(10)
      inside--
    })), { concurrency: "unbounded" })
  console.log("peak inside Effect.Semaphore.withPermits(1):", peak, "count after", yield* Semaphore.getCount(sem))
})
Effect.runPromise(Copas.loop(main).pipe(Effect.provide(Layer.merge(Copas.layer, MemorySockets.layer)))).then(() => console.log("end"))

// Effect idioms in a handler: a reader and a writer in parallel (Effect.all concurrency), forked fibers using the socket,
// Effect.race of two receives, Stream-like loop with Effect.repeat
import { Effect, Fiber, Queue as EQueue } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { probe, runOn, targets } from "./u-io-lib.js"

for (const target of targets) {
  console.log(`== ${target.name}`)
  await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
    const errs: Array<string> = []
    yield* Copas.setErrorHandler((cause, task) => Effect.sync(() => { errs.push(`${task?.name}: ${String(cause).split("\n")[0]}`) }), { default: true })
    // full-duplex handler: one fiber reads lines into an Effect queue, another writes ticks
    const srv = yield* Server.addServer({ port: 0 }, (sock) => Effect.gen(function*() {
      const q = yield* EQueue.unbounded<string>()
      const reader = Effect.gen(function*() {
        for (;;) {
          const l = yield* Socket.receive(sock)
          if (l === "quit") return
          yield* EQueue.offer(q, l)
        }
      })
      const writer = Effect.gen(function*() {
        for (let i = 0; i < 5; i++) {
          const l = yield* EQueue.take(q)
          yield* Socket.send(sock, `echo ${l}\n`)
        }
      })
      yield* Effect.all([reader, writer], { concurrency: "unbounded", discard: true })
      yield* Socket.send(sock, "bye\n")
    }), { name: "duplex", timeout: "2 seconds" })
    const c = yield* Socket.tcp()
    yield* Socket.setTimeout(c, "1 second")
    yield* Socket.connect(c, "127.0.0.1", srv.port)
    const readerFiber = yield* Effect.fork(Effect.gen(function*() {
      const got: Array<string> = []
      for (let i = 0; i < 6; i++) got.push(yield* Socket.receive(c))
      return got
    }))
    for (const l of ["a", "b", "c", "d", "e"]) {
      yield* Socket.send(c, l + "\n")
      yield* Copas.sleep(5)
    }
    yield* Socket.send(c, "quit\n")
    yield* probe("client forked reader", Fiber.join(readerFiber))
    yield* probe("race two receives on one socket", Effect.race(Socket.receive(c), Socket.receive(c)))
    yield* Socket.close(c)
    yield* Copas.sleep(20)
    console.log(`  connections ${srv.connections}`)
    yield* Server.removeServer(srv)
    console.log("  errors:\n    " + errs.join("\n    "))
  })))
  console.log("  loop ended")
}

// servers: port in use, hosts, keepOpen + re-add with clients in the backlog, autoclose off, scoped servers
import { Effect, Layer } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { probe, runOn, targets } from "./u-io-lib.js"

const hello = (tag: string) => (s: Socket.CopasSocket) => Socket.send(s, `${tag}\n`)
const ask = (port: number, host = "127.0.0.1") => Effect.gen(function*() {
  const c = yield* Socket.tcp()
  yield* Socket.setTimeout(c, "500 millis")
  yield* Effect.ensuring(Socket.connect(c, host, port), Effect.void)
  return yield* Effect.ensuring(Socket.receive(c), Socket.close(c))
})

for (const target of targets) {
  console.log(`== ${target.name}`)
  await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
    const errs: Array<string> = []
    yield* Copas.setErrorHandler((cause, task) => Effect.sync(() => { errs.push(`${task?.name}: ${String(cause).split("\n")[0]}`) }), { default: true })
    const a = yield* Server.addServer({ port: 0 }, hello("a"), { name: "a" })
    yield* probe("addServer on a port in use", Server.addServer({ port: a.port }, hello("b")))
    yield* probe("addServer on '*' with a port in use on 127.0.0.1", Server.addServer({ host: "*", port: a.port }, hello("b")))
    const six = yield* probe("addServer on ::1", Server.addServer({ host: "::1", port: 0 }, hello("six")))
    if (six._tag === "Success") {
      yield* probe("  ask ::1", ask(six.value.port, "::1"))
      yield* probe("  ask 127.0.0.1 on the ::1 port", ask(six.value.port))
      yield* Server.removeServer(six.value)
    }
    const any = yield* probe("addServer on '*'", Server.addServer({ host: "*", port: 0 }, hello("any")))
    if (any._tag === "Success") {
      yield* probe("  ask 127.0.0.1", ask(any.value.port))
      yield* probe("  ask localhost", ask(any.value.port, "localhost"))
      yield* probe("  ask ::1", ask(any.value.port, "::1"))
      console.log(`  '*' server address: ${any.value.address}`)
      yield* Server.removeServer(any.value)
    }
    yield* probe("addServer bad host", Server.addServer({ host: "no-such-host.invalid", port: 0 }, hello("x")))
    yield* probe("addServer port -1", Server.addServer({ port: -1 }, hello("x")))

    // keepOpen: clients connecting meanwhile wait in the backlog, then get the new handler
    yield* Server.removeServer(a, { keepOpen: true })
    const waiting = yield* Copas.addThread(probe("  client while removed (keepOpen)", ask(a.port)))
    yield* Copas.sleep(100)
    yield* probe("re-add with a new handler", Server.addServer(a, hello("a2")))
    yield* Copas.sleep(100)
    yield* probe("ask after re-add", ask(a.port))
    yield* Server.removeServer(a)
    yield* probe("removeServer twice", Server.removeServer(a))
    yield* probe("re-add after close", Server.addServer(a, hello("a3")))

    // autoclose off: the handler returns, the socket stays open
    yield* Copas.setAutoclose(false)
    let kept: Socket.CopasSocket | undefined
    const b = yield* Server.addServer({ port: 0 }, (s) => Effect.sync(() => { kept = s }), { name: "b" })
    const c = yield* Socket.tcp()
    yield* Socket.setTimeout(c, "200 millis")
    yield* Socket.connect(c, "127.0.0.1", b.port)
    yield* Copas.sleep(50)
    yield* Copas.setAutoclose(true)
    console.log(`  autoclose off: connections ${b.connections}`)
    yield* probe("  client receive (socket still open)", Socket.receive(c))
    if (kept) yield* Socket.send(kept, "late\n")
    yield* probe("  client receive after a late send", Socket.receive(c))
    yield* Socket.close(c)
    yield* Copas.sleep(50)
    console.log(`  autoclose off, client gone: connections ${b.connections}`)
    if (kept) yield* Socket.close(kept)
    console.log(`  after closing the kept socket: connections ${b.connections}`)
    yield* Server.removeServer(b)

    // a scoped server with a drain
    yield* probe("scoped server", Effect.scoped(Effect.gen(function*() {
      const s = yield* Server.make({ port: 0 }, (sock) => Effect.zipRight(Socket.send(sock, "hi\n"), Copas.sleep(10_000)), { drain: "100 millis", name: "scoped" })
      return yield* ask(s.port)
    })))
    yield* probe("Server.layer", Effect.gen(function*() {
      const s = yield* Server.Server
      return yield* ask(s.port)
    }).pipe(Effect.provide(Server.layer({ port: 0 }, hello("layer"), { name: "layered" }))))
    console.log("  errors:\n    " + errs.join("\n    "))
  })))
  console.log("  loop ended")
}

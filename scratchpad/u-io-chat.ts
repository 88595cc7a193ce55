// A line chat server: broadcast, a client that leaves mid-line, an over-long line, a slow reader that
// stops reading while the server writes a lot, a peer reset, a failing handler, maxConnections, drain.
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import * as Lock from "effect-copas/Lock"
import * as net from "node:net"
import { probe, runOn, targets } from "./u-io-lib.js"

for (const target of targets) {
  console.log(`== ${target.name}`)
  await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
    const errors: Array<string> = []
    yield* Copas.setErrorHandler((cause, task) => Effect.sync(() => {
      errors.push(`${task?.name}: ${String(cause).split("\n")[0]}`)
    }), { default: true })
    const members = new Map<string, Socket.CopasSocket>()
    const lock = yield* Lock.make()
    const broadcast = (from: string, text: string) =>
      Effect.forEach([...members.entries()], ([name, s]) =>
        name === from ? Effect.void : Effect.ignore(Socket.send(s, `${from}: ${text}\n`)), { discard: true })
    const chat = (sock: Socket.CopasSocket) =>
      Effect.gen(function*() {
        yield* Socket.setTimeouts(sock, { send: "500 millis" }) // a stuck reader must not block the room forever
        const name = yield* Socket.receive(sock)
        if (name === "boom") return yield* Effect.fail("handler failure")
        if (name === "die") throw new Error("defect in handler")
        members.set(name, sock)
        yield* Effect.ensuring(
          Effect.gen(function*() {
            for (;;) {
              const line = yield* Socket.receive(sock)
              if (line === "/quit") return
              if (line === "/flood") {
                // 4 MB to this client only
                const chunk = "y".repeat(65535) + "\n"
                let sent = 0
                const r = yield* Effect.either(Effect.gen(function*() {
                  for (let i = 0; i < 64; i++) sent += yield* Socket.send(sock, chunk)
                }))
                console.log(`    flood to ${name}: sent ${sent} ${r._tag === "Left" ? r.left._tag + " sent=" + (r.left as { sent?: number }).sent : "ok"}`)
                continue
              }
              yield* Lock.withLock(lock)(broadcast(name, line))
            }
          }),
          Effect.sync(() => members.delete(name))
        )
      })
    const srv = yield* Server.addServer({ port: 0 }, chat, { name: "chat", maxConnections: 5, maxLineLength: 1024 })
    const port = srv.port
    const join = (name: string) =>
      Effect.gen(function*() {
        const c = yield* Socket.tcp()
        yield* Socket.setTimeout(c, "2 seconds")
        yield* Socket.connect(c, "127.0.0.1", port)
        yield* Socket.send(c, name + "\n")
        return c
      })
    const alice = yield* join("alice")
    const bob = yield* join("bob")
    yield* Copas.sleep(20)
    yield* Socket.send(alice, "hello\n")
    yield* probe("bob hears alice", Socket.receive(bob))

    // a client that leaves mid-line
    const carol = yield* join("carol")
    yield* Socket.send(carol, "half a li")
    yield* Socket.close(carol)
    yield* Copas.sleep(20)
    console.log(`  members after carol left mid-line: ${[...members.keys()].join(",")}`)

    // over-long line
    const dave = yield* join("dave")
    yield* Copas.sleep(20)
    yield* Socket.send(dave, "z".repeat(5000) + "\n")
    yield* Copas.sleep(50)
    console.log(`  members after dave's long line: ${[...members.keys()].join(",")}; connections ${srv.connections}`)
    yield* probe("dave receives after his long line", Socket.receive(dave))

    // failing handlers
    const boom = yield* join("boom")
    const die = yield* join("die")
    yield* probe("boom client receive", Socket.receive(boom))
    yield* probe("die client receive", Socket.receive(die))
    yield* Socket.close(boom)
    yield* Socket.close(die)

    // slow reader: erin asks for a flood and does not read
    const erin = yield* join("erin")
    yield* Copas.sleep(20)
    yield* Socket.send(erin, "/flood\n")
    yield* Copas.sleep(100)
    yield* Socket.send(alice, "still alive?\n")
    yield* probe("bob still hears alice during erin's flood", Socket.receive(bob))
    yield* Copas.sleep(700)
    let got = 0
    const r = yield* Effect.either(Effect.gen(function*() {
      yield* Socket.setTimeout(erin, "200 millis")
      for (let i = 0; i < 200; i++) got += (yield* Socket.receive(erin, 65536)).length
    }))
    console.log(`  erin read ${got} bytes then ${r._tag === "Left" ? r.left._tag : "ok"}`)

    // peer reset (node only: a raw socket with SO_LINGER 0)
    if (target.name === "node") {
      const raw = net.connect(port, "127.0.0.1")
      raw.on("error", () => {})
      yield* Effect.async<void>((resume) => { raw.once("connect", () => resume(Effect.void)) })
      raw.write("frank\nabc")
      yield* Copas.sleep(20)
      raw.resetAndDestroy()
      yield* Copas.sleep(50)
      console.log(`  members after frank's reset: ${[...members.keys()].join(",")}`)
    }

    // maxConnections: 5. alice, bob, dave, erin = 4 open (+ maybe frank gone)
    const extra = yield* Effect.all(Array.from({ length: 3 }, (_, i) => join(`x${i}`)))
    yield* Copas.sleep(50)
    console.log(`  with 3 extra: connections ${srv.connections}, accepted ${srv.accepted}, members ${[...members.keys()].join(",")}`)
    yield* Socket.close(extra[0]!)
    yield* Copas.sleep(50)
    console.log(`  after one extra left: connections ${srv.connections}, accepted ${srv.accepted}, members ${[...members.keys()].join(",")}`)

    // removeServer with drain while clients are connected
    const t0 = Date.now()
    yield* Server.removeServer(srv, { drain: "300 millis" })
    console.log(`  removeServer drain took ${Date.now() - t0} ms; connections ${srv.connections}; members ${[...members.keys()].join(",")}`)
    yield* probe("alice receive after drain", Socket.receive(alice))
    for (const c of [alice, bob, dave, erin, ...extra]) yield* Socket.close(c)
    console.log("  errors:\n    " + errors.join("\n    "))
  })))
  console.log("  loop ended")
}

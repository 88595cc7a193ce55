import { Effect, Queue as EQ } from "effect"
import * as Copas from "../src/Copas.js"
import * as NodeCopas from "../src/NodeCopas.js"
import * as Server from "../src/Server.js"
import * as Socket from "../src/Socket.js"
await Effect.runPromise(NodeCopas.run(Effect.gen(function*() {
  const srv = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (s) => Effect.gen(function*() {
    const out = yield* EQ.unbounded<string>()
    const reader = Effect.gen(function*() {
      for (;;) {
        const l = yield* Socket.receive(s)
        if (l === "quit") return
        yield* EQ.offer(out, l.toUpperCase())
      }
    })
    const writer = Effect.forever(Effect.flatMap(EQ.take(out), (l) => Socket.send(s, l + "\n")))
    yield* Effect.raceFirst(reader, writer)
  }))
  const c = yield* Socket.tcp()
  yield* Socket.setTimeout(c, 2000)
  yield* Socket.connect(c, "127.0.0.1", srv.port)
  // concurrently: a child sends, the main reads
  const sender = yield* Effect.fork(Effect.forEach(Array.from({ length: 1000 }, (_, i) => i), (i) => Socket.send(c, `l${i}\n`), { discard: true }))
  let n = 0
  for (; n < 1000; n++) { const l = yield* Socket.receive(c); if (l !== `L${n}`) { console.log("mismatch", l, n); break } }
  yield* Socket.send(c, "quit\n")
  const rest = yield* Socket.receive(c, "*a").pipe(Effect.either)
  console.log("received", n, "then", rest._tag, rest._tag === "Right" ? JSON.stringify(rest.right) : rest.left._tag)
  yield* Socket.close(c)
  yield* Server.removeServer(srv)
})).pipe(Effect.timeout(5000)))

import { Effect, Queue as EQ } from "effect"
import * as Copas from "../src/Copas.js"
import * as NodeCopas from "../src/NodeCopas.js"
import * as Server from "../src/Server.js"
import * as Socket from "../src/Socket.js"
const mode = process.argv[2]
await Effect.runPromise(NodeCopas.run(Effect.gen(function*() {
  let stop = false, rounds = 0, spins = 0
  if (mode === "queue" || mode === "all") {
    const a = yield* EQ.bounded<number>(1), b = yield* EQ.bounded<number>(1)
    yield* Copas.addThread(Effect.gen(function*() { while (!stop) { yield* EQ.offer(a, 1); yield* EQ.take(b); rounds++ } }))
    yield* Copas.addThread(Effect.gen(function*() { while (!stop) { yield* EQ.take(a); yield* EQ.offer(b, 1) } yield* EQ.offer(b, 1) }))
  }
  if (mode === "spin" || mode === "all") yield* Copas.addThread(Effect.gen(function*() { while (!stop) { spins++; yield* Effect.yieldNow() } }))
  if (mode === "pause") yield* Copas.addThread(Effect.gen(function*() { while (!stop) { spins++; yield* Copas.pause() } }))
  let maxLate = 0, sleeps = 0
  yield* Copas.addThread(Effect.gen(function*() {
    while (!stop) { const t = performance.now(); yield* Copas.sleep(10); sleeps++; maxLate = Math.max(maxLate, performance.now() - t - 10) }
  }))
  const srv = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (s) => Effect.forever(Effect.flatMap(Socket.receive(s), (l) => Socket.send(s, l + "\n"))).pipe(Effect.ignore))
  const c = yield* Socket.tcp()
  yield* Socket.connect(c, "127.0.0.1", srv.port)
  let echoes = 0; let maxRtt = 0
  const t0 = performance.now()
  while (performance.now() - t0 < 300) {
    const t = performance.now()
    yield* Socket.send(c, "x\n"); yield* Socket.receive(c); echoes++
    maxRtt = Math.max(maxRtt, performance.now() - t)
  }
  stop = true
  yield* Socket.close(c)
  yield* Server.removeServer(srv)
  console.log(mode, { rounds, spins, sleeps, maxLate: maxLate.toFixed(2), echoes, maxRtt: maxRtt.toFixed(2) })
})))

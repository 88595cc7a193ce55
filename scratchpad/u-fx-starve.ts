import { Effect, Queue as EQ, Deferred } from "effect"
import * as Copas from "../src/Copas.js"
import * as NodeCopas from "../src/NodeCopas.js"
import * as Server from "../src/Server.js"
import * as Socket from "../src/Socket.js"
await Effect.runPromise(NodeCopas.run(Effect.gen(function*() {
  const a = yield* EQ.bounded<number>(1), b = yield* EQ.bounded<number>(1)
  let stop = false, rounds = 0
  yield* Copas.addThread(Effect.gen(function*() { while (!stop) { yield* EQ.offer(a, 1); yield* EQ.take(b); rounds++ } }))
  yield* Copas.addThread(Effect.gen(function*() { while (!stop) { yield* EQ.take(a); yield* EQ.offer(b, 1) } yield* EQ.offer(b, 1) }))
  // a pure Effect busy loop with Effect.yieldNow
  let spins = 0
  yield* Copas.addThread(Effect.gen(function*() { while (!stop) { spins++; yield* Effect.yieldNow() } }))
  // a Copas sleeper measuring lateness
  let maxLate = 0
  yield* Copas.addThread(Effect.gen(function*() {
    for (let i = 0; i < 20; i++) { const t = performance.now(); yield* Copas.sleep(10); maxLate = Math.max(maxLate, performance.now() - t - 10) }
  }))
  // an Effect.sleep sleeper
  let maxLateE = 0
  yield* Copas.addThread(Effect.gen(function*() {
    for (let i = 0; i < 20; i++) { const t = performance.now(); yield* Effect.sleep(10); maxLateE = Math.max(maxLateE, performance.now() - t - 10) }
  }))
  // echo over TCP
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
  console.log({ rounds, spins, maxLate: maxLate.toFixed(2), maxLateEffectSleep: maxLateE.toFixed(2), echoes, maxRtt: maxRtt.toFixed(2) })
})))

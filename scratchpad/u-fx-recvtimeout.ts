import { Effect } from "effect"
import * as Copas from "../src/Copas.js"
import * as NodeCopas from "../src/NodeCopas.js"
import * as Server from "../src/Server.js"
import * as Socket from "../src/Socket.js"
const N = 300
await Effect.runPromise(NodeCopas.run(Effect.gen(function*() {
  const srv = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (s) => Effect.gen(function*() {
    for (let i = 0; i < N; i++) {
      // send a line in two halves, with sleeps of 0-3 ms
      yield* Socket.send(s, `line-${i}-`)
      yield* Copas.sleep(i % 4)
      yield* Socket.send(s, `end\n`)
      yield* Copas.sleep((i * 7) % 3)
    }
    yield* Copas.sleep(50)
  }))
  const c = yield* Socket.tcp()
  yield* Socket.connect(c, "127.0.0.1", srv.port)
  const got: Array<string> = []
  let timeouts = 0
  for (let k = 0; k < 20 * N && got.length < N; k++) {
    const r = yield* Socket.receive(c).pipe(Effect.timeout(1), Effect.either)
    if (r._tag === "Right") got.push(r.right)
    else if (r.left._tag === "TimeoutException") timeouts++
    else { console.log("error", r.left); break }
  }
  const bad = got.filter((l, i) => l !== `line-${i}-end`)
  console.log("got", got.length, "timeouts", timeouts, "bad", bad.slice(0, 5))
  yield* Socket.close(c)
  yield* Server.removeServer(srv)
})))

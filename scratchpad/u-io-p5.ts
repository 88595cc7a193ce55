// two readers on one socket; a reader interrupted by Effect.timeout; readers woken by shutdown("receive")
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { probe, runOn, targets } from "./u-io-lib.js"

for (const target of targets) {
  console.log(`== ${target.name}`)
  await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
    const srv = yield* Server.addServer({ port: 0 }, (s) => Effect.gen(function*() {
      yield* Copas.sleep(50)
      yield* Socket.send(s, "one\ntwo\n")
      yield* Copas.sleep(50)
      yield* Socket.send(s, "three\n")
      yield* Copas.sleep(300)
    }))
    const c = yield* Socket.tcp()
    yield* Socket.connect(c, "127.0.0.1", srv.port)
    yield* Copas.addThread(probe("reader A", Socket.receive(c)))
    yield* Copas.addThread(probe("reader B", Socket.receive(c)))
    yield* Copas.addThread(probe("reader C (Effect.timeout 20ms)", Effect.timeout(Socket.receive(c), "20 millis")))
    yield* Copas.addThread(probe("reader D", Socket.receive(c)))
    yield* Copas.sleep(200)
    yield* Copas.addThread(probe("reader E (woken by shutdown receive?)", Socket.receive(c)))
    yield* Copas.sleep(20)
    yield* Socket.shutdown(c, "receive")
    yield* Copas.sleep(20)
    yield* Copas.addThread(probe("reader F (woken by shutdown both?)", Socket.receive(c)))
    yield* Copas.sleep(20)
    yield* Socket.close(c)
    yield* Server.removeServer(srv)
  })))
  console.log("  loop ended")
}

// a handler sends a lot and returns (autoclose) while the client reads slowly: does all the data arrive?
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { probe, runOn, targets } from "./u-io-lib.js"

const TOTAL = 24 * 1024 * 1024
for (const target of targets) {
  console.log(`== ${target.name}`)
  await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
    let sentAt = 0
    const srv = yield* Server.addServer({ port: 0 }, (sock) => Effect.gen(function*() {
      const n = yield* Socket.send(sock, new Uint8Array(TOTAL))
      sentAt = Date.now()
      console.log(`  handler: send returned ${n}, returning (autoclose)`)
    }))
    const c = yield* Socket.tcp()
    yield* Socket.connect(c, "127.0.0.1", srv.port)
    let got = 0
    let paused = false
    const t0 = Date.now()
    const r = yield* Effect.either(Effect.gen(function*() {
      for (;;) {
        got += (yield* Socket.receiveBytes(c, 256 * 1024)).length
        yield* Copas.sleep(sentAt !== 0 && !paused ? (paused = true, 6000) : 20)
      }
    }))
    console.log(`  client got ${got} of ${TOTAL} in ${Date.now() - t0} ms (${Date.now() - sentAt} ms after the handler returned); ended with ${r._tag === "Left" ? r.left._tag : "?"} partial=${r._tag === "Left" ? ((r.left as any).partial?.length) : ""}`)
    yield* Socket.close(c)
    yield* Server.removeServer(srv)
  })))
}

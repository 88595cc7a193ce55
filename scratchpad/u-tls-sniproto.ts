import { Effect } from "effect"
import * as Socket from "effect-copas/Socket"
import { certs, errHandler, main, runOn, show, withServer } from "./u-tls-common.js"
main((n, layer) => Effect.gen(function*() {
  const f: Array<string> = []
  const r = yield* runOn(layer, Effect.gen(function*() {
    yield* errHandler(f)
    const out: Array<string> = []
    for (const strict of [true, false]) {
      yield* withServer((s) => Effect.flatMap(Socket.getSniName(s), (x) => Socket.send(s, `hi ${x}\n`)), (port) => Effect.gen(function*() {
        for (const name of ["constructor", "__proto__", "toString", "nope.test"]) {
          const c = yield* Socket.tcp({ tls: { verify: false, servername: name } })
          const e = yield* Effect.either(Socket.connect(c, "127.0.0.1", port))
          out.push(`${strict} ${name}: ${e._tag === "Left" ? `${e.left._tag} ${(e.left as any).reason}` : yield* Effect.orElseSucceed(Socket.receive(c), () => "?")}`)
          yield* Socket.close(c)
        }
      }), { tls: { ...certs.server, sni: { names: { "other.test": certs.other }, strict } } })
    }
    return out
  }))
  console.log(n, show(r), f)
}))

import { Effect } from "effect"
import * as net from "node:net"
import * as Socket from "effect-copas/Socket"
import { certs, errHandler, main, runOn, show, withServer } from "./u-tls-common.js"
main((n, layer) => Effect.gen(function*() {
  const f: Array<string> = []
  const r = yield* runOn(layer, Effect.gen(function*() {
    yield* errHandler(f)
    const out: Record<string, string> = {}
    yield* withServer((s) => Socket.send(s, "hi\n"), (port) => Effect.gen(function*() {
      // a raw connection of the network, wrapped: we never learn a host name
      const raw = yield* Effect.flatMap(Socket.Sockets, (x) => x.connect({ host: "127.0.0.1", port }))
      const w = yield* Socket.wrap(raw as any)
      const e = yield* Effect.either(Socket.doHandshake(w, { ca: certs.ca }))
      out.wrapNoName = e._tag === "Left" ? `${e.left._tag} ${(e.left as any).reason} ${(e.left as any).code}` : `OK ${yield* Socket.receive(w)}`
      yield* Socket.close(w)
      if (n === "node") {
        const ns = net.connect({ host: "127.0.0.1", port })
        yield* Effect.async<void>((k) => { ns.once("connect", () => k(Effect.void)) })
        const w2 = yield* Socket.wrap(ns)
        const e2 = yield* Effect.either(Socket.doHandshake(w2, { ca: certs.ca }))
        out.wrapNetSocket = e2._tag === "Left" ? `${e2.left._tag} ${(e2.left as any).reason} ${(e2.left as any).code}` : `OK ${yield* Socket.receive(w2)}`
        yield* Socket.close(w2)
      }
    }), { tls: certs.server })
    return out
  }))
  console.log(n, show(r), f)
}))

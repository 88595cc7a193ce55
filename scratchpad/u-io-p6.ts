// UDP sizes: receiveFrom(0), receiveFrom(-1), receive(1.5), size over 65535; a UDP server whose handler times out
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { probe, runOn, targets } from "./u-io-lib.js"

for (const target of targets) {
  console.log(`== ${target.name}`)
  await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
    const errs: Array<string> = []
    yield* Copas.setErrorHandler((cause, task) => Effect.sync(() => { errs.push(`${task?.name}: ${String(cause).split("\n")[0]}`) }), { default: true })
    const a = yield* Socket.udp({ host: "127.0.0.1", port: 0 })
    const b = yield* Socket.udp({ host: "127.0.0.1", port: 0 })
    const pb = (yield* Socket.getSockName(b)).port
    yield* Socket.setTimeout(b, "100 millis")
    for (const size of [0, -1, 1.5, NaN, 100000]) {
      yield* Socket.sendTo(a, "hello world", "127.0.0.1", pb)
      yield* Copas.sleep(5)
      yield* probe(`receiveFrom(${size})`, Socket.receiveFrom(b, size))
    }
    yield* probe("receiveFrom() leftover?", Socket.receiveFrom(b))
    const srv = yield* Server.addServer({ port: 0, udp: true }, (s) => Effect.forever(Socket.receiveFrom(s)), { timeout: "50 millis", name: "udp-t" })
    yield* Copas.sleep(100)
    console.log(`  UDP server whose handler timed out: removed=${srv.removed}`)
    yield* Server.removeServer(srv)
    yield* Socket.close(a)
    yield* Socket.close(b)
    console.log("  errors:\n    " + errs.join("\n    "))
  })))
  console.log("  loop ended")
}

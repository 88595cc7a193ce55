// Soak: a user's own net.Server given to addServer over and over (closed by removeServer and
// listened again; or kept open). Counts its listeners. See lib.ts.
import { Effect } from "effect"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import * as net from "node:net"
import { nodeLayer, runAll, type Scenario } from "./lib.js"

const R = Number(process.env.R ?? 500)
const raw = net.createServer({ allowHalfOpen: true })
const counts = () => ({ error: raw.listenerCount("error"), connection: raw.listenerCount("connection"), listening: raw.listenerCount("listening"), close: raw.listenerCount("close") })
const listen = Effect.async<void>((resume) => {
  if (raw.listening) return resume(Effect.void)
  raw.listen(0, "127.0.0.1", () => resume(Effect.void))
})
const round = (keepOpen: boolean) =>
  Effect.gen(function*() {
    yield* listen
    const s = yield* Server.addServer(raw, (c) => Effect.ignore(Socket.send(c, "hi\n")), { name: "own" })
    const c = yield* Socket.tcp()
    yield* Socket.setTimeout(c, 2000)
    yield* Socket.connect(c, "127.0.0.1", s.port)
    yield* Socket.receive(c)
    yield* Socket.close(c)
    yield* Server.removeServer(s, { keepOpen })
  })
const scenarios: Array<Scenario> = [
  { name: "own-net-server-closed", rounds: R, extra: counts, op: () => round(false) },
  { name: "own-net-server-keepopen", rounds: 5, blocks: 1, extra: counts, op: () => round(true) }
]
process.on("warning", (w) => console.log("WARNING", w.name, w.message.slice(0, 120)))
await runAll(scenarios, nodeLayer)
raw.close()

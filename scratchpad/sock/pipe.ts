import { Effect } from "effect"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import * as net from "node:net"

const echo = (sock: Socket.CopasSocket): Effect.Effect<void, Socket.ReceiveError | Socket.SendError> =>
  Effect.flatMap(Socket.receive(sock), (line) =>
    line === "quit" ? Effect.void : Effect.zipRight(Socket.send(sock, line + "\n"), Effect.suspend(() => echo(sock))))

const prog = Effect.gen(function*() {
  const srv = yield* Server.addServer({ port: 0 }, echo)
  const n = +(process.argv[2] ?? 2000)
  yield* Effect.async<void>((resume) => {
    const s = net.connect(srv.port, "127.0.0.1")
    let acc = ""
    s.on("data", (b) => { acc += b; if (acc.endsWith(`line ${n - 1}\n`)) { console.log("ok", acc.length); s.destroy(); resume(Effect.void) } })
    let p = ""; for (let i = 0; i < n; i++) p += `line ${i}\r\n`
    s.write(p)
    setTimeout(() => { console.log("stuck at", acc.length, JSON.stringify(acc.slice(-30))); process.exit(1) }, 3000)
  })
  yield* Server.removeServer(srv)
}).pipe(Effect.provide(NodeCopas.layer))
Effect.runPromise(prog).then(() => console.log("done"), (e) => console.error("ERR", e))

// Demanding-user trial: 3000 sequential requests (heap growth, leaked sockets/listeners), getStream early stop for ftp elsewhere.
import * as http from "node:http"
import * as net from "node:net"
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Http from "effect-copas/Http"

let openConns = 0
const listen = <S extends net.Server>(s: S) =>
  Effect.acquireRelease(
    Effect.async<number>((r) => {
      s.on("connection", (c: net.Socket) => { openConns++; c.on("close", () => openConns--) })
      s.listen(0, "127.0.0.1", () => r(Effect.succeed((s.address() as net.AddressInfo).port)))
    }),
    () => Effect.async<void>((r) => { (s as any).closeAllConnections?.(); s.close(() => r(Effect.void)) })
  )

const program = Effect.gen(function*() {
  const port = yield* listen(http.createServer((req, res) => res.end("x".repeat(1000))))
  const heap = () => Math.round(process.memoryUsage().heapUsed / 1024 / 1024)
  for (let round = 0; round < 3; round++) {
    const t0 = Date.now()
    for (let i = 0; i < 1000; i++) yield* Http.request(`http://127.0.0.1:${port}/${i}`)
    global.gc?.()
    yield* Console.log(`round ${round}: ${Date.now() - t0}ms heap ${heap()}MB openConns=${openConns} handles=${(process as any)._getActiveHandles().length}`)
  }
})

Effect.runPromise(Copas.run(Effect.scoped(program))).then(() => console.log("done"), (e) => console.error("ERR", e))

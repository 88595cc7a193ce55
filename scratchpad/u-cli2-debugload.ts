// A traced echo server under load: Debug.start (counting logger) + Debug.socket on every client,
// switched on and off every 20 ms while 50 clients x 200 lines run; checks every echo.
import { Logger, Effect, Console } from "effect"
import * as net from "node:net"
const { Copas, Debug, Server, Socket } = copas
let logged = 0
const counter = Logger.make(() => { logged++ })
const handler = (skt: any) => Effect.gen(function*() {
  if (Math.random() < 0.5) yield* Debug.socket(skt, { logger: counter })
  for (;;) {
    const line = yield* Socket.receive(skt)
    yield* Socket.send(skt, line + "\n")
  }
}).pipe(Effect.catchAll(() => Effect.void))
const client = (port: number, id: number) => new Promise<number>((resolve, reject) => {
  const s = net.connect(port, "127.0.0.1"); s.setEncoding("utf8")
  let buf = "", next = 0, ok = 0
  const N = 200
  s.on("data", (d: string) => {
    buf += d
    let i
    while ((i = buf.indexOf("\n")) >= 0) {
      const l = buf.slice(0, i); buf = buf.slice(i + 1)
      if (l === `c${id} line ${next}`) ok++; else reject(new Error(`bad echo ${l} expected ${next}`))
      next++
      if (next < N) s.write(`c${id} line ${next}\n`); else { s.end(); resolve(ok) }
    }
  })
  s.on("error", reject)
  s.write(`c${id} line 0\n`)
})
export default Effect.gen(function*() {
  const server = yield* Server.addServer({ port: 0 }, handler)
  let on = false
  yield* Copas.addNamedThread("toggler", Effect.forever(Effect.zipRight(Copas.sleep(20),
    Effect.suspend(() => (on = !on) ? Debug.start({ logger: counter, core: true }) : Debug.stop))))
  const t0 = Date.now()
  const oks = yield* Effect.promise(() => Promise.all(Array.from({ length: 50 }, (_, i) => client(server.port, i))))
  yield* Console.log("ok echoes", oks.reduce((a, b) => a + b, 0), "of", 50 * 200, "logged", logged > 0, "ms", Date.now() - t0)
  process.exit(0)
})

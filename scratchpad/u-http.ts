// Http.request against a local node:http server (127.0.0.1, port 0), with a timeout.
// Run: npx copas scratchpad/u-http.ts   (default export = the initializer task)
//  or: npx tsx scratchpad/u-http.ts     (Copas.run below)
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Http from "effect-copas/Http"

const startServer = Effect.acquireRelease(
  Effect.async<http.Server>((resume) => {
    const srv = http.createServer((req, res) => {
      if (req.url === "/slow") {
        const t = setTimeout(() => res.end("finally"), 2000)
        res.on("close", () => clearTimeout(t))
        return
      }
      if (req.url === "/redirect") {
        res.writeHead(302, { location: "/hello" }).end()
        return
      }
      let body = ""
      req.on("data", (c) => body += c)
      req.on("end", () => res.writeHead(200, { "content-type": "text/plain" }).end(`hello ${req.method} ${body}`))
    })
    srv.listen(0, "127.0.0.1", () => resume(Effect.succeed(srv)))
  }),
  (srv) => Effect.async<void>((resume) => {
    srv.closeAllConnections()
    srv.close(() => resume(Effect.void))
  })
)

const program = Effect.gen(function*() {
  const srv = yield* startServer
  const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`
  const a = yield* Http.request(`${base}/hello`)
  yield* Console.log(`GET: ${a.code} ${a.status} ${JSON.stringify(a.body)}`)
  const b = yield* Http.request(`${base}/form`, { name: "copas", lang: "lua" })
  yield* Console.log(`POST: ${b.code} ${JSON.stringify(b.body)}`)
  const c = yield* Http.request(`${base}/redirect`)
  yield* Console.log(`redirect: ${c.code} ${JSON.stringify(c.body)}`)
  const started = yield* Copas.getTime
  const d = yield* Http.request({ url: `${base}/slow`, timeout: "300 millis" }).pipe(
    Effect.map((r) => `unexpected ${r.code}`),
    Effect.catchTag("HttpError", (e) => Effect.succeed(`HttpError reason=${e.reason}`))
  )
  const took = (yield* Copas.getTime) - started
  yield* Console.log(`slow: ${d} after ${took.toFixed(2)} s`)
  // other tasks keep running during a request
  let ticks = 0
  yield* Copas.addThread(Effect.gen(function*() {
    for (let i = 0; i < 5; i++) {
      ticks++
      yield* Copas.sleep(20)
    }
  }))
  yield* Http.request({ url: `${base}/slow`, timeout: "150 millis" }).pipe(Effect.ignore)
  yield* Console.log(`ticks during a request: ${ticks}`)
}).pipe(Effect.scoped)

export default program

if ((globalThis as { copas?: unknown }).copas === undefined) {
  Effect.runPromise(Copas.run(program)).then(() => console.log("Copas.run ended"))
}

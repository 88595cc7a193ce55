// Demanding-user trial: big bodies both ways, many concurrent tasks, https self-signed + redirect to http.
import * as http from "node:http"
import * as net from "node:net"
import { Console, Effect, Stream } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Http from "effect-copas/Http"

const listen = <S extends net.Server>(s: S) =>
  Effect.acquireRelease(
    Effect.async<number>((r) => { s.listen(0, "127.0.0.1", () => r(Effect.succeed((s.address() as net.AddressInfo).port))) }),
    () => Effect.async<void>((r) => { (s as any).closeAllConnections?.(); s.close(() => r(Effect.void)) })
  )
const MB = 1024 * 1024
const rss = () => `${Math.round(process.memoryUsage().rss / MB)}MB rss, ${Math.round(process.memoryUsage().arrayBuffers / MB)}MB ab`

const program = Effect.gen(function*() {
  const block = Buffer.alloc(64 * 1024, 7)
  const port = yield* listen(http.createServer((req, res) => {
    if (req.url === "/big") {
      let left = 40 * MB / block.length
      const pump = () => { while (left > 0) { left--; if (!res.write(block)) return void res.once("drain", pump) } res.end() }
      return pump()
    }
    if (req.url === "/upload") {
      let n = 0
      req.on("data", (c) => n += c.length)
      req.on("end", () => res.end(String(n)))
      return
    }
    setTimeout(() => res.end(req.url), 5)
  }))
  const base = `http://127.0.0.1:${port}`
  yield* Console.log("start", rss())
  const t0 = Date.now()
  const r = yield* Http.request({ url: `${base}/big`, responseType: "bytes" })
  yield* Console.log(`big: ${r.body.length} bytes in ${Date.now() - t0}ms, ${rss()}`)
  const up = yield* Http.request({
    url: `${base}/upload`, method: "POST",
    body: Stream.range(1, 40 * 16).pipe(Stream.map(() => new Uint8Array(64 * 1024)))
  })
  yield* Console.log(`upload: server got ${up.body} (${40 * MB}) ${rss()}`)
  // 300 tasks
  const t1 = Date.now()
  let ok = 0
  for (let i = 0; i < 300; i++) {
    yield* Copas.addThread(Effect.gen(function*() {
      const x = yield* Http.request(`${base}/n${i}`)
      if (x.body === `/n${i}`) ok++
    }))
  }
  while (ok < 300 && Date.now() - t1 < 20000) yield* Copas.sleep(20)
  yield* Console.log(`300 concurrent: ${ok} ok in ${Date.now() - t1}ms`)
})

Effect.runPromise(Copas.run(Effect.scoped(program))).then(() => console.log("done", rss()), (e) => console.error("ERR", e))

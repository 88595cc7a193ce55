// Demanding-user trial of Http.request (redirects, bodies, framing, headers).
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

const show = (label: string, e: Effect.Effect<any, any>) =>
  Effect.matchEffect(e, {
    onFailure: (err) => Console.log(`${label}: FAIL ${err._tag} ${err.reason ?? ""} ${err.detail ?? err.message}`),
    onSuccess: (r) => Console.log(`${label}: ${r.code} ${JSON.stringify(r.status)} body=${JSON.stringify(typeof r.body === "string" ? r.body.slice(0, 220) : r.body.length)} h=${JSON.stringify(r.headers).slice(0, 300)}`)
  })

const program = Effect.gen(function*() {
  const hits: Array<string> = []
  const port = yield* listen(http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`)
    const u = new URL(req.url!, "http://x")
    switch (u.pathname) {
      case "/loop": return res.writeHead(302, { location: "/loop" }).end()
      case "/rel": return res.writeHead(301, { location: "../target?x=1" }).end("moved")
      case "/sub/rel": return res.writeHead(301, { location: "../target?x=1" }).end("moved")
      case "/target": return res.end(`target ${req.method} ${u.search}`)
      case "/308": return res.writeHead(308, { location: "/target" }).end()
      case "/cookies":
        res.setHeader("set-cookie", ["a=1; Path=/", "b=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT"])
        res.setHeader("X-Mixed-Case", "v")
        return res.end("c")
      case "/trailers":
        res.writeHead(200, { "transfer-encoding": "chunked", trailer: "x-checksum" })
        res.write("part1-")
        res.write("part2")
        res.addTrailers({ "x-checksum": "abc" })
        return res.end()
      case "/204": return res.writeHead(204).end()
      case "/304": return res.writeHead(304, { etag: "x" }).end()
      case "/head": return res.writeHead(200, { "content-length": "1234" }).end()
      case "/echo": {
        const chunks: Array<Buffer> = []
        req.on("data", (c) => chunks.push(c))
        req.on("end", () => res.end(`${req.method} te=${req.headers["transfer-encoding"]} cl=${req.headers["content-length"]} expect=${req.headers["expect"]} auth=${req.headers["authorization"]} host=${req.headers.host} len=${Buffer.concat(chunks).length} conn=${req.headers.connection} ua=${req.headers["user-agent"]}`))
        return
      }
      default: res.writeHead(404).end("nope")
    }
  }))
  const base = `http://127.0.0.1:${port}`
  yield* show("loop", Http.request(`${base}/loop`))
  yield* show("relative ../", Http.request(`${base}/sub/rel`))
  yield* show("308 (not followed)", Http.request(`${base}/308`))
  yield* show("cookies", Http.request(`${base}/cookies`))
  yield* show("trailers", Http.request(`${base}/trailers`))
  yield* show("204", Http.request(`${base}/204`))
  yield* show("304", Http.request(`${base}/304`))
  yield* show("HEAD", Http.request({ url: `${base}/head`, method: "HEAD" }))
  yield* show("head lowercase", Http.request({ url: `${base}/head`, method: "head" }))
  yield* show("userinfo", Http.request(`http://me:p%40ss@127.0.0.1:${port}/echo`))
  yield* show("stream body", Http.request({ url: `${base}/echo`, method: "PUT", body: Stream.make(new Uint8Array(5), new Uint8Array(7)) }))
  yield* show("stream body + content-length", Http.request({ url: `${base}/echo`, method: "PUT", headers: { "content-length": "12" }, body: Stream.make(new Uint8Array(5), new Uint8Array(7)) }))
  yield* show("expect 100", Http.request({ url: `${base}/echo`, method: "POST", headers: { expect: "100-continue" }, body: "hello" }))
  yield* show("form obj", Http.request(`${base}/echo`, { a: "1 2", b: "é" }))
  yield* show("empty string body POST", Http.request({ url: `${base}/echo`, method: "POST", body: "" }))
  yield* show("DELETE no body", Http.request({ url: `${base}/echo`, method: "DELETE" }))
  yield* show("ipv4 via localhost", Http.request(`http://localhost:${port}/target`))
  yield* Console.log(hits.join("\n"))
})

Effect.runPromise(Copas.run(Effect.scoped(program))).then(() => console.log("done"), (e) => console.error("ERR", e))

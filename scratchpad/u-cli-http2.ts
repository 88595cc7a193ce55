// Demanding-user trial of Http.request against raw TCP servers (framing, 100-continue, timeouts, IPv6).
import * as http from "node:http"
import * as net from "node:net"
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Http from "effect-copas/Http"

const conns = new Set<net.Socket>()
const listen = <S extends net.Server>(s: S, host = "127.0.0.1") =>
  Effect.acquireRelease(
    Effect.async<number>((r) => {
      s.on("connection", (c: net.Socket) => { conns.add(c); c.on("close", () => conns.delete(c)) })
      s.listen(0, host, () => r(Effect.succeed((s.address() as net.AddressInfo).port)))
    }),
    () => Effect.async<void>((r) => { for (const c of conns) c.destroy(); s.close(() => r(Effect.void)) })
  )
const raw = (f: (s: net.Socket, head: string) => void) =>
  listen(net.createServer((s) => {
    let buf = ""
    let done = false
    s.on("data", (d) => { buf += d.toString("latin1"); if (!done && buf.includes("\r\n\r\n")) { done = true; f(s, buf) } })
    s.on("error", () => {})
  }))

const show = (label: string, e: Effect.Effect<any, any>) =>
  Effect.gen(function*() {
    const t0 = Date.now()
    const ex = yield* Effect.either(e)
    const ms = Date.now() - t0
    if (ex._tag === "Left") yield* Console.log(`${label} [${ms}ms]: FAIL ${ex.left._tag} ${ex.left.reason ?? ""} ${ex.left.detail ?? ex.left.message}`)
    else { const r = ex.right; yield* Console.log(`${label} [${ms}ms]: ${r.code} ${JSON.stringify(r.status)} body=${JSON.stringify(typeof r.body === "string" ? r.body.slice(0, 120) : r.body.length)} h=${JSON.stringify(r.headers).slice(0, 200)}`) }
  })

const program = Effect.gen(function*() {
  // no content-length, connection close
  const p1 = yield* raw((s) => s.end("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close"))
  yield* show("close-delimited", Http.request(`http://127.0.0.1:${p1}/`))
  // HTTP/1.0 no length
  const p2 = yield* raw((s) => s.end("HTTP/1.0 200 OK\r\n\r\nten"))
  yield* show("http/1.0", Http.request(`http://127.0.0.1:${p2}/`))
  // content-length larger than sent, then close
  const p3 = yield* raw((s) => s.end("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"))
  yield* show("short body", Http.request(`http://127.0.0.1:${p3}/`))
  // chunked, closed before the last chunk
  const p4 = yield* raw((s) => s.end("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"))
  yield* show("chunked cut", Http.request(`http://127.0.0.1:${p4}/`))
  // 100-continue never sent by the server; it waits for the body (as an old server does)
  let got = ""
  const p5 = yield* listen(net.createServer((s) => {
    let buf = ""
    s.on("error", () => {})
    s.on("data", (d) => {
      buf += d
      const i = buf.indexOf("\r\n\r\n")
      if (i >= 0 && buf.length - i - 4 >= 5) { got = buf.slice(i + 4); s.end("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") }
    })
  }))
  yield* show("expect w/o 100", Http.request({ url: `http://127.0.0.1:${p5}/`, method: "POST", headers: { expect: "100-continue" }, body: "hello", timeout: 3000 }))
  yield* Console.log(`  server got body ${JSON.stringify(got)}`)
  // server answers 417 to expect
  const p6 = yield* raw((s) => s.end("HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n"))
  yield* show("expect 417", Http.request({ url: `http://127.0.0.1:${p6}/`, method: "POST", headers: { expect: "100-continue" }, body: "hello", timeout: 3000 }))
  // 100 Continue sent then final (server reads body)
  const p7 = yield* raw((s) => { s.write("HTTP/1.1 100 Continue\r\n\r\n"); setTimeout(() => s.end("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nfine"), 50) })
  yield* show("100 then 200 (no expect)", Http.request({ url: `http://127.0.0.1:${p7}/` }))
  // never answers
  const p8 = yield* raw(() => {})
  yield* show("never answers (500ms)", Http.request({ url: `http://127.0.0.1:${p8}/`, timeout: 500 }))
  // slow drip: one byte every 100ms, 20 bytes, receive timeout 300ms
  const p9 = yield* raw((s) => {
    s.write("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n")
    let n = 0
    const t = setInterval(() => { if (s.destroyed) return clearInterval(t); s.write("x"); if (++n === 20) { clearInterval(t); s.end() } }, 100)
  })
  yield* show("slow drip", Http.request({ url: `http://127.0.0.1:${p9}/`, timeout: { receive: 300 } }))
  // duplicate content-length/garbage header
  const p10 = yield* raw((s) => s.end("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc"))
  yield* show("dup content-length", Http.request(`http://127.0.0.1:${p10}/`))
  // IPv6
  const srv6 = http.createServer((req, res) => res.end(`v6 host=${req.headers.host}`))
  const ok6 = yield* Effect.either(listen(srv6, "::1"))
  if (ok6._tag === "Right") yield* show("ipv6 literal", Http.request(`http://[::1]:${ok6.right}/x`))
  // header with obs-fold / status without reason
  const p11 = yield* raw((s) => s.end("HTTP/1.1 200\r\nX-A: 1\r\nx-a: 2\r\nContent-Length: 0\r\n\r\n"))
  yield* show("no reason phrase", Http.request(`http://127.0.0.1:${p11}/`))
  // HEAD redirected
  const p12 = yield* listen(http.createServer((req, res) => req.url === "/a" ? res.writeHead(302, { location: "/b" }).end() : res.writeHead(200, { "x-m": req.method! }).end()))
  yield* show("HEAD redirect", Http.request({ url: `http://127.0.0.1:${p12}/a`, method: "HEAD" }))
  // host header override
  const p13 = yield* listen(http.createServer((req, res) => res.end(`host=${req.headers.host}`)))
  yield* show("host override", Http.request({ url: `http://127.0.0.1:${p13}/`, headers: { Host: "example.org" } }))
  // invalid header value given by user
  yield* show("CRLF in header", Http.request({ url: `http://127.0.0.1:${p13}/`, headers: { "x-a": "a\r\nEvil: 1" } }).pipe(Effect.catchAllDefect((d) => Effect.fail({ _tag: "Defect", message: String(d) }))))
  // unknown method token
  yield* show("PROPFIND", Http.request({ url: `http://127.0.0.1:${p12}/b`, method: "PROPFIND" }))
})

Effect.runPromise(Copas.run(Effect.scoped(program))).then(() => console.log("done"), (e) => console.error("ERR", e))

// Demanding-user trial: 103 Early Hints, https on an IPv6 literal, HTTP/0.9-ish answers, a proxy with an IPv6 target.
import * as https from "node:https"
import * as http from "node:http"
import * as net from "node:net"
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Http from "effect-copas/Http"
import { makeCerts } from "../test/util/certs.js"

const listen = <S extends net.Server>(s: S, host = "127.0.0.1") =>
  Effect.acquireRelease(
    Effect.async<number>((r) => { s.listen(0, host, () => r(Effect.succeed((s.address() as net.AddressInfo).port))) }),
    () => Effect.async<void>((r) => { (s as any).closeAllConnections?.(); s.close(() => r(Effect.void)) })
  )
const show = (label: string, e: Effect.Effect<any, any>) =>
  Effect.matchEffect(e, {
    onFailure: (err) => Console.log(`${label}: FAIL ${err._tag} ${err.reason ?? ""} ${err.detail ?? err.message}`),
    onSuccess: (r) => Console.log(`${label}: ${r.code} ${r.status} body=${JSON.stringify(r.body.slice(0, 100))} h=${JSON.stringify(r.headers).slice(0, 150)}`)
  })
const raw = (reply: string) => listen(net.createServer((s) => { s.on("error", () => {}); s.once("data", () => s.end(reply)) }))

const program = Effect.gen(function*() {
  const p1 = yield* raw("HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
  yield* show("103 then 200", Http.request(`http://127.0.0.1:${p1}/`))
  const p2 = yield* raw("hello without status line")
  yield* show("http/0.9-ish", Http.request(`http://127.0.0.1:${p2}/`))
  const certs = makeCerts()
  const p3 = yield* Effect.either(listen(https.createServer(certs.server, (req, res) => res.end(`v6 ${req.headers.host}`)), "::1"))
  if (p3._tag === "Right") {
    yield* show("https [::1] with CA", Http.request({ url: `https://[::1]:${p3.right}/`, tls: { ca: certs.ca } }))
    const proxy = yield* listen(http.createServer().on("connect", (req, sock, head) => {
      const [h, p] = [req.url!.slice(0, req.url!.lastIndexOf(":")), req.url!.slice(req.url!.lastIndexOf(":") + 1)]
      const up = net.connect(Number(p), h.replace(/^\[|\]$/g, ""), () => { sock.write("HTTP/1.1 200 OK\r\n\r\n"); up.write(head); up.pipe(sock); sock.pipe(up) })
      up.on("error", () => sock.destroy()); sock.on("error", () => up.destroy()); up.on("close", () => sock.destroy())
    }))
    yield* show("https [::1] via CONNECT proxy", Http.request({ url: `https://[::1]:${p3.right}/`, tls: { ca: certs.ca }, proxy: `http://127.0.0.1:${proxy}` }))
  }
  const p4 = yield* raw("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Bad: a\u0001b\r\n\r\nhello")
  yield* show("control char in header", Http.request(`http://127.0.0.1:${p4}/`))
  const p5 = yield* raw("HTTP/1.1 200 OK\nContent-Length: 5\n\nhello")
  yield* show("bare LF response", Http.request(`http://127.0.0.1:${p5}/`))
  const p6 = yield* raw("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Long: " + "a".repeat(20000) + "\r\n\r\nhello")
  yield* show("20k header", Http.request(`http://127.0.0.1:${p6}/`))
})

Effect.runPromise(Copas.run(Effect.scoped(program))).then(() => console.log("done"), (e) => console.error("ERR", e))

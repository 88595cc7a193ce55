// Demanding-user trial: redirects with odd Location values, cross-origin auth, https self-signed opt-out, https -> http.
import * as http from "node:http"
import * as https from "node:https"
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
    onSuccess: (r) => Console.log(`${label}: ${r.code} body=${JSON.stringify(r.body.slice(0, 150))} location=${r.headers.location}`)
  })

const program = Effect.gen(function*() {
  const seen: Array<string> = []
  const other = yield* listen(http.createServer((req, res) => { seen.push(`other ${req.url} auth=${req.headers.authorization} cookie=${req.headers.cookie}`); res.end("other") }))
  const port = yield* listen(http.createServer((req, res) => {
    const rawUrl = Buffer.from(req.url!, "latin1").toString("utf8")
    seen.push(`main ${rawUrl} auth=${req.headers.authorization}`)
    if (req.url === "/utf8") { res.writeHead(302, { location: Buffer.from("/café?q=ü", "utf8").toString("latin1") }); return res.end() }
    if (req.url === "/space") return res.writeHead(302, { location: "/a b" }).end()
    if (req.url === "/proto-rel") return res.writeHead(302, { location: `//127.0.0.1:${other}/pr` }).end()
    if (req.url === "/cross") return res.writeHead(302, { location: `http://127.0.0.1:${other}/x` }).end()
    if (req.url === "/same") return res.writeHead(302, { location: "/landing" }).end()
    if (req.url === "/frag") return res.writeHead(302, { location: "/landing#top" }).end()
    if (req.url === "/empty") return res.writeHead(302, { location: "" }).end("empty loc")
    if (req.url === "/bad") return res.writeHead(302, { location: "http://[bad" }).end()
    res.end(`main ${rawUrl}`)
  }))
  const base = `http://127.0.0.1:${port}`
  yield* show("utf8 location", Http.request(`${base}/utf8`))
  yield* show("space location", Http.request(`${base}/space`))
  yield* show("protocol-relative", Http.request(`${base}/proto-rel`))
  yield* show("cross-origin with userinfo", Http.request(`http://u:p@127.0.0.1:${port}/cross`))
  yield* show("cross-origin with auth+cookie headers", Http.request({ url: `${base}/cross`, headers: { Authorization: "Bearer x", Cookie: "s=1" } }))
  yield* show("same-origin with userinfo", Http.request(`http://u:p@127.0.0.1:${port}/same`))
  yield* show("fragment", Http.request(`${base}/frag`))
  yield* show("empty", Http.request(`${base}/empty`))
  yield* show("bad", Http.request(`${base}/bad`))
  const certs = makeCerts()
  const sp = yield* listen(https.createServer(certs.selfSigned, (req, res) => req.url === "/down" ? res.writeHead(302, { location: `${base}/landing` }).end() : res.end("secure")))
  yield* show("self-signed default", Http.request(`https://127.0.0.1:${sp}/`))
  yield* show("self-signed verify:false", Http.request({ url: `https://127.0.0.1:${sp}/`, tls: { verify: false } }))
  yield* show("self-signed rejectUnauthorized:false", Http.request({ url: `https://127.0.0.1:${sp}/`, tls: { rejectUnauthorized: false } }))
  yield* show("https->http default", Http.request({ url: `https://127.0.0.1:${sp}/down`, tls: { verify: false } }))
  yield* show("https->http all", Http.request({ url: `https://127.0.0.1:${sp}/down`, tls: { verify: false }, redirect: "all" }))
  yield* show("https by hostname localhost", Http.request({ url: `https://localhost:${sp}/`, tls: { ca: certs.selfSigned.cert } }))
  yield* Console.log(seen.join("\n"))
})

Effect.runPromise(Copas.run(Effect.scoped(program))).then(() => console.log("done"), (e) => console.error("ERR", e))

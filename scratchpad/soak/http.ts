// Soak: Http.request against a local node:http / https server (real TCP). See lib.ts.
import { Effect } from "effect"
import * as Http from "effect-copas/Http"
import * as http from "node:http"
import * as https from "node:https"
import type { AddressInfo } from "node:net"
import { makeCerts } from "../../test/util/certs.js"
import { nodeLayer, runAll, type Scenario } from "./lib.js"

const R = Number(process.env.R ?? 1000)
const certs = makeCerts()
const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
  if (req.url === "/slow") {
    const t = setTimeout(() => res.end("finally"), 2000)
    res.on("close", () => clearTimeout(t))
    return
  }
  if (req.url === "/redirect") return void res.writeHead(302, { location: "/hello" }).end()
  let body = ""
  req.on("data", (c) => body += c)
  req.on("end", () => res.writeHead(200, { "content-type": "text/plain" }).end(`hello ${req.method} ${body}`))
}
const srv = http.createServer(handler)
const tsrv = https.createServer({ key: certs.server.key, cert: certs.server.cert }, handler)
await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r))
await new Promise<void>((r) => tsrv.listen(0, "127.0.0.1", r))
const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`
const tbase = `https://localhost:${(tsrv.address() as AddressInfo).port}`
const dead = http.createServer()
await new Promise<void>((r) => dead.listen(0, "127.0.0.1", r))
const deadPort = (dead.address() as AddressInfo).port
await new Promise<void>((r) => dead.close(() => r()))
const extra = () => ({ srvConns: (srv as any)._connections })

const scenarios: Array<Scenario> = [
  { name: "http-get", rounds: R, extra, op: () => Http.request(`${base}/hello`) },
  { name: "http-post", rounds: R, extra, op: (i) => Http.request(`${base}/form`, `n=${i}`) },
  { name: "http-redirect", rounds: R, extra, op: () => Http.request(`${base}/redirect`) },
  { name: "http-refused", rounds: R, op: () => Effect.ignore(Http.request(`http://127.0.0.1:${deadPort}/`)) },
  { name: "http-timeout", rounds: R / 10, extra, op: () => Effect.ignore(Http.request({ url: `${base}/slow`, timeout: 20 })) },
  { name: "http-effect-timeout", rounds: R / 10, extra, op: () => Effect.ignore(Effect.timeout(Http.request(`${base}/slow`), 20)) },
  { name: "https-get", rounds: R / 2, op: () => Http.request({ url: `${tbase}/hello`, tls: { ca: certs.ca } }) },
  { name: "https-bad-cert", rounds: R / 2, op: () => Effect.ignore(Http.request(`${tbase}/hello`)) }
]
await runAll(scenarios, nodeLayer)
srv.close()
tsrv.close()

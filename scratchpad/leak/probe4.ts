import { Deferred, Effect, Exit } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Http from "effect-copas/Http"
import * as http from "node:http"
import * as https from "node:https"
import * as net from "node:net"
import { makeCerts } from "../../test/util/certs.js"

const res = () => process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "Timeout").sort().join(",")
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

const peers: Array<net.Socket> = []
let stage = ""
const handler = (req: http.IncomingMessage, resp: http.ServerResponse) => {
  if (req.url === "/hang") { stage = "headers-wait"; return }
  if (req.url === "/half") { resp.writeHead(200, { "content-length": "100" }); resp.write("x".repeat(50)); stage = "mid-body"; return }
  resp.end("ok")
}
const server = http.createServer(handler)
server.on("connection", (s) => peers.push(s))
await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()))
const port = (server.address() as net.AddressInfo).port
const certs = makeCerts()
const sserver = https.createServer({ key: certs.selfSigned.key, cert: certs.selfSigned.cert }, handler)
sserver.on("connection", (s) => peers.push(s))
await new Promise<void>((r) => sserver.listen(0, "127.0.0.1", () => r()))
const sport = (sserver.address() as net.AddressInfo).port
// a raw server that never answers TLS
const raw = net.createServer((s) => { peers.push(s); s.on("error", () => {}); s.resume() })
await new Promise<void>((r) => raw.listen(0, "127.0.0.1", () => r()))
const rport = (raw.address() as net.AddressInfo).port

const scenario = async (name: string, body: Effect.Effect<unknown, unknown, any>) => {
  peers.length = 0
  const before = res()
  const t0 = Date.now()
  await Effect.runPromise(Effect.timeout(NodeCopas.run(Effect.gen(function*() {
    yield* Copas.setErrorHandler(() => Effect.void, { default: true })
    yield* body
  })), "5 seconds").pipe(Effect.exit)).then((e) => { if (Exit.isFailure(e)) console.log(name, "RUN FAILED", String(e.cause)) })
  const ms = Date.now() - t0
  await wait(100)
  const open = peers.filter((p) => !p.readableEnded && !p.destroyed).length
  for (const p of peers) p.destroy()
  await wait(30)
  const after = res()
  console.log(name, ms, "ms", before === after ? "clean" : `LEAK before=[${before}] after=[${after}]`, `peers ${peers.length} open ${open}`)
}

const urls = [`http://127.0.0.1:${port}/hang`, `http://127.0.0.1:${port}/half`, `https://127.0.0.1:${sport}/hang`, `https://127.0.0.1:${sport}/half`, `https://127.0.0.1:${rport}/x`, `http://127.0.0.1:${port}/ok`]
for (const url of urls) {
  for (const delay of [0, 1, 5, 30]) {
    await scenario(`${url} removed after ${delay}ms`, Effect.gen(function*() {
      const a = yield* Copas.addThread(Http.request({ url, tls: { ca: certs.selfSigned.cert } }))
      yield* Copas.addThread(Effect.zipRight(Copas.sleep(delay), Copas.removeThread(a)))
    }))
  }
  await scenario(`${url} Effect.timeout 20ms`, Effect.gen(function*() {
    yield* Effect.exit(Effect.timeout(Http.request({ url, tls: { ca: certs.selfSigned.cert } }), 20))
  }))
  await scenario(`${url} cancelAll after 20ms`, Effect.gen(function*() {
    yield* Copas.addThread(Http.request({ url, tls: { ca: certs.selfSigned.cert } }))
    yield* Copas.addThread(Effect.zipRight(Copas.sleep(20), Copas.cancelAll))
  }))
  await scenario(`${url} copas timeout 20ms`, Effect.gen(function*() {
    yield* Effect.exit(Http.request({ url, tls: { ca: certs.selfSigned.cert }, timeout: 20 }))
  }))
}
server.close(); sserver.close(); raw.close()

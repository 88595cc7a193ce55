// Does the CONNECT tunnel's socket close once an https request through the proxy is done?
import * as https from "node:https"
import * as http from "node:http"
import * as net from "node:net"
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Http from "effect-copas/Http"
import { makeCerts } from "../test/util/certs.js"

const certs = makeCerts()
const open = new Set<net.Socket>()
const target = https.createServer(certs.server, (req, res) => res.end("hi"))
const proxy = http.createServer().on("connect", (req, sock, head) => {
  open.add(sock); sock.on("end", () => console.log("proxy: client half-closed the tunnel"))
  sock.on("close", () => open.delete(sock))
  const i = req.url!.lastIndexOf(":")
  const up = net.connect(Number(req.url!.slice(i + 1)), req.url!.slice(0, i).replace(/^\[|\]$/g, ""), () => {
    sock.write("HTTP/1.1 200 OK\r\n\r\n"); up.write(head); up.pipe(sock); sock.pipe(up)
  })
  up.on("error", () => sock.destroy()); sock.on("error", () => up.destroy())
  // (the proxy does not close the client side when the target closes)
})
await new Promise<void>((r) => target.listen(0, "127.0.0.1", r))
await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r))
const tp = (target.address() as net.AddressInfo).port
const pp = (proxy.address() as net.AddressInfo).port
await Effect.runPromise(Copas.run(Effect.gen(function*() {
  const r = yield* Http.request({ url: `https://127.0.0.1:${tp}/`, tls: { ca: certs.ca }, proxy: `http://127.0.0.1:${pp}` })
  yield* Console.log("got", r.code, r.body, "proxy port", pp, "target port", tp)
  for (let i = 0; i < 10; i++) {
    yield* Copas.sleep(100)
    if (open.size === 0) break
  }
  yield* Console.log("tunnel sockets still open at the proxy:", open.size, [...open].map((s) => `destroyed=${s.destroyed} readableEnded=${s.readableEnded} remote=${s.remotePort} read=${s.bytesRead} written=${s.bytesWritten}`))
  yield* Console.log("all client sockets:", (process as any)._getActiveHandles().filter((h: any) => h instanceof net.Socket).map((h: any) => `${h.localPort}->${h.remotePort} destroyed=${h.destroyed} ${h.constructor.name}`))
  const mine = (process as any)._getActiveHandles().filter((h: any) => h instanceof net.Socket && h.remotePort === pp)
  yield* Console.log("client sockets to the proxy:", mine.map((h: any) => `destroyed=${h.destroyed} writableEnded=${h.writableEnded} readable=${h.readable} listeners(close)=${h.listenerCount("close")} paused=${h.isPaused()}`))
})))
target.closeAllConnections(); target.close(); proxy.close()
for (const s of open) s.destroy()

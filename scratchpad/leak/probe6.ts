import { Effect, Exit, Layer } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Socket from "effect-copas/Socket"
import * as Server from "effect-copas/Server"
import * as net from "node:net"
import * as tls from "node:tls"
import { spawn } from "node:child_process"
import { makeCerts } from "../../test/util/certs.js"

const res = () => process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "Timeout" && r !== "MessagePort" && r !== "PipeWrap" && r !== "ProcessWrap").sort().join(",")
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
const certs = makeCerts()

const peers: Array<net.Socket> = []
const track = (s: net.Socket) => { peers.push(s); s.on("error", () => {}); s.resume() }
const listen = async (srv: net.Server) => { await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r())); return (srv.address() as net.AddressInfo).port }
const silent = net.createServer(track)  // accepts, never speaks
const sport = await listen(silent)
const tserver = tls.createServer({ key: certs.server.key, cert: certs.server.cert }, (s) => { s.on("error", () => {}) })
tserver.on("connection", (s) => { peers.push(s); s.on("error", () => {}) })
const tport = await listen(tserver)
const paused = net.createServer({ pauseOnConnect: true }, (s) => { peers.push(s); s.on("error", () => {}) })
const pport = await listen(paused)
const refused = await (async () => { const s = net.createServer(); const p = await listen(s); await new Promise((r) => s.close(r)); return p })()
// a listener that never accepts (python), its backlog filled
const py = spawn("python3", ["-c", "import socket,sys,time\ns=socket.socket();s.bind(('127.0.0.1',0));s.listen(0);print(s.getsockname()[1],flush=True);time.sleep(60)"], { stdio: ["ignore", "pipe", "inherit"] })
const bport = await new Promise<number>((r) => py.stdout!.once("data", (d) => r(Number(String(d).trim()))))
const fillers: Array<net.Socket> = []
for (let i = 0; i < 4; i++) { const s = net.connect(bport, "127.0.0.1"); s.on("error", () => {}); fillers.push(s) }
await wait(200)
const fillerRes = res()

const scenario = async (name: string, body: Effect.Effect<unknown, unknown, any>) => {
  peers.length = 0
  const before = res()
  const t0 = Date.now()
  await Effect.runPromise(Effect.timeout(NodeCopas.run(Effect.gen(function*() {
    yield* Copas.setErrorHandler(() => Effect.void, { default: true })
    yield* body
  })), "4 seconds").pipe(Effect.exit)).then((e) => { if (Exit.isFailure(e)) console.log(name, "RUN FAILED", String(e.cause).slice(0, 100)) })
  const ms = Date.now() - t0
  for (const p of peers) p.resume()
  await wait(100)
  const open = peers.filter((p) => !p.readableEnded && !p.destroyed && !p.closed).length
  for (const p of peers) p.destroy()
  await wait(30)
  const after = res()
  const bad = before !== after || open > 0
  console.log(bad ? "!!" : "  ", name, ms, "ms", before === after ? "clean" : `LEAK before=[${before}] after=[${after}]`, `peers ${peers.length} open ${open}`)
}

const removedAfter = (delay: number, eff: Effect.Effect<unknown, unknown, any>) => Effect.gen(function*() {
  const a = yield* Copas.addThread(eff)
  yield* Copas.addThread(Effect.zipRight(delay < 0 ? Effect.void : Copas.sleep(delay), Copas.removeThread(a)))
})
const connectTo = (port: number, opts: { tls?: boolean; timeout?: number } = {}) => Effect.gen(function*() {
  const c = yield* Socket.tcp(opts.tls ? { tls: { ca: certs.ca, servername: "localhost" } } : undefined)
  if (opts.timeout !== undefined) yield* Socket.setTimeout(c, opts.timeout)
  yield* Socket.connect(c, "127.0.0.1", port)
  return c
})
const targets: Array<[string, number, boolean]> = process.env.ONLY ? [["paused", pport, false], ["paused-tls", pport, true]] : [["silent", sport, false], ["silent-tls", sport, true], ["tls", tport, true], ["paused", pport, false], ["paused-tls", pport, true], ["refused", refused, false], ["backlog", bport, false]]
for (const [tn, port, t] of targets) {
  for (const delay of [-1, 0, 1, 10]) {
    await scenario(`${tn} removed ${delay}`, removedAfter(delay, connectTo(port, { tls: t })))
    await scenario(`${tn} timeout50 removed ${delay}`, removedAfter(delay, connectTo(port, { tls: t, timeout: 50 })))
  }
  await scenario(`${tn} Effect.timeout 5`, Effect.exit(Effect.timeout(connectTo(port, { tls: t }), 5)))
  await scenario(`${tn} copas timeout 5`, Effect.exit(connectTo(port, { tls: t, timeout: 5 })))
  await scenario(`${tn} cancelAll 5`, Effect.gen(function*() {
    yield* Copas.addThread(connectTo(port, { tls: t }))
    yield* Copas.addThread(Effect.zipRight(Copas.sleep(5), Copas.cancelAll))
  }))
  await scenario(`${tn} exit 5`, Effect.gen(function*() {
    yield* Copas.addThread(connectTo(port, { tls: t }))
    yield* Copas.addThread(Effect.zipRight(Copas.sleep(5), Copas.exit))
  }))
}
console.log("fillers", fillerRes, "now", res())
for (const f of fillers) f.destroy()
py.kill()
silent.close(); tserver.close(); paused.close()

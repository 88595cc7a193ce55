import { Effect, Exit, Stream } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Ftp from "effect-copas/Ftp"
import * as Smtp from "effect-copas/Smtp"
import { FtpSrv } from "ftp-srv"
import { SMTPServer } from "smtp-server"
import { mkdtempSync, writeFileSync } from "node:fs"
import { randomBytes } from "node:crypto"
import * as net from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
const quiet: Record<string, unknown> = {}
for (const k of ["trace", "debug", "info", "warn", "error", "fatal"]) quiet[k] = () => {}
quiet.child = () => quiet
const root = mkdtempSync(join(tmpdir(), "copas-ftp-"))
writeFileSync(join(root, "big.bin"), randomBytes(40 * 1024 * 1024))
const pasvMin = 20_000 + Math.floor(Math.random() * 40_000)
const ftp = new FtpSrv({ url: "ftp://127.0.0.1:0", pasv_url: "127.0.0.1", pasv_min: pasvMin, pasv_max: pasvMin + 500, anonymous: "ftp" as never, log: quiet as never })
ftp.on("login", (_x, resolve) => resolve({ root }))
await ftp.listen()
const fport = ((ftp as unknown as { server: net.Server }).server.address() as net.AddressInfo).port
let slowData = false
const smtp = new SMTPServer({ logger: false, authOptional: true, onData(stream, _s, cb) { stream.on("data", () => {}); stream.on("end", () => setTimeout(() => cb(), slowData ? 10000 : 0)) } })
smtp.on("error", () => {})
await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()))
const sport = ((smtp as unknown as { server: net.Server }).server.address() as net.AddressInfo).port

const clientSockets = () => ((process as unknown as { _getActiveHandles(): Array<unknown> })._getActiveHandles())
  .filter((h): h is net.Socket => h instanceof net.Socket && !h.destroyed)
  .filter((s) => s.remotePort === fport || s.remotePort === sport || (s.remotePort! >= pasvMin && s.remotePort! <= pasvMin + 500)).length

const scenario = async (name: string, body: Effect.Effect<unknown, unknown, any>) => {
  const before = clientSockets()
  const t0 = Date.now()
  let leftover = ""
  await Effect.runPromise(Effect.timeout(NodeCopas.run(Effect.gen(function*() {
    yield* Copas.setErrorHandler(() => Effect.void, { default: true })
    yield* body
  })), "8 seconds").pipe(Effect.exit)).then((e) => { if (Exit.isFailure(e)) console.log(name, "RUN FAILED", String(e.cause).slice(0, 100)) })
  const ms = Date.now() - t0
  await wait(100)
  const after = clientSockets()
  console.log(after !== before ? "!!" : "  ", name, ms, "ms", `client sockets before ${before} after ${after}`)
}
const removedAfter = (delay: number, eff: Effect.Effect<unknown, unknown, any>) => Effect.gen(function*() {
  const a = yield* Copas.addThread(eff)
  yield* Copas.addThread(Effect.zipRight(delay < 0 ? Effect.void : Copas.sleep(delay), Copas.removeThread(a)))
})
const url = (p: string) => `ftp://127.0.0.1:${fport}/${p}`
const bigBody = randomBytes(20 * 1024 * 1024)
for (const delay of [0, 2, 5, 10, 20, 40, 80]) {
  await scenario(`ftp get removed ${delay}`, removedAfter(delay, Ftp.get(url("big.bin"))))
  await scenario(`ftp put removed ${delay}`, removedAfter(delay, Ftp.put(url(`up${delay}.bin`), bigBody)))
  await scenario(`ftp getStream removed ${delay}`, removedAfter(delay, Stream.runDrain(Ftp.getStream(url("big.bin")))))
  await scenario(`ftp get dir listing removed ${delay}`, removedAfter(delay, Ftp.command({ url: url(""), command: "LIST" })))
  await scenario(`ftp get Effect.timeout ${delay}`, Effect.exit(Effect.timeout(Ftp.get(url("big.bin")), delay)))
  await scenario(`smtp send removed ${delay}`, removedAfter(delay, Smtp.send({ from: "<a@b.c>", rcpt: ["<d@e.f>"], message: { headers: {}, body: bigBody }, server: "127.0.0.1", port: sport })))
  slowData = true
  await scenario(`smtp send slow-ack removed ${delay}`, removedAfter(delay, Smtp.send({ from: "<a@b.c>", rcpt: ["<d@e.f>"], message: { headers: {}, body: "hi" }, server: "127.0.0.1", port: sport })))
  slowData = false
  await scenario(`smtp Effect.timeout ${delay}`, Effect.exit(Effect.timeout(Smtp.send({ from: "<a@b.c>", rcpt: ["<d@e.f>"], message: { headers: {}, body: bigBody }, server: "127.0.0.1", port: sport }), delay)))
}
await ftp.close().catch(() => {})
smtp.close()
process.exit(0)

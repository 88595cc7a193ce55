// Demanding-user trial: Ftp.getStream stopped early, interrupted downloads, a timeout on a stalled data connection.
import { FtpSrv } from "ftp-srv"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import * as net from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Console, Effect, Stream } from "effect"
import * as Ftp from "effect-copas/Ftp"
import * as NodeCopas from "effect-copas/NodeCopas"

const quiet: any = {}
for (const k of ["trace", "debug", "info", "warn", "error", "fatal"]) quiet[k] = () => {}
quiet.child = () => quiet
let conns = 0

const program = Effect.gen(function*() {
  const { root, port } = yield* Effect.acquireRelease(Effect.promise(async () => {
    const root = mkdtempSync(join(tmpdir(), "u-cli-ftp2-"))
    const pasv = 20000 + Math.floor(Math.random() * 40000)
    const srv = new FtpSrv({ url: "ftp://127.0.0.1:0", pasv_url: "127.0.0.1", pasv_min: pasv, pasv_max: pasv + 100, anonymous: "ftp" as never, log: quiet })
    srv.on("login", (_d, resolve) => resolve({ root }))
    await srv.listen()
    const s = (srv as any).server as net.Server
    s.on("connection", (c: net.Socket) => { conns++; c.on("close", () => conns--) })
    return { srv, root, port: (s.address() as net.AddressInfo).port }
  }), ({ srv, root }) => Effect.promise(async () => { await srv.close().catch(() => {}); rmSync(root, { recursive: true, force: true }) }))
  writeFileSync(join(root, "big.bin"), Buffer.alloc(30 * 1024 * 1024, 1))
  const url = `ftp://127.0.0.1:${port}/big.bin`
  const t0 = Date.now()
  const first = yield* Stream.runCollect(Stream.take(Ftp.getStream(url), 2))
  yield* Console.log(`take 2: ${first.length} chunks in ${Date.now() - t0}ms`)
  yield* Effect.sleep("200 millis")
  yield* Console.log(`control conns open after early stop: ${conns}`)
  const t1 = Date.now()
  const r = yield* Effect.either(Effect.timeout(Ftp.get(url), "5 millis"))
  yield* Console.log(`timeout around get: ${r._tag} in ${Date.now() - t1}ms`)
  yield* Effect.sleep("200 millis")
  yield* Console.log(`control conns open after interrupt: ${conns}`)
  const ok = yield* Ftp.get(url)
  yield* Console.log(`full get after: ${ok.length}`)
})

Effect.runPromise(NodeCopas.run(Effect.scoped(program))).then(() => { console.log("done"); process.exit(0) }, (e) => { console.error("ERR", e); process.exit(1) })

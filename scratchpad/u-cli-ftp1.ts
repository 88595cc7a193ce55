// Demanding-user trial of Ftp against ftp-srv: binary round trips, URL forms, errors, big streams.
import { FtpSrv } from "ftp-srv"
import { createHash, randomBytes } from "node:crypto"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs"
import type * as net from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Console, Effect, Sink, Stream } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Ftp from "effect-copas/Ftp"
import * as NodeCopas from "effect-copas/NodeCopas"

const quiet: any = {}
for (const k of ["trace", "debug", "info", "warn", "error", "fatal"]) quiet[k] = () => {}
quiet.child = () => quiet

const server = Effect.acquireRelease(
  Effect.promise(async () => {
    const root = mkdtempSync(join(tmpdir(), "u-cli-ftp-"))
    const pasv = 20000 + Math.floor(Math.random() * 40000)
    const srv = new FtpSrv({ url: "ftp://127.0.0.1:0", pasv_url: "127.0.0.1", pasv_min: pasv, pasv_max: pasv + 200, anonymous: "ftp" as never, log: quiet })
    srv.on("login", ({ username, password }, resolve, reject) => {
      if (username === "ftp" || (username === "me" && password === "p@ss:w/rd")) resolve({ root })
      else reject(new Error("Login incorrect."))
    })
    await srv.listen()
    const port = ((srv as any).server as net.Server).address() as net.AddressInfo
    return { srv, root, port: port.port }
  }),
  ({ srv, root }) => Effect.promise(async () => { await srv.close().catch(() => {}); rmSync(root, { recursive: true, force: true }) })
)

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex").slice(0, 16)
const show = (label: string, e: Effect.Effect<any, any, any>) =>
  Effect.matchEffect(e, {
    onFailure: (err) => Console.log(`${label}: FAIL ${err._tag} code=${err.code} text=${JSON.stringify(err.text)} command=${JSON.stringify(err.command)} ${err.message}`),
    onSuccess: (r) => Console.log(`${label}: ${r instanceof Uint8Array ? `${r.length} bytes ${sha(r)}` : JSON.stringify(r).slice(0, 200)}`)
  })

const program = Effect.gen(function*() {
  const { root, port } = yield* server
  const base = `ftp://127.0.0.1:${port}`
  const bin = randomBytes(3_000_001)
  // every byte value, CRLF-ish sequences
  bin.set(Buffer.from("\r\n\n\r\x00\xff"), 10)
  yield* Console.log(`local: ${bin.length} bytes ${sha(bin)}`)
  yield* show("put binary", Ftp.put(`${base}/bin.dat`, bin))
  yield* Console.log(`on disk: ${sha(readFileSync(join(root, "bin.dat")))}`)
  yield* show("get binary", Ftp.get(`${base}/bin.dat`))
  yield* show("get ;type=i", Ftp.get(`${base}/bin.dat;type=i`))
  yield* show("get pasv", Ftp.get({ url: `${base}/bin.dat`, passive: "pasv" }))
  mkdirSync(join(root, "a b"))
  writeFileSync(join(root, "a b", "ü x.txt"), "spaced")
  yield* show("get percent-encoded", Ftp.get(`${base}/a%20b/%C3%BC%20x.txt`))
  yield* show("get path option", Ftp.get({ host: "127.0.0.1", port, path: "a b/ü x.txt" }))
  yield* show("get unencoded URL", Ftp.get(`${base}/a b/ü x.txt`))
  yield* show("missing", Ftp.get(`${base}/nope.txt`))
  yield* show("login failure", Ftp.get(`ftp://me:bad@127.0.0.1:${port}/bin.dat`))
  yield* show("login with encoded password", Ftp.get(`ftp://me:p%40ss%3Aw%2Frd@127.0.0.1:${port}/bin.dat`))
  yield* show("login via options", Ftp.get({ url: `${base}/bin.dat`, user: "me", password: "p@ss:w/rd" }))
  writeFileSync(join(root, "empty"), "")
  yield* show("empty file", Ftp.get(`${base}/empty`))
  yield* show("put empty", Ftp.put(`${base}/empty2`, ""))
  yield* Console.log(`empty2 exists: ${existsSync(join(root, "empty2"))}`)
  yield* show("put stream 20MB", Ftp.put({ url: `${base}/big.dat`, content: Stream.range(0, 319).pipe(Stream.map((i) => new Uint8Array(64 * 1024).fill(i & 0xff))) }))
  yield* Console.log(`big on disk ${readFileSync(join(root, "big.dat")).length}`)
  yield* show("get big into sink", Ftp.get({ url: `${base}/big.dat`, sink: Sink.foldLeft(0, (n, c: Uint8Array) => n + c.length) }))
  yield* show("APPE", Ftp.put({ url: `${base}/empty2`, content: "more", command: "APPE" }).pipe(Effect.zipRight(Ftp.put({ url: `${base}/empty2`, content: "+more", command: "APPE" }))))
  yield* Console.log(`appended: ${readFileSync(join(root, "empty2"), "utf8")}`)
  yield* show("NLST", Ftp.get({ url: `${base}/`, command: "NLST" }).pipe(Effect.map((b) => Buffer.from(b).toString())))
  yield* show("dir missing", Ftp.put(`${base}/no/dir/x`, "x"))
  yield* show("URL with trailing slash RETR", Ftp.get(`${base}/a%20b/`))
  yield* show("uppercase scheme", Ftp.get(`FTP://127.0.0.1:${port}/empty`))
  yield* show("no path", Ftp.get(`ftp://127.0.0.1:${port}`))
  // failing source
  const broke = Stream.concat(Stream.make(new Uint8Array(1000)), Stream.fail("source broke"))
  yield* show("put failing stream", Ftp.put({ url: `${base}/partial.dat`, content: broke }))
  yield* Copas.sleep(200)
  yield* Console.log(`partial.dat on disk: ${existsSync(join(root, "partial.dat")) ? readFileSync(join(root, "partial.dat")).length : "none"}`)
  // 20 concurrent downloads as tasks
  let n = 0
  const t0 = Date.now()
  for (let i = 0; i < 20; i++) yield* Copas.addThread(Effect.map(Ftp.get(`${base}/bin.dat`), (b) => { if (sha(b) === sha(bin)) n++ }))
  while (n < 20 && Date.now() - t0 < 20000) yield* Copas.sleep(50)
  yield* Console.log(`20 concurrent: ${n} ok in ${Date.now() - t0}ms`)
})

Effect.runPromise(NodeCopas.run(Effect.scoped(program))).then(() => { console.log("done"); process.exit(0) }, (e) => { console.error("ERR", e); process.exit(1) })

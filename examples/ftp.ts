/**
 * Several FTP transfers at once, each a Copas task: the uploads run side by side, then the
 * downloads and a listing do; every loop ends by itself when its tasks are done.
 *
 * There is no internet here, so the example first starts a local FTP server (ftp-srv, a dev
 * dependency) on a free port, serving a temporary folder; it is closed and removed at the end.
 *
 *   npx tsx examples/ftp.ts
 */
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Ftp from "effect-copas/Ftp"
import * as NodeCopas from "effect-copas/NodeCopas"
import { FtpSrv } from "ftp-srv"
import { mkdtempSync, rmSync } from "node:fs"
import type { AddressInfo, Server } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** ftp-srv logs through bunyan; keep the example's output to our own lines */
const quiet: Record<string, unknown> = {}
for (const level of ["trace", "debug", "info", "warn", "error", "fatal"]) quiet[level] = () => {}
quiet.child = () => quiet

/** a local FTP server with one user, "demo" / "demo", closed (and its folder removed) at the end */
const localFtpServer = Effect.acquireRelease(
  Effect.promise(async () => {
    const root = mkdtempSync(join(tmpdir(), "copas-ftp-example-"))
    const pasv = 30_000 + Math.floor(Math.random() * 30_000)
    const server = new FtpSrv({
      url: "ftp://127.0.0.1:0",
      pasv_url: "127.0.0.1",
      pasv_min: pasv,
      pasv_max: pasv + 200,
      log: quiet
    })
    server.on("login", ({ username, password }, resolve, reject) =>
      username === "demo" && password === "demo" ? resolve({ root }) : reject(new Error("Login incorrect.")))
    await server.listen()
    const port = ((server as unknown as { server: Server }).server.address() as AddressInfo).port
    return { server, root, base: `ftp://demo:demo@127.0.0.1:${port}` }
  }),
  ({ root, server }) =>
    Effect.promise(async () => {
      await server.close().catch(() => {})
      rmSync(root, { recursive: true, force: true })
    })
)

/** the files to upload: two texts and 5 MB of bytes */
const files: Record<string, string | Uint8Array> = {
  "notes.txt": "Copas is a dispatcher based on coroutines.\n",
  "todo.txt": "1. port Copas\n2. test it\n3. ship it\n",
  "data.bin": new Uint8Array(5 * 1024 * 1024).map((_, i) => i % 251)
}

const program = Effect.gen(function*() {
  const { base } = yield* localFtpServer
  const t0 = Date.now()

  // every upload is a task; the loop ends when they are all done
  yield* NodeCopas.run(Effect.forEach(Object.entries(files), ([name, content]) =>
    Copas.addThread(
      Ftp.put(`${base}/${name}`, content).pipe(
        Effect.flatMap((reply) => Console.log(`uploaded ${name} (${reply.code})`))
      )
    ), { discard: true }))

  // then the downloads, a listing, and a file that is not there, all at once
  const download = (name: string) =>
    Ftp.get(`${base}/${name}`).pipe(
      Effect.flatMap((bytes) => Console.log(`downloaded ${name}: ${bytes.length} bytes`)),
      Effect.catchTag("FtpError", (e) => Console.log(`cannot download ${name}: ${e.code}`))
    )
  yield* NodeCopas.run(Effect.gen(function*() {
    for (const name of [...Object.keys(files), "missing.txt"]) yield* Copas.addThread(download(name))
    yield* Copas.addThread(
      Ftp.get({ url: `${base}/`, command: "NLST" }).pipe(
        Effect.map((bytes) => new TextDecoder().decode(bytes).split(/\r?\n/).filter((l) => l !== "").sort()),
        Effect.flatMap((names) => Console.log(`listing: ${names.join(", ")}`))
      )
    )
  }))

  yield* Console.log(`all transfers done in ${Date.now() - t0} ms`)
})

Effect.runPromise(Effect.scoped(program))

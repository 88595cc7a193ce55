// Probe: a failing upload source against ftp-srv; what the server replies and keeps.
import { FtpSrv } from "ftp-srv"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import type * as net from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Console, Effect, Stream } from "effect"
import * as Ftp from "effect-copas/Ftp"
import * as NodeCopas from "effect-copas/NodeCopas"

const quiet: any = {}
for (const k of ["trace", "debug", "info", "warn", "error", "fatal"]) quiet[k] = () => {}
quiet.child = () => quiet
const events: Array<string> = []

const program = Effect.gen(function*() {
  const root = mkdtempSync(join(tmpdir(), "v-ftp-"))
  const pasv = 20000 + Math.floor(Math.random() * 40000)
  const srv = new FtpSrv({ url: "ftp://127.0.0.1:0", pasv_url: "127.0.0.1", pasv_min: pasv, pasv_max: pasv + 200, anonymous: "ftp" as never, log: quiet })
  srv.on("login", ({ connection }, resolve) => {
    connection.on("STOR", (err: unknown, f: string) => events.push(`STOR event err=${String(err)} file=${f}`))
    const reply = (connection as any).reply.bind(connection)
    ;(connection as any).reply = (opts: any, ...rest: Array<any>) => {
      events.push(`reply ${typeof opts === "number" ? opts : JSON.stringify(opts).slice(0, 60)}`)
      return reply(opts, ...rest)
    }
    resolve({ root })
  })
  yield* Effect.promise(() => srv.listen())
  const port = (((srv as any).server as net.Server).address() as net.AddressInfo).port
  const broke = Stream.concat(Stream.make(new Uint8Array(100_000).fill(7)), Stream.fail("source broke" as const))
  const exit = yield* Effect.exit(Ftp.put({ url: `ftp://127.0.0.1:${port}/partial.dat`, content: broke }))
  yield* Console.log("exit:", JSON.stringify(exit).slice(0, 200))
  yield* Effect.sleep("300 millis")
  yield* Console.log(events.join("\n"))
  yield* Console.log(`partial.dat on disk: ${existsSync(join(root, "partial.dat")) ? readFileSync(join(root, "partial.dat")).length : "none"}`)
  yield* Effect.promise(() => srv.close().catch(() => {}))
  rmSync(root, { recursive: true, force: true })
})
Effect.runPromise(NodeCopas.run(program)).then(() => console.log("done"), (e) => console.error("ERR", e))

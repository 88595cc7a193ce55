import { describe, it, assert } from "@effect/vitest"
import { Cause, Deferred, Effect, Exit, Layer, Sink, Stream } from "effect"
import * as Copas from "effect-copas/Copas"
import type { FtpError } from "effect-copas/Errors"
import * as Ftp from "effect-copas/Ftp"
import * as MemorySockets from "effect-copas/MemorySockets"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { FtpSrv } from "ftp-srv"
import { randomBytes } from "node:crypto"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import * as net from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { errorOf } from "./util/copas.js"
import { closedPort } from "./util/net.js"

// ---- servers ------------------------------------------------------------------------------------

/** ftp-srv logs through bunyan; tests want silence */
const quiet: Record<string, unknown> = {}
for (const k of ["trace", "debug", "info", "warn", "error", "fatal"]) quiet[k] = () => {}
quiet.child = () => quiet

interface FtpServer {
  readonly port: number
  readonly root: string
  readonly url: (path?: string, auth?: string) => string
  /** every STOR / APPE the server finished: its error (undefined: a success) */
  readonly stored: Array<{ readonly error: string | undefined }>
}

/**
 * ftp-srv on 127.0.0.1, port 0, a temporary root, passive ports on 127.0.0.1. Users: "ftp"
 * (anonymous, no password asked) and "me" / "secret". Closed and removed with the scope.
 */
const ftpServer = Effect.acquireRelease(
  Effect.promise(async () => {
    const root = mkdtempSync(join(tmpdir(), "copas-ftp-"))
    const pasvMin = 20_000 + Math.floor(Math.random() * 40_000)
    const server = new FtpSrv({
      url: "ftp://127.0.0.1:0",
      pasv_url: "127.0.0.1",
      pasv_min: pasvMin,
      pasv_max: pasvMin + 500,
      anonymous: "ftp" as never,
      greeting: ["Welcome to the", "effect-copas test server"],
      log: quiet
    })
    const stored: Array<{ error: string | undefined }> = []
    server.on("login", ({ connection, username, password }, resolve, reject) => {
      connection.on("STOR", (error: unknown) => stored.push({ error: error == null ? undefined : String(error) }))
      if (username === "ftp" || (username === "me" && password === "secret")) resolve({ root })
      else reject(new Error("Login incorrect."))
    })
    await server.listen()
    const port = ((server as unknown as { server: net.Server }).server.address() as net.AddressInfo).port
    const url = (path = "", auth = "") => `ftp://${auth}127.0.0.1:${port}/${path}`
    return { server, info: { port, root, url, stored } satisfies FtpServer }
  }),
  ({ info, server }) =>
    Effect.promise(async () => {
      await server.close().catch(() => {})
      rmSync(info.root, { recursive: true, force: true })
    })
).pipe(Effect.map(({ info }) => info))

/**
 * A scripted fake ftp server on node:net (for what ftp-srv will not do: break a transfer,
 * refuse EPSV, odd replies). `script(line, reply, data)` answers each command line; `data()`
 * gives the passive data connection once the client has made it.
 */
interface Fake {
  readonly port: number
  readonly commands: Array<string>
}
type Script = (
  line: string,
  ctl: net.Socket,
  data: () => Promise<net.Socket>,
  dataPort: number
) => void

const fakeServer = (greeting: string, script: Script) =>
  Effect.acquireRelease(
    Effect.async<{ servers: Array<net.Server>; sockets: Array<net.Socket>; info: Fake }>((resume) => {
      const sockets: Array<net.Socket> = []
      const commands: Array<string> = []
      let waiting: Array<(s: net.Socket) => void> = []
      let dataSock: net.Socket | undefined
      const dataServer = net.createServer((s) => {
        s.on("error", () => {})
        sockets.push(s)
        dataSock = s
        for (const w of waiting) w(s)
        waiting = []
      })
      const control = net.createServer((s) => {
        s.on("error", () => {})
        sockets.push(s)
        s.write(greeting)
        let buf = ""
        s.on("data", (b: Buffer) => {
          buf += b.toString("latin1")
          let i: number
          while ((i = buf.indexOf("\r\n")) >= 0) {
            const line = buf.slice(0, i)
            buf = buf.slice(i + 2)
            commands.push(line)
            const data = () =>
              dataSock !== undefined ? Promise.resolve(dataSock) : new Promise<net.Socket>((r) => waiting.push(r))
            script(line, s, data, (dataServer.address() as net.AddressInfo).port)
          }
        })
      })
      dataServer.listen(0, "127.0.0.1", () => {
        control.listen(0, "127.0.0.1", () => {
          resume(Effect.succeed({
            servers: [control, dataServer],
            sockets,
            info: { port: (control.address() as net.AddressInfo).port, commands }
          }))
        })
      })
    }),
    ({ servers, sockets }) =>
      Effect.sync(() => {
        for (const s of sockets) s.destroy()
        for (const s of servers) s.close()
      })
  ).pipe(Effect.map(({ info }) => info))

/** The usual login of a fake server; `rest` answers everything else. */
const login = (rest: Script, { epsv = true } = {}): Script => (line, ctl, data, dataPort) => {
  const verb = line.split(" ")[0]!.toUpperCase()
  if (verb === "USER") ctl.write("331 Password required\r\n")
  else if (verb === "PASS") ctl.write("230 Logged in\r\n")
  else if (verb === "TYPE") ctl.write("200 Type set\r\n")
  else if (verb === "CWD") ctl.write("250 OK\r\n")
  else if (verb === "EPSV" && epsv) ctl.write(`229 Entering Extended Passive Mode (|||${dataPort}|)\r\n`)
  else if (verb === "QUIT") ctl.end("221 Bye\r\n")
  else rest(line, ctl, data, dataPort)
}

/**
 * `chunks`, then a pause, then `error`. The pause lets the server read what came: a Node server
 * (libuv) that still has unread data when the client's reset arrives reports an end instead of
 * ECONNRESET (POLLHUP after a partial read is taken as EOF), so it would not see the abort.
 */
const failingAfter = <E>(chunks: ReadonlyArray<Uint8Array>, error: E): Stream.Stream<Uint8Array, E> =>
  Stream.concat(
    Stream.fromIterable(chunks),
    Stream.fromEffect(Effect.zipRight(Effect.promise(() => new Promise((r) => setTimeout(r, 100))), Effect.fail(error)))
  )

const failure = <A>(exit: Exit.Exit<A, unknown>) => errorOf(exit) as { _tag: string } & Record<string, unknown>

const text = (b: Uint8Array) => Buffer.from(b).toString("utf8")

// ---- against ftp-srv ----------------------------------------------------------------------------

describe("Ftp against ftp-srv", () => {
  it.scopedLive("put then get with URL strings; anonymous by default; the path is entered with CWD", () =>
    Effect.gen(function*() {
      const srv = yield* ftpServer
      mkdirSync(join(srv.root, "pub"))
      mkdirSync(join(srv.root, "pub", "deep"))
      const reply = yield* Ftp.put(srv.url("pub/deep/hello.txt"), "héllo wörld\n")
      assert.strictEqual(reply.code, 226)
      assert.strictEqual(readFileSync(join(srv.root, "pub", "deep", "hello.txt"), "utf8"), "héllo wörld\n")
      const got = yield* Ftp.get(srv.url("pub/deep/hello.txt"))
      assert.instanceOf(got, Uint8Array)
      assert.strictEqual(text(got), "héllo wörld\n")
      // with a user and password in the URL, and as options
      writeFileSync(join(srv.root, "pub", "x.bin"), Buffer.from([0, 13, 10, 255, 13]))
      const bin = yield* Ftp.get(srv.url("pub/x.bin", "me:secret@"))
      assert.deepStrictEqual([...bin], [0, 13, 10, 255, 13])
      const viaOptions = yield* Ftp.get({ host: "127.0.0.1", port: srv.port, user: "me", password: "secret", path: "pub/x.bin" })
      assert.deepStrictEqual([...viaOptions], [0, 13, 10, 255, 13])
      // a percent-encoded name, and PASV instead of EPSV
      yield* Ftp.put({ url: srv.url("pub/with%20space.txt"), content: new Uint8Array([65, 66]), passive: "pasv" })
      assert.strictEqual(readFileSync(join(srv.root, "pub", "with space.txt"), "utf8"), "AB")
      assert.strictEqual(text(yield* Ftp.get({ url: srv.url("pub/with%20space.txt"), passive: "pasv" })), "AB")
      // APPE appends; a Stream uploads as it comes
      yield* Ftp.put({ url: srv.url("pub/with%20space.txt"), content: "CD", command: "APPE" })
      yield* Ftp.put({
        url: srv.url("log.txt"),
        content: Stream.make("one ", "two ", "three").pipe(Stream.map((s) => new TextEncoder().encode(s)))
      })
      assert.strictEqual(readFileSync(join(srv.root, "pub", "with space.txt"), "utf8"), "ABCD")
      assert.strictEqual(readFileSync(join(srv.root, "log.txt"), "utf8"), "one two three")
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("a 10 MB round trip is byte exact; a sink gets it in chunks, never whole", () =>
    Effect.gen(function*() {
      const srv = yield* ftpServer
      const big = new Uint8Array(randomBytes(10 * 1024 * 1024))
      yield* Ftp.put(srv.url("big.bin", "me:secret@"), big)
      assert.isTrue(Buffer.compare(readFileSync(join(srv.root, "big.bin")), big) === 0, "the server's copy differs")
      const back = yield* Ftp.get(srv.url("big.bin", "me:secret@"))
      assert.strictEqual(back.length, big.length)
      assert.isTrue(Buffer.compare(back, big) === 0, "the downloaded copy differs")
      // streamed into a sink: many chunks, none near the file's size
      const stats = yield* Ftp.get({
        url: srv.url("big.bin"),
        sink: Sink.foldLeft({ chunks: 0, bytes: 0, largest: 0 }, (acc, c: Uint8Array) => ({
          chunks: acc.chunks + 1,
          bytes: acc.bytes + c.length,
          largest: Math.max(acc.largest, c.length)
        }))
      })
      assert.strictEqual(stats.bytes, big.length)
      assert.isAbove(stats.chunks, 10)
      assert.isBelow(stats.largest, 2 * 1024 * 1024)
      // getStream: the bytes in order
      let offset = 0
      let same = true
      yield* Stream.runForEach(Ftp.getStream(srv.url("big.bin")), (c) =>
        Effect.sync(() => {
          if (Buffer.compare(c, big.subarray(offset, offset + c.length)) !== 0) same = false
          offset += c.length
        }))
      assert.isTrue(same)
      assert.strictEqual(offset, big.length)
    }).pipe(Effect.provide(NodeCopas.layer)), 60_000)

  it.scopedLive("a failing upload source aborts the transfer: the server sees a reset, not an end; the caller gets the source's error", () =>
    Effect.gen(function*() {
      const srv = yield* ftpServer
      const broken = failingAfter([new Uint8Array(1000).fill(7), new Uint8Array(1000).fill(8)], {
        _tag: "SourceBroke" as const,
        at: 2
      })
      const exit = yield* Effect.exit(Ftp.put(srv.url("partial.bin"), broken))
      // typed: the source's own error, as it was
      const e: Ftp.Failure | { readonly _tag: "SourceBroke"; readonly at: number } = errorOf(exit)
      assert.deepStrictEqual(e, { _tag: "SourceBroke", at: 2 })
      // ftp-srv reports the STOR as failed (it replies 550 "read ECONNRESET" and deletes the file);
      // a graceful close made it a 226 with a 2000-byte file that looked complete
      yield* Effect.promise(() => new Promise((r) => setTimeout(r, 100))) // the server's own bookkeeping
      assert.strictEqual(srv.stored.length, 1)
      assert.match(srv.stored[0]!.error ?? "no error: a complete upload", /ECONNRESET/)
      assert.isFalse(existsSync(join(srv.root, "partial.bin")))
      // an upload interrupted midway is aborted the same way
      const endless = Stream.concat(Stream.make(new Uint8Array(1000)), Stream.never)
      const interrupted = yield* Effect.exit(Effect.timeout(Ftp.put(srv.url("cut.bin"), endless), "300 millis"))
      assert.isTrue(Exit.isFailure(interrupted))
      for (let i = 0; i < 50 && srv.stored.length < 2; i++) yield* Effect.promise(() => new Promise((r) => setTimeout(r, 20)))
      assert.strictEqual(srv.stored.length, 2)
      assert.match(srv.stored[1]!.error ?? "no error: a complete upload", /ECONNRESET/)
      // and a good upload still ends with 226
      const ok = yield* Ftp.put(srv.url("whole.bin"), Stream.make(new Uint8Array(10)))
      assert.strictEqual(ok.code, 226)
      assert.strictEqual(readFileSync(join(srv.root, "whole.bin")).length, 10)
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("listings: get with NLST, command with LIST; several commands in one session", () =>
    Effect.gen(function*() {
      const srv = yield* ftpServer
      mkdirSync(join(srv.root, "pub"))
      writeFileSync(join(srv.root, "pub", "a.txt"), "a")
      writeFileSync(join(srv.root, "pub", "b.txt"), "bb")
      const names = text(yield* Ftp.get({ url: srv.url("pub/"), command: "NLST" }))
        .split(/\r?\n/).filter((l) => l !== "").map((l) => l.replace(/^.*\//, "")).sort()
      assert.deepStrictEqual(names, ["a.txt", "b.txt"])
      const list = yield* Ftp.command({ url: srv.url("pub/"), command: "LIST" })
      assert.strictEqual(list.code, 226)
      assert.match(list.data ?? "", /a\.txt/)
      assert.match(list.data ?? "", /b\.txt/)
      const replies = yield* Ftp.command({
        url: srv.url("pub/", "me:secret@"),
        command: [
          { command: "MKD", argument: "archive", check: 257 },
          { command: "RNFR", argument: "a.txt", check: 350 },
          { command: "RNTO", argument: "archive/a.txt", check: 250 },
          { command: "NLST", argument: "archive" }
        ]
      })
      assert.deepStrictEqual(replies.map((r) => r.code), [257, 350, 250, 226])
      assert.match(replies[3]!.data ?? "", /a\.txt/)
      assert.strictEqual(readFileSync(join(srv.root, "pub", "archive", "a.txt"), "utf8"), "a")
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("refusals are FtpError with the reply: wrong password 530, missing file 551, missing directory 550", () =>
    Effect.gen(function*() {
      const srv = yield* ftpServer
      const e530 = failure(yield* Effect.exit(Ftp.get(srv.url("x", "me:wrong@")))) as unknown as FtpError
      assert.strictEqual(e530._tag, "FtpError")
      assert.strictEqual(e530.code, 530)
      assert.strictEqual(e530.text, "Login incorrect.")
      assert.strictEqual(e530.command, "PASS ***")
      assert.strictEqual(e530.message, "530 Login incorrect.")
      // ftp-srv answers a RETR of a missing file with 551 (and the OS error)
      const eMissing = failure(yield* Effect.exit(Ftp.get(srv.url("nothing.txt")))) as unknown as FtpError
      assert.strictEqual(eMissing.code, 551)
      assert.include(eMissing.text, "ENOENT")
      assert.strictEqual(eMissing.command, "RETR nothing.txt")
      const eDir = failure(yield* Effect.exit(Ftp.get(srv.url("no/such/file.txt")))) as unknown as FtpError
      assert.strictEqual(eDir.code, 550)
      assert.strictEqual(eDir.command, "CWD no")
      const eDele = failure(yield* Effect.exit(Ftp.command({ url: srv.url(), command: "DELE", argument: "ghost" })))
      assert.strictEqual((eDele as unknown as FtpError).code, 550)
      // a check the reply does not meet
      const eCheck = failure(yield* Effect.exit(Ftp.command({ url: srv.url(), command: "NOOP", check: 250 })))
      assert.strictEqual((eCheck as unknown as FtpError).code, 200)
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("downloads run as concurrent Copas tasks", () =>
    Effect.gen(function*() {
      const srv = yield* ftpServer
      for (const n of [1, 2, 3, 4]) writeFileSync(join(srv.root, `f${n}.txt`), `file ${n}`.repeat(n * 1000))
      const got: Record<string, number> = {}
      yield* NodeCopas.run(Effect.forEach([1, 2, 3, 4], (n) =>
        Copas.addThread(Effect.map(Ftp.get(srv.url(`f${n}.txt`)), (b) => {
          got[n] = b.length
        })), { discard: true }))
      assert.deepStrictEqual(got, { 1: 6000, 2: 12000, 3: 18000, 4: 24000 })
    }))
})

// ---- against scripted servers -------------------------------------------------------------------

describe("Ftp against a scripted server", () => {
  it.scopedLive("multi-line replies; EPSV refused falls back to PASV", () =>
    Effect.gen(function*() {
      const fake = yield* fakeServer(
        "220-Welcome\r\nthis line has no code\r\n220-and this one has\r\n220 ready\r\n",
        login((line, ctl, data, dataPort) => {
          if (line === "EPSV") ctl.write("502 EPSV not implemented\r\n")
          else if (line === "PASV") {
            // the address is ignored: the data connection goes to the control peer
            ctl.write(`227 Entering Passive Mode (10,9,8,7,${dataPort >> 8},${dataPort & 255})\r\n`)
          } else if (line.startsWith("RETR")) {
            ctl.write("150-Opening data connection\r\n150 for file\r\n")
            void data().then((d) => {
              d.end("payload")
              d.once("close", () => ctl.write("226-Transfer\r\n226 complete\r\n"))
            })
          } else ctl.write("500 what?\r\n")
        }, { epsv: false })
      )
      const got = yield* Ftp.get({ url: `ftp://127.0.0.1:${fake.port}/dir/file.txt;type=a`, password: "pw" })
      assert.strictEqual(text(got), "payload")
      assert.deepStrictEqual(fake.commands, [
        "USER ftp", "PASS pw", "TYPE A", "CWD dir", "EPSV", "PASV", "RETR file.txt", "QUIT"
      ])
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("replies that are a bare code (no text) are read, as LuaSocket reads them", () =>
    Effect.gen(function*() {
      const fake = yield* fakeServer(
        "220\r\n",
        login((line, ctl) => {
          if (line === "NOOP") ctl.write("200\r\n")
          else if (line === "SITE X") ctl.write("502\r\n")
        })
      )
      const r = yield* Ftp.command({ url: `ftp://127.0.0.1:${fake.port}/`, command: "NOOP" })
      assert.deepStrictEqual([r.code, r.text], [200, ""])
      const e = failure(yield* Effect.exit(Ftp.command({ url: `ftp://127.0.0.1:${fake.port}/`, command: "SITE", argument: "X" })))
      assert.strictEqual((e as unknown as FtpError).code, 502)
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("a server that closes everything mid-transfer: ClosedError; one that reports 426: FtpError", () =>
    Effect.gen(function*() {
      const abrupt = yield* fakeServer(
        "220 ready\r\n",
        login((line, ctl, data) => {
          if (line.startsWith("RETR")) {
            ctl.write("150 here it comes\r\n")
            void data().then((d) => {
              d.write("x".repeat(1000))
              setTimeout(() => {
                d.destroy()
                ctl.destroy()
              }, 30)
            })
          }
        })
      )
      const e = failure(yield* Effect.exit(Ftp.get(`ftp://127.0.0.1:${abrupt.port}/big.bin`)))
      assert.strictEqual(e._tag, "ClosedError")
      const polite = yield* fakeServer(
        "220 ready\r\n",
        login((line, ctl, data) => {
          if (line.startsWith("RETR")) {
            ctl.write("150 here it comes\r\n")
            void data().then((d) => {
              d.end("y".repeat(500))
              d.once("close", () => ctl.write("426 Connection closed; transfer aborted.\r\n"))
            })
          }
        })
      )
      // the stream hands out what came before it fails
      let seen = 0
      const exit = yield* Effect.exit(Stream.runForEach(
        Ftp.getStream(`ftp://127.0.0.1:${polite.port}/big.bin`),
        (c) => Effect.sync(() => (seen += c.length))
      ))
      const e426 = failure(exit) as unknown as FtpError
      assert.strictEqual(e426.code, 426)
      assert.strictEqual(e426.text, "Connection closed; transfer aborted.")
      assert.strictEqual(seen, 500)
      // a data connection that stalls: the receive limit ends it, with what came before
      const stalled = yield* fakeServer(
        "220 ready\r\n",
        login((line, ctl, data) => {
          if (line.startsWith("RETR")) {
            ctl.write("150 here it comes\r\n")
            void data().then((d) => d.write("z".repeat(300))) // and then nothing
          }
        })
      )
      let early = 0
      const t0 = performance.now()
      const slow = yield* Effect.exit(Stream.runForEach(
        Ftp.getStream({ url: `ftp://127.0.0.1:${stalled.port}/f`, timeout: "250 millis" }),
        (c) => Effect.sync(() => (early += c.length))
      ))
      assert.strictEqual(failure(slow)._tag, "TimeoutError")
      assert.strictEqual(early, 300)
      assert.isAtLeast(performance.now() - t0, 240)
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("a failing upload: the data connection is reset, then ABOR is sent and both replies are read", () =>
    Effect.gen(function*() {
      const seen: Array<string> = []
      const srv = yield* fakeServer(
        "220 ready\r\n",
        login((line, ctl, data) => {
          if (line.startsWith("STOR")) {
            ctl.write("150 send it\r\n")
            void data().then((d) => {
              let bytes = 0
              d.on("data", (c: Buffer) => (bytes += c.length))
              d.on("end", () => seen.push(`end after ${bytes}`))
              d.on("error", (err: NodeJS.ErrnoException) => seen.push(`error ${err.code}`))
            })
          } else if (line === "ABOR") ctl.write("426 Transfer aborted\r\n226 Abort successful\r\n")
        })
      )
      const broken = failingAfter([new Uint8Array(500)], "broken" as const)
      const exit = yield* Effect.exit(Ftp.put(`ftp://127.0.0.1:${srv.port}/f.bin`, broken))
      assert.strictEqual(errorOf(exit), "broken")
      for (let i = 0; i < 50 && seen.length === 0; i++) yield* Effect.promise(() => new Promise((r) => setTimeout(r, 20)))
      assert.deepStrictEqual(seen, ["error ECONNRESET"])
      // ABOR's two replies are read, then QUIT (the session ends politely)
      assert.deepStrictEqual(srv.commands.slice(-3), ["STOR f.bin", "ABOR", "QUIT"])
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("an aborted upload waits for ABOR's replies a short while, not a whole receive timeout", () =>
    Effect.gen(function*() {
      // a server that never answers ABOR: the caller's error must not wait for the 30 s limit
      const srv = yield* fakeServer(
        "220 ready\r\n",
        login((line, ctl, data) => {
          if (line.startsWith("STOR")) {
            ctl.write("150 send it\r\n")
            void data().then((d) => d.on("data", () => {}).on("error", () => {}))
          }
        })
      )
      const t0 = performance.now()
      const exit = yield* Effect.exit(Ftp.put({ url: `ftp://127.0.0.1:${srv.port}/f.bin`, timeout: 30_000, content: failingAfter([new Uint8Array(10)], "broken" as const) }))
      assert.strictEqual(errorOf(exit), "broken")
      const ms = performance.now() - t0
      assert.isBelow(ms, 10_000)
      assert.isAtLeast(ms, 1_900)
      assert.strictEqual(srv.commands.at(-1), "ABOR")
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("connection refused, a silent server (timeout), bad URLs", () =>
    Effect.gen(function*() {
      const refused = failure(yield* Effect.exit(Ftp.get(`ftp://127.0.0.1:${yield* closedPort}/x`)))
      assert.strictEqual(refused._tag, "ConnectError")
      assert.strictEqual(refused.reason, "refused")
      const silent = yield* fakeServer("", () => {})
      const t0 = performance.now()
      const timedOut = failure(yield* Effect.exit(Ftp.get({ url: `ftp://127.0.0.1:${silent.port}/x`, timeout: 200 })))
      assert.strictEqual(timedOut._tag, "TimeoutError")
      assert.isAtLeast(performance.now() - t0, 190)
      const bad = failure(yield* Effect.exit(Ftp.get("not a url"))) as unknown as FtpError
      assert.strictEqual(bad._tag, "FtpError")
      assert.isUndefined(bad.code)
      assert.include(bad.text, "invalid url")
      const http = failure(yield* Effect.exit(Ftp.put("http://127.0.0.1/x", "data"))) as unknown as FtpError
      assert.include(http.text, "unknown scheme 'http'")
      const noHost = failure(yield* Effect.exit(Ftp.get({ path: "x" }))) as unknown as FtpError
      assert.strictEqual(noHost.text, "missing hostname")
      // no file name to RETR or STOR: said before connecting (a closed port would be ConnectError)
      for (const url of [`ftp://127.0.0.1:${yield* closedPort}/dir/`, `ftp://127.0.0.1:${yield* closedPort}`]) {
        const noName = failure(yield* Effect.exit(Ftp.get(url))) as unknown as FtpError
        assert.deepStrictEqual([noName._tag, noName.text, noName.command], ["FtpError", "missing file name in the path", "RETR"], url)
        const noPut = failure(yield* Effect.exit(Ftp.put(url, "data"))) as unknown as FtpError
        assert.deepStrictEqual([noPut._tag, noPut.text, noPut.command], ["FtpError", "missing file name in the path", "STOR"], url)
      }
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.live("a bad option is a defect", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Ftp.get({ host: "127.0.0.1", port: 70000 }))
      assert.isTrue(Exit.isFailure(exit) && Cause.isDie(exit.cause))
      const cr = yield* Effect.exit(Ftp.command({ host: "127.0.0.1", command: "" }))
      assert.isTrue(Exit.isFailure(cr) && Cause.isDie(cr.cause))
    }).pipe(Effect.provide(NodeCopas.layer)))
})

// ---- in memory, under TestClock ------------------------------------------------------------------

describe("Ftp on the in-memory network", () => {
  const TestCopas = Layer.merge(Copas.layer, MemorySockets.layer)

  /**
   * a tiny FTP server written with this library's own sockets: a control and a data listener (it
   * sends `payload`, or runs the handler given)
   */
  const memoryFtp = (payload: string | Server.Handler<never>, commands: Array<string>) =>
    Effect.gen(function*() {
      const data = yield* Server.addServer({ port: 0 }, typeof payload === "string" ? (sock) => Socket.send(sock, payload) : payload)
      const control = yield* Server.addServer({ port: 0 }, (sock) =>
        Effect.gen(function*() {
          yield* Socket.send(sock, "220 memory FTP\r\n")
          for (;;) {
            const line = yield* Socket.receive(sock)
            commands.push(line)
            const verb = line.split(" ")[0]
            if (verb === "USER") yield* Socket.send(sock, "230 welcome\r\n")
            else if (verb === "EPSV") yield* Socket.send(sock, `229 Extended Passive Mode (!!!${data.port}!)\r\n`)
            else if (verb === "RETR") yield* Socket.send(sock, "150 sending\r\n226 sent\r\n")
            else if (verb === "STOR") yield* Socket.send(sock, "150 send it\r\n")
            else if (verb === "ABOR") yield* Socket.send(sock, "426 aborted\r\n226 ok\r\n")
            else if (verb === "QUIT") return yield* Socket.send(sock, "221 bye\r\n")
            else yield* Socket.send(sock, "250 OK\r\n")
          }
        }))
      return { control, data }
    })

  it.effect("a download needs no real socket and no real time", () =>
    Effect.gen(function*() {
      const commands: Array<string> = []
      const got = yield* Deferred.make<string>()
      yield* Copas.loop(Effect.gen(function*() {
        const { control, data } = yield* memoryFtp("bytes from memory", commands)
        const bytes = yield* Ftp.get(`ftp://127.0.0.1:${control.port}/dir/file`)
        yield* Deferred.succeed(got, text(bytes))
        yield* Server.removeServer(control)
        yield* Server.removeServer(data)
      })).pipe(Effect.provide(TestCopas))
      assert.strictEqual(yield* Deferred.await(got), "bytes from memory")
      // USER answered 230 at once: no PASS; another EPSV delimiter than "|" is fine
      assert.deepStrictEqual(commands, ["USER ftp", "TYPE I", "CWD dir", "EPSV", "RETR file", "QUIT"])
    }))

  it.effect("a failing upload resets the data connection here too: the server never sees an end", () =>
    Effect.gen(function*() {
      const seen: Array<string> = []
      const commands: Array<string> = []
      yield* Copas.loop(Effect.gen(function*() {
        // the data side reads to the end: a success is an end (a complete file), a failure a reset
        const { control, data } = yield* memoryFtp((sock) =>
          Effect.flatMap(Effect.exit(Socket.receive(sock, "*a")), (exit) =>
            Effect.sync(() => seen.push(Exit.isSuccess(exit) ? "end" : `failed ${exit.cause._tag}`))), commands)
        const broken = Stream.concat(Stream.make(new Uint8Array(500)), Stream.fail("broken" as const))
        const exit = yield* Effect.exit(Ftp.put(`ftp://127.0.0.1:${control.port}/f.bin`, broken))
        seen.push(`put: ${errorOf(exit)}`)
        for (let i = 0; i < 50 && seen.length < 2; i++) yield* Copas.pause(0)
        yield* Server.removeServer(control)
        yield* Server.removeServer(data)
      })).pipe(Effect.provide(TestCopas))
      assert.deepStrictEqual(seen.sort(), ["failed Fail", "put: broken"])
      assert.deepStrictEqual(commands.slice(-3), ["STOR f.bin", "ABOR", "QUIT"])
    }))
})

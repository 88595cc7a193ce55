import { describe, it, assert } from "@effect/vitest"
import { Effect } from "effect"
import { type ChildProcess, spawn } from "node:child_process"
import * as net from "node:net"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../", import.meta.url))
const tsx = `${root}node_modules/.bin/tsx`

interface Running {
  readonly child: ChildProcess
  readonly port: number
  readonly exited: Promise<number | null>
  stderr: string
}

/** Starts examples/echo-server.ts with PORT=0; resolves once it printed its port. */
const start = (): Promise<Running> =>
  new Promise((resolve, reject) => {
    // its own process group, so the cleanup reaches tsx's child node process too
    const child = spawn(tsx, ["examples/echo-server.ts"], {
      cwd: root,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", NODE_NO_WARNINGS: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true
    })
    const exited = new Promise<number | null>((res) => child.once("exit", (code) => res(code)))
    let out = ""
    const running = { child, port: 0, exited, stderr: "" }
    const timer = setTimeout(() => reject(new Error(`no listening line in 15 s; stdout: ${out}; stderr: ${running.stderr}`)), 15_000)
    child.stderr!.on("data", (d) => (running.stderr += d))
    child.stdout!.on("data", (d) => {
      out += d
      const m = /echo server listening on 127\.0\.0\.1:(\d+)\n/.exec(out)
      if (m !== null) {
        clearTimeout(timer)
        resolve({ ...running, port: Number(m[1]), get stderr() { return running.stderr } })
      }
    })
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`exited (${code}) before listening: ${running.stderr}`))
    })
  })

const killGroup = (child: ChildProcess, signal: NodeJS.Signals): void => {
  try {
    process.kill(-child.pid!, signal)
  } catch {
    // already gone
  }
}

/** Stops it with SIGTERM (SIGKILL after 5 s); resolves with the exit code. */
const stop = (r: Running): Promise<number | null> => {
  if (r.child.exitCode !== null || r.child.signalCode !== null) return r.exited
  const t = setTimeout(() => killGroup(r.child, "SIGKILL"), 5000)
  killGroup(r.child, "SIGTERM")
  return r.exited.finally(() => clearTimeout(t))
}

const server = Effect.acquireRelease(Effect.promise(start), (r) => Effect.promise(() => stop(r)))

/** A line client: every read is bounded by `ms`. */
class Client {
  private buf = ""
  private waiters: Array<() => void> = []
  closed = false
  readonly sock: net.Socket
  private constructor(sock: net.Socket) {
    this.sock = sock
    sock.setEncoding("latin1")
    sock.on("data", (d: string) => {
      this.buf += d
      this.wake()
    })
    sock.on("close", () => {
      this.closed = true
      this.wake()
    })
    sock.on("error", () => {})
  }
  private wake() {
    for (const w of this.waiters.splice(0)) w()
  }
  static connect(port: number): Promise<Client> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, "127.0.0.1")
      s.once("connect", () => resolve(new Client(s)))
      s.once("error", reject)
    })
  }
  write(data: string): void {
    this.sock.write(data, "latin1")
  }
  /** waits until `n` lines came (or the connection closed) and takes them */
  async lines(n: number, ms = 5000): Promise<Array<string>> {
    const deadline = Date.now() + ms
    for (;;) {
      const parts = this.buf.split("\n")
      if (parts.length - 1 >= n || this.closed) {
        const got = parts.slice(0, Math.min(n, parts.length - 1))
        this.buf = parts.slice(got.length).join("\n")
        return got
      }
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`timed out waiting for ${n} lines; have ${JSON.stringify(this.buf)}`)
      await new Promise<void>((res) => {
        const t = setTimeout(res, left)
        this.waiters.push(() => {
          clearTimeout(t)
          res()
        })
      })
    }
  }
  /** waits (bounded) for the server to close the connection; returns what came before */
  async closedByPeer(ms = 5000): Promise<string> {
    const deadline = Date.now() + ms
    while (!this.closed) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error("the server did not close the connection")
      await new Promise<void>((res) => {
        const t = setTimeout(res, left)
        this.waiters.push(() => {
          clearTimeout(t)
          res()
        })
      })
    }
    return this.buf
  }
  destroy(): void {
    this.sock.destroy()
  }
}

const client = (port: number) =>
  Effect.acquireRelease(Effect.promise(() => Client.connect(port)), (c) => Effect.sync(() => c.destroy()))
const lines = (c: Client, n: number) => Effect.promise(() => c.lines(n))

describe("examples/echo-server.ts", () => {
  it.scopedLive("echoes lines, pipelined lines, closes on quit, serves clients concurrently, stops on SIGTERM", () =>
    Effect.gen(function*() {
      const srv = yield* server
      assert.isAbove(srv.port, 0)

      // one line at a time, including one split over two writes and one with CRLF (CR dropped)
      const a = yield* client(srv.port)
      for (const l of ["hello", "second line", "", "x".repeat(3000)]) {
        a.write(l + "\n")
        assert.deepStrictEqual(yield* lines(a, 1), [l])
      }
      a.write("spl")
      yield* Effect.sleep("20 millis")
      a.write("it\r\n")
      assert.deepStrictEqual(yield* lines(a, 1), ["split"])
      a.write("bytes \u00e9\u00ff\n")
      assert.deepStrictEqual(yield* lines(a, 1), ["bytes \u00e9\u00ff"])

      // 200 pipelined lines in one write come back complete and in order
      const many = Array.from({ length: 200 }, (_, i) => `line ${i} ${"abc".repeat(i % 7)}`)
      a.write(many.map((l) => l + "\n").join(""))
      assert.deepStrictEqual(yield* lines(a, 200), many)

      // two clients at once, interleaved: each gets only its own lines
      const b = yield* client(srv.port)
      for (let i = 0; i < 20; i++) {
        a.write(`a${i}\n`)
        b.write(`b${i}\n`)
      }
      const [ga, gb] = yield* Effect.all([lines(a, 20), lines(b, 20)], { concurrency: 2 })
      assert.deepStrictEqual(ga, Array.from({ length: 20 }, (_, i) => `a${i}`))
      assert.deepStrictEqual(gb, Array.from({ length: 20 }, (_, i) => `b${i}`))

      // quit closes the connection: what came before it is echoed, what comes after is not
      a.write("last\nquit\nnever\n")
      const rest = yield* Effect.promise(() => a.closedByPeer())
      assert.strictEqual(rest, "last\n")
      // the other client is untouched
      b.write("still here\n")
      assert.deepStrictEqual(yield* lines(b, 1), ["still here"])
      // a client that resets its connection is not an error of the server
      b.sock.resetAndDestroy()
      const c = yield* client(srv.port)
      c.write("after reset\n")
      assert.deepStrictEqual(yield* lines(c, 1), ["after reset"])

      // SIGTERM stops it (and closes the open connection)
      const code = yield* Effect.promise(() => stop(srv))
      assert.strictEqual(code, 0)
      yield* Effect.promise(() => c.closedByPeer())
      assert.strictEqual(srv.stderr, "")
    }), 40_000)
})

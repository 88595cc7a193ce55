import { describe, it, assert } from "@effect/vitest"
import { Effect } from "effect"
import * as net from "node:net"
import { type Running, start, tsxArgs } from "./support.js"

/** examples/echo-server.ts on a free port (PORT=0), once it printed its port. */
const server = Effect.acquireRelease(
  Effect.promise(async () => {
    const cmd = tsxArgs("echo-server.ts")
    const r = start({ ...cmd, env: { PORT: "0", HOST: "127.0.0.1" } }, { timeoutMs: 40_000 })
    const m = await r.waitFor(/echo server listening on 127\.0\.0\.1:(\d+)\n/, { timeoutMs: 15_000 })
    return { running: r, port: Number(m[1]) }
  }),
  ({ running }) => Effect.promise(() => stop(running))
)

/** Stops it with SIGTERM (SIGKILL after 5 s); resolves with the exit code. */
const stop = async (r: Running): Promise<number | null> => {
  if (r.child.exitCode === null && r.child.signalCode === null) {
    r.kill("SIGTERM")
    const t = setTimeout(() => r.kill("SIGKILL"), 5000)
    await r.exit.finally(() => clearTimeout(t))
  }
  return (await r.exit).code
}

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
      const code = yield* Effect.promise(() => stop(srv.running))
      assert.strictEqual(code, 0)
      yield* Effect.promise(() => c.closedByPeer())
      assert.strictEqual(srv.running.stderr(), "")
    }), 40_000)
})

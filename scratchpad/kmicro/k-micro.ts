// In-process echo micro-benchmark: fake Duplex connections (no kernel), the example's echo loop
// per connection as a Copas task; a driver emits one line per connection per round (or P lines
// in one chunk) and waits until all replies were written. Prints CPU µs per line.
import * as Effect from "effect/Effect"
import { EventEmitter } from "node:events"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Socket from "effect-copas/Socket"

const N = Number(process.env.N ?? 256)
const P = Number(process.env.P ?? 1)
const ROUNDS = Number(process.env.ROUNDS ?? 4000)
const MODE = process.env.MODE ?? "ours"

let written = 0
class FakeConn extends EventEmitter {
  destroyed = false
  writableNeedDrain = false
  writableEnded = false
  writableFinished = false
  writableLength = 0
  write(_d: unknown, _e?: unknown) { written++; return true }
  pause() { return this }
  resume() { return this }
  setNoDelay() { return this }
  end() { return this }
  destroy() { this.destroyed = true; return this }
  cork() {}
  uncork() {}
}

const line = Buffer.from("x".repeat(63) + "\n")
const chunk = Buffer.concat(Array.from({ length: P }, () => line))
const conns = Array.from({ length: N }, () => new FakeConn())

const echo = (skt: Socket.CopasSocket): Effect.Effect<void, Socket.ReceiveError | Socket.SendError> => {
  const again = () => loop
  const loop: Effect.Effect<void, Socket.ReceiveError | Socket.SendError> = Effect.matchEffect(Socket.receive(skt, "*l"), {
    onFailure: (err) => (err._tag === "ClosedError" ? Effect.void : Effect.fail(err)),
    onSuccess: (l) => (l === "quit" ? Effect.void : Effect.flatMap(Socket.send(skt, l + "\n"), again))
  })
  return loop
}

const drive = () =>
  new Promise<void>((done) => {
    let round = 0
    const t0 = process.cpuUsage()
    const w0 = written
    const step = () => {
      if (round === ROUNDS) {
        const t = process.cpuUsage(t0)
        const lines = written - w0
        console.log(`${MODE} N=${N} P=${P} lines=${lines} writes=${lines} cpu_us_per_line=${((t.user + t.system) / (N * P * ROUNDS)).toFixed(3)}`)
        return done()
      }
      round++
      if (process.env.EACH) for (const c of conns) setImmediate(() => c.emit("data", chunk))
      else for (const c of conns) c.emit("data", chunk)
      setImmediate(step)
    }
    step()
  })

if (MODE === "raw") {
  for (const c of conns) c.on("data", (b: Buffer) => c.write(b))
  for (let i = 0; i < 3; i++) await drive()
} else {
  const main = Effect.gen(function*() {
    for (const c of conns) {
      const s = yield* Socket.wrap(c as any, undefined, { encoding: "latin1" } as any)
      yield* Copas.addThread(echo(s))
    }
    yield* Effect.promise(async () => {
      for (let i = 0; i < 3; i++) await drive()
    })
    yield* Effect.sync(() => process.exit(0))
  })
  await Effect.runPromise(NodeCopas.run(main))
}

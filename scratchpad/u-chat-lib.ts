// A line chat server written from the README only (user trial, session u).
// Used by u-chat.ts (real sockets) and u-chat.test.ts (MemorySockets + TestClock).
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Lock from "effect-copas/Lock"
import * as Queue from "effect-copas/Queue"
import * as Socket from "effect-copas/Socket"
import * as Timer from "effect-copas/Timer"

export interface Stats {
  connected: number
  messages: number
  ticks: number
}

export const makeChat = Effect.gen(function*() {
  const clients = new Map<string, Queue.Queue<string>>()
  const lock = yield* Lock.make({ timeout: "1 second" })
  const stats: Stats = { connected: 0, messages: 0, ticks: 0 }

  const broadcast = (from: string, text: string) =>
    Effect.gen(function*() {
      for (const [name, q] of clients) {
        if (name !== from) yield* Queue.push(q, text).pipe(Effect.catchAll(() => Effect.void))
      }
    }).pipe(Lock.withLock(lock))

  const handler = (sock: Socket.CopasSocket) =>
    Effect.gen(function*() {
      yield* Socket.send(sock, "name?\n")
      const name = yield* Socket.receive(sock, "*l")
      const outbox = yield* Queue.make<string>({ name: `outbox-${name}` })
      yield* Queue.addWorker(outbox, (line) => Socket.send(sock, line + "\n"))
      yield* Effect.gen(function*() {
        clients.set(name, outbox)
        stats.connected++
      }).pipe(Lock.withLock(lock))
      yield* broadcast(name, `* ${name} joined`)
      yield* Effect.gen(function*() {
        for (;;) {
          const line = yield* Socket.receive(sock, "*l")
          if (line === "/quit") return
          stats.messages++
          yield* broadcast(name, `${name}: ${line}`)
        }
      }).pipe(
        Effect.catchTag("ClosedError", () => Effect.void),
        Effect.ensuring(
          Effect.gen(function*() {
            yield* Effect.sync(() => {
              clients.delete(name)
              stats.connected--
            })
            yield* broadcast(name, `* ${name} left`).pipe(Effect.ignore)
            // let the writer flush what is queued, then drop it
            yield* Queue.finish(outbox, "1 second").pipe(Effect.ignore)
          })
        )
      )
    })

  const statsTimer = (log: (s: string) => Effect.Effect<void>) =>
    Timer.make({
      delay: "200 millis",
      recurring: true,
      name: "stats",
      callback: () =>
        Effect.suspend(() => {
          stats.ticks++
          return log(`[stats] tick=${stats.ticks} connected=${stats.connected} messages=${stats.messages}`)
        })
    })

  return { handler, stats, clients, statsTimer }
})

/** A scripted client: join, say some lines, read what others said, quit. */
export const client = (port: number, name: string, says: ReadonlyArray<string>, expectLines: number) =>
  Effect.gen(function*() {
    const sock = yield* Socket.tcp()
    yield* Socket.setTimeout(sock, "5 seconds")
    yield* Socket.connect(sock, "127.0.0.1", port)
    const prompt = yield* Socket.receive(sock)
    if (prompt !== "name?") return yield* Effect.dieMessage(`bad prompt ${prompt}`)
    yield* Socket.send(sock, name + "\n")
    const heard: Array<string> = []
    // reader in its own task; the writer here
    const reader = yield* Copas.addNamedThread(
      `${name}-reader`,
      Effect.gen(function*() {
        while (heard.length < expectLines) heard.push(yield* Socket.receive(sock))
      })
    )
    for (const s of says) {
      yield* Socket.send(sock, s + "\n")
      yield* Copas.sleep("20 millis")
    }
    // wait for the reader to hear everything
    while (heard.length < expectLines) yield* Copas.sleep("10 millis")
    yield* Socket.send(sock, "/quit\n")
    yield* Socket.close(sock)
    void reader
    return heard
  })

export const say = (s: string) => Console.log(s)

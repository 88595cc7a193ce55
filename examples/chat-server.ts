#!/usr/bin/env copas
/**
 * A line-based chat server: every line a client sends goes to all the others.
 *
 * - one task per connection (the server's handler) reads the client's lines;
 * - each client has an outbox (a Copas `Queue`) with one worker task that writes to the client,
 *   so a slow client delays only its own messages, never the sender or the other clients;
 * - `/quit` leaves (what is queued for the client is sent first);
 * - Ctrl-C (SIGINT) or SIGTERM: the `copas` command stops the server and interrupts the handlers;
 *   each tells its client that the server is shutting down before the connection closes.
 *
 *   copas examples/chat-server.ts [port]     (default 9000; 0 = any free port)
 *   nc 127.0.0.1 9000                        (in two or more terminals)
 */
import { Console, Effect, Exit } from "effect"
import * as Queue from "effect-copas/Queue"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

interface Client {
  readonly name: string
  readonly outbox: Queue.Queue<string>
}

const clients = new Set<Client>()

/** Queues `line` for every client but `from` (a client that is leaving may refuse it: ignored). */
const broadcast = (line: string, from?: Client) =>
  Effect.forEach(clients, (c) => (c === from ? Effect.void : Effect.ignore(Queue.push(c.outbox, line))), {
    discard: true
  })

const session = (sock: Socket.CopasSocket) =>
  Effect.gen(function*() {
    yield* Socket.send(sock, "welcome! your name?\n")
    const name = (yield* Socket.receive(sock)).trim() || "anonymous"
    const outbox = yield* Queue.make<string>({ name: `outbox(${name})` })
    yield* Queue.addWorker(outbox, (line) => Socket.send(sock, `${line}\n`))
    const me: Client = { name, outbox }

    yield* broadcast(`* ${name} joined`)
    clients.add(me)
    yield* Queue.push(outbox, `* hello ${name}; here: ${[...clients].map((c) => c.name).join(", ")}`)
    yield* Console.log(`${name} joined (${clients.size} online)`)

    const chat = Effect.gen(function*() {
      while (true) {
        const line = yield* Socket.receive(sock)
        if (line === "/quit") return yield* Queue.push(outbox, "* bye")
        yield* broadcast(`<${name}> ${line}`, me)
      }
    })

    yield* chat.pipe(
      // whatever ends the session (quit, a dropped connection, the server stopping) ends it cleanly
      Effect.onExit((exit) =>
        Effect.gen(function*() {
          clients.delete(me)
          if (Exit.isInterrupted(exit)) {
            // the server is stopping: say so directly (the outbox's worker is being stopped too)
            yield* Queue.destroy(outbox)
            yield* Effect.ignore(Socket.send(sock, "* server is shutting down\n"))
          } else {
            yield* broadcast(`* ${name} left`)
            // send what is queued for this client, then the handler ends and the connection closes
            yield* Effect.ignore(Queue.finish(outbox, "1 second"))
          }
          yield* Console.log(`${name} left (${clients.size} online)`)
        }).pipe(Effect.ignore)
      )
    )
  })

export default (args: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const server = yield* Server.addServer({ port: Number(args[0] ?? 9000) }, session, { name: "chat" })
    yield* Console.log(`chat server on port ${server.port}`)
  })

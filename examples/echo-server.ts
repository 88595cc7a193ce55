/**
 * Copas's echo server: every line a client sends comes back, the line `quit` closes the connection.
 *
 *     npm run echo                 # 127.0.0.1:8080
 *     PORT=0 npm run echo          # any free port (printed)
 *     npx tsx examples/echo-server.ts 9000
 *
 * The port comes from argv[2], else PORT, else 8080; the host from HOST (default 127.0.0.1). When
 * it listens it prints `echo server listening on <host>:<port>`. SIGTERM / SIGINT stop it
 * (the server is closed and every connection with it). It is also the server of the echo benchmark
 * (`npm run bench:echo`): listen backlog 1024, TCP_NODELAY on every connection, and SIGUSR2 runs a
 * full GC when node was started with `--expose-gc` (the benchmark does so before reading memory).
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

// Copas's handler, in Lua:
//   while true do
//     local line = copas.receive(skt, "*l")
//     if not line or line == "quit" then break end
//     copas.send(skt, line .. "\n")
//   end
// Here a loop of Effects, built once per connection and run again for every line (an Effect is a
// description: `receive` reads a new line each time it runs). A peer that closes or resets ends the
// loop quietly, as `not line` does in Lua; when the handler ends the connection is closed.
// (`ended` is shared by all connections: only what needs `skt` is made per connection)
const ended = (err: Socket.ReceiveError): Effect.Effect<void, Socket.ReceiveError> =>
  err._tag === "ClosedError" ? Effect.void : Effect.fail(err)

const echo = (skt: Socket.CopasSocket): Effect.Effect<void, Socket.ReceiveError | Socket.SendError> => {
  // after a send, the loop again (one function per connection, not a closure per line)
  const again = () => loop
  const loop: Effect.Effect<void, Socket.ReceiveError | Socket.SendError> = Effect.matchEffect(Socket.receive(skt, "*l"), {
    onFailure: ended,
    onSuccess: (line) => (line === "quit" ? Effect.void : Effect.flatMap(Socket.send(skt, line + "\n"), again))
  })
  return loop
}

const port = Number(process.argv[2] ?? process.env.PORT ?? 8080)
const host = process.env.HOST ?? "127.0.0.1"
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`bad port: ${process.argv[2] ?? process.env.PORT}`)
  process.exit(2)
}

const main = Effect.gen(function*() {
  // latin1: lines are byte strings, as in Lua, so any bytes are echoed exactly; noDelay: every
  // reply leaves at once (as `Socket.setOption(skt, "tcp-nodelay", true)` in the handler would do)
  const server = yield* Server.addServer({ host, port, backlog: 1024 }, echo, {
    name: "echo",
    encoding: "latin1",
    noDelay: true
  })
  yield* Effect.sync(() => process.stdout.write(`echo server listening on ${server.address}:${server.port}\n`))
})

const fiber = Effect.runFork(NodeCopas.run(main))
fiber.addObserver((exit) => {
  if (exit._tag === "Failure" && !Cause.isInterruptedOnly(exit.cause)) {
    console.error(Cause.pretty(exit.cause))
    process.exitCode = 1
  }
})

const stop = () => {
  // interrupting the loop closes the dispatcher: the server and every connection are closed
  setTimeout(() => process.exit(0), 2000).unref()
  Effect.runPromise(Fiber.interrupt(fiber)).then(() => process.exit(0), () => process.exit(1))
}
process.once("SIGTERM", stop)
process.once("SIGINT", stop)
process.on("SIGUSR2", () => {
  const gc = (globalThis as { gc?: () => void }).gc
  if (typeof gc === "function") gc()
})

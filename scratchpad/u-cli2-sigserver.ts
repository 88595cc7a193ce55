// SIGINT/SIGTERM trial: a server with a client handler whose finalizer is slow (sleeps 300 ms),
// a task with Effect.ensuring, a timer; prints what runs during shutdown.
const { Effect, Console, Copas, Server, Socket, Timer } = copas
const slow = process.argv[2] === "slow"
const handler = (sock: any) => Effect.gen(function*() {
  yield* Console.log("connected")
  for (;;) {
    const line = yield* Socket.receive(sock)
    yield* Socket.send(sock, `echo ${line}\n`)
  }
}).pipe(Effect.onInterrupt(() => Effect.gen(function*() {
  yield* Console.log("handler interrupted")
  if (slow) yield* Copas.sleep(300)
  yield* Socket.send(sock, "bye\n")
  yield* Console.log("handler said bye")
})))
export default Effect.gen(function*() {
  const server = yield* Server.addServer({ port: 0 }, handler)
  yield* Timer.make({ delay: 0.05, recurring: true, callback: () => Effect.void })
  yield* Copas.addNamedThread("worker", Effect.zipRight(Copas.pauseForever, Console.log("never")).pipe(
    Effect.ensuring(Console.log("worker finalizer"))))
  process.on("exit", (c) => console.log("exit event", c))
  yield* Console.log("port " + server.port)
})

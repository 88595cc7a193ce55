// Debug trial under the copas command: start/stop while running, sleeps, timers, sockets (a traced
// server socket + client), a failing task, Debug.socket on a server's client socket.
const { Effect, Console, Copas, Debug, Server, Socket, Timer, Logger } = copas
const handler = (skt: any) => Effect.gen(function*() {
  yield* Debug.socket(skt)
  const line = yield* Socket.receive(skt)
  yield* Socket.send(skt, `echo ${line} ${"x".repeat(40)}\n`)
})
export default Effect.gen(function*() {
  yield* Debug.start()
  const server = yield* Server.addNamedServer ? Server.addNamedServer({ port: 0 }, handler, "srv") : Server.addServer({ port: 0 }, handler)
  yield* Copas.addNamedThread("sleeper", Effect.zipRight(Copas.sleep(50), Copas.sleep("20 millis")))
  yield* Copas.addNamedThread("failer", Effect.zipRight(Copas.sleep(10), Effect.fail("bad")))
  yield* Timer.make({ name: "tmr", delay: 20, callback: () => Console.log("timer fired") })
  const c = yield* Socket.tcp({ name: "client" })
  yield* Debug.socket(c)
  yield* Socket.connect(c, "127.0.0.1", server.port)
  yield* Socket.send(c, "hello\n")
  const r = yield* Socket.receive(c)
  yield* Console.log("client got", r)
  yield* Socket.close(c)
  yield* Debug.stop
  yield* Console.log("--- stopped")
  yield* Copas.sleep(100)
  yield* Debug.start({ core: true })
  yield* Copas.sleep(150)
  yield* Debug.stop
  yield* Server.removeServer(server)
})

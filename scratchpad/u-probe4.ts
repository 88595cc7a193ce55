// probe: drain-interrupting chat handlers whose finalizers take a Lock and finish a Queue
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import * as Timer from "effect-copas/Timer"
import { makeChat } from "./u-chat-lib.js"

const idle = (port: number, name: string) => Effect.gen(function*() {
  const s = yield* Socket.tcp()
  yield* Socket.setTimeout(s, "3 seconds")
  yield* Socket.connect(s, "127.0.0.1", port)
  yield* Socket.receive(s)
  yield* Socket.send(s, name + "\n")
  const heard: Array<string> = []
  yield* Effect.gen(function*() {
    for (;;) heard.push(yield* Socket.receive(s))
  }).pipe(Effect.catchAll((e) => Console.log(`${name}: ${e._tag} after hearing ${JSON.stringify(heard)}`)))
})

const main = Effect.gen(function*() {
  const chat = yield* makeChat
  const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, chat.handler, { name: "chat" })
  const timer = yield* chat.statsTimer(Console.log)
  yield* Copas.addNamedThread("A", idle(server.port, "A"))
  yield* Copas.sleep(30)
  yield* Copas.addNamedThread("B", idle(server.port, "B"))
  yield* Copas.sleep(100)
  const t0 = Date.now()
  yield* Server.removeServer(server, { drain: "200 millis" })
  yield* Console.log(`removeServer returned after ${Date.now() - t0} ms; stats ${JSON.stringify(chat.stats)}`)
  yield* Timer.cancel(timer)
})
const t0 = Date.now()
Effect.runPromise(NodeCopas.run(main)).then(() => console.log(`end after ${Date.now() - t0} ms`))

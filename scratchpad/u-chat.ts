// Chat server + clients on real 127.0.0.1 sockets (port 0). Run: npx tsx scratchpad/u-chat.ts
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Future from "effect-copas/Future"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Timer from "effect-copas/Timer"
import { client, makeChat } from "./u-chat-lib.js"

const main = Effect.gen(function*() {
  const chat = yield* makeChat
  const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, chat.handler, {
    name: "chat",
    timeout: "10 seconds"
  })
  yield* Console.log(`chat on port ${server.port}`)
  const timer = yield* chat.statsTimer(Console.log)

  // alice hears: bob joined, carol joined, carol: yo; bob hears: carol joined, carol: yo
  const a = yield* Future.addNamedThread("alice", client(server.port, "alice", [], 3))
  yield* Copas.sleep("50 millis")
  const b = yield* Future.addNamedThread("bob", client(server.port, "bob", [], 2))
  yield* Copas.sleep("50 millis")
  const c = yield* Future.addNamedThread("carol", client(server.port, "carol", ["yo"], 0))
  const results = yield* Effect.all([Future.get(a), Future.get(b), Future.get(c)])
  yield* Console.log(JSON.stringify(results))
  yield* Copas.sleep("300 millis")
  yield* Timer.cancel(timer)
  yield* Server.removeServer(server, { drain: "1 second" })
  yield* Console.log(`done: ${JSON.stringify(chat.stats)}`)
})

Effect.runPromise(NodeCopas.run(main)).then(() => console.log("loop ended"))

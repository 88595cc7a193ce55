// The chat server under the copas command; SIGINT should shut it down gracefully.
// Run: npx copas scratchpad/u-chat-copas.ts   then Ctrl-C
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { makeChat } from "./u-chat-lib.js"

export default Effect.gen(function*() {
  const chat = yield* makeChat
  const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (sock) =>
    chat.handler(sock).pipe(Effect.onInterrupt(() =>
      Socket.send(sock, "server going down\n").pipe(Effect.ignore, Effect.zipRight(Console.log("handler interrupted: said goodbye"))))), { name: "chat" })
  yield* Console.log(`chat on ${server.port}`)
  yield* chat.statsTimer(Console.log)
  // one idle client, who prints what it hears
  yield* Copas.addNamedThread("idle-client", Effect.gen(function*() {
    const s = yield* Socket.tcp()
    yield* Socket.connect(s, "127.0.0.1", server.port)
    yield* Socket.receive(s)
    yield* Socket.send(s, "idler\n")
    for (;;) yield* Console.log(`idle client heard: ${yield* Socket.receive(s, "*l")}`)
  }).pipe(Effect.onExit((e) => Console.log(`idle client ended: ${e._tag}`))))
})

// The chat server as a Layer (Server.layer), run with NodeRuntime.runMain: Ctrl-C / SIGTERM should shut it down.
import { NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Layer } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import { makeChat } from "./u-chat-lib.js"

const ChatLive = Layer.unwrapEffect(
  Effect.map(makeChat, (chat) => Server.layer({ host: "127.0.0.1", port: 0 }, chat.handler, { name: "chat", drain: "1 second" }))
)

const program = Effect.gen(function*() {
  const srv = yield* Server.Server
  yield* Console.log(`listening ${srv.port}`)
  yield* Copas.loop(Effect.addFinalizer(() => Console.log("init finalizer")).pipe(Effect.scoped))
  yield* Console.log("loop returned")
}).pipe(Effect.provide(ChatLive), Effect.provide(NodeCopas.layer), Effect.ensuring(Console.log("program finalized")))

NodeRuntime.runMain(program)

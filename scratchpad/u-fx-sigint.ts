import { Effect, Layer } from "effect"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Copas from "../src/Copas.js"
import * as NodeCopas from "../src/NodeCopas.js"
import * as Server from "../src/Server.js"
import * as Socket from "../src/Socket.js"

const mode = process.argv[2] ?? "run"
const handler = (s: Socket.CopasSocket) => Socket.receive(s).pipe(
  Effect.onInterrupt(() => Socket.send(s, "bye\n").pipe(Effect.ignore, Effect.zipRight(Effect.sync(() => console.error("handler interrupted"))))),
  Effect.ensuring(Effect.sync(() => console.error("handler ensuring"))))
const init = Effect.gen(function*() {
  const srv = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, handler)
  console.log(`PORT ${srv.port}`)
  yield* Copas.addThread(Copas.sleep(1e6).pipe(Effect.ensuring(Effect.sync(() => console.error("sleeper ensuring")))))
})
const prog = mode === "run" ? NodeCopas.run(init)
  : mode === "layer" ? Layer.launch(Layer.scopedDiscard(Effect.gen(function*() {
      const srv = yield* Server.make({ host: "127.0.0.1", port: 0 }, handler)
      console.log(`PORT ${srv.port}`)
      yield* Effect.addFinalizer(() => Effect.sync(() => console.error("layer finalizer")))
    })).pipe(Layer.provide(NodeCopas.layer)))
  : Copas.loop(init).pipe(Effect.provide(NodeCopas.layer))
NodeRuntime.runMain(prog.pipe(Effect.ensuring(Effect.sync(() => console.error("main ensuring")))))

import { Effect, Layer, Context, Fiber, Scope, Exit, Deferred, ManagedRuntime } from "effect"
import * as net from "node:net"
import * as Copas from "../src/Copas.js"
import * as NodeCopas from "../src/NodeCopas.js"
import * as Server from "../src/Server.js"
import * as Socket from "../src/Socket.js"
import * as Timer from "../src/Timer.js"
const ev: Array<string> = []
const e = (s: string) => Effect.sync(() => { ev.push(s) })
const t0 = Date.now()

// A service that depends on the Server (reads its port) and on Copas (a background task)
class Registry extends Context.Tag("Registry")<Registry, { readonly port: number }>() {}
const RegistryLive = Layer.scoped(Registry, Effect.gen(function*() {
  const srv = yield* Server.Server
  const task = yield* Copas.addNamedThread("heartbeat", Effect.forever(Copas.sleep(20)).pipe(Effect.onInterrupt(() => e("heartbeat interrupted"))))
  yield* Effect.addFinalizer(() => e("registry finalizer"))
  return { port: srv.port }
}))
const EchoLive = Server.layer({ host: "127.0.0.1", port: 0 }, (s) =>
  Socket.receive(s).pipe(Effect.flatMap((l) => Socket.send(s, l + "\n")), Effect.forever, Effect.catchTag("ClosedError", () => Effect.void),
    Effect.onInterrupt(() => e("handler interrupted")), Effect.ensuring(e("handler ended"))), { name: "echo" })
const AppLive = RegistryLive.pipe(Layer.provideMerge(EchoLive), Layer.provideMerge(NodeCopas.layer))

// 1. Layer.launch + interrupt
const portD = Deferred.unsafeMake<number>(undefined as any)
const launched = Layer.launch(Layer.effectDiscard(Effect.flatMap(Registry, (r) => Deferred.succeed(portD, r.port))).pipe(Layer.provideMerge(AppLive)))
await Effect.runPromise(Effect.gen(function*() {
  const f = yield* Effect.fork(launched)
  const port = yield* Deferred.await(portD)
  const c = net.connect(port, "127.0.0.1"); let got = ""
  c.on("data", (d) => got += d)
  c.write("ping\n")
  yield* Effect.sleep(100)
  ev.push("got " + JSON.stringify(got))
  const exit = yield* Fiber.interrupt(f)
  ev.push("launch exit " + (Exit.isInterrupted(exit) ? "interrupted" : String(exit)))
  yield* Effect.sleep(50)
  ev.push("client destroyed " + c.destroyed)
}))
console.log("1.", ev.splice(0).join(" | "))

// 2. ManagedRuntime with the app layer; runPromise a client; dispose
const rt = ManagedRuntime.make(AppLive)
const port = await rt.runPromise(Effect.map(Registry, (r) => r.port))
const reply = await rt.runPromise(Effect.gen(function*() {
  const c = yield* Socket.tcp()
  yield* Socket.connect(c, "127.0.0.1", port)
  yield* Socket.send(c, "hello\n")
  const r = yield* Socket.receive(c)
  yield* Socket.close(c)
  return r
}))
ev.push("reply " + reply)
await rt.dispose()
console.log("2.", ev.splice(0).join(" | "))

// 3. Effect.scoped around Copas.make: close the scope mid-run
await Effect.runPromise(Effect.gen(function*() {
  const scope = yield* Scope.make()
  const d = yield* Copas.make.pipe(Scope.extend(scope))
  const inner = Effect.gen(function*() {
    yield* Copas.addThread(Copas.sleep(1000).pipe(Effect.onInterrupt(() => e("sleeper interrupted")), Effect.ensuring(e("sleeper ensuring"))))
    yield* Timer.make({ delay: 10, recurring: true, callback: () => e("tick") })
  })
  yield* inner.pipe(Effect.provideService(Copas.Copas, d))
  const loopF = yield* Effect.fork(Copas.loop().pipe(Effect.provideService(Copas.Copas, d), Effect.onInterrupt(() => e("loop interrupted")), Effect.ensuring(e("loop ensuring"))))
  yield* Effect.sleep(35)
  yield* Scope.close(scope, Exit.void)
  ev.push("scope closed")
  const r = yield* Fiber.await(loopF).pipe(Effect.timeout(500), Effect.either)
  ev.push("loop after close: " + (r._tag === "Left" ? "STILL RUNNING" : r.right._tag))
  if (r._tag === "Left") yield* Fiber.interrupt(loopF)
  yield* Effect.sleep(50)
}))
console.log("3.", ev.splice(0).join(" | "))

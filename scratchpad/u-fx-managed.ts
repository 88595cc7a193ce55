import { Effect, ManagedRuntime, Layer, Context } from "effect"
import * as Copas from "../src/Copas.js"
import * as NodeCopas from "../src/NodeCopas.js"
import * as Server from "../src/Server.js"
import * as Socket from "../src/Socket.js"
import * as Lock from "../src/Lock.js"
import * as Queue from "../src/Queue.js"
import * as Future from "../src/Future.js"

class Cfg extends Context.Tag("Cfg")<Cfg, { greeting: string }>() {}
const rt = ManagedRuntime.make(Layer.merge(NodeCopas.layer, Layer.succeed(Cfg, { greeting: "hi" })))

const t0 = Date.now()
const task = await rt.runPromise(Copas.addThread(Effect.gen(function*() {
  const slept = yield* Copas.sleep(50)
  console.log("task woke", String(slept), Date.now() - t0)
}).pipe(Effect.ensuring(Effect.sync(() => console.log("task ensuring"))))))
console.log("addThread returned", task.threadName)
// sleep from a plain fiber (not a task) via the runtime
const slept = await rt.runPromise(Copas.sleep(20))
console.log("plain sleep", String(slept))
// lock from plain promises
const lock = await rt.runPromise(Lock.make())
await rt.runPromise(Lock.get(lock))
const p2 = rt.runPromise(Lock.get(lock, 200).pipe(Effect.either))
await rt.runPromise(Copas.sleep(10))
await rt.runPromise(Lock.release(lock).pipe(Effect.either)).then((r) => console.log("release from other fiber", r._tag, (r as any).left?._tag))
console.log("p2", (await p2)._tag)
// queue: push from promise, pop from another
const q = await rt.runPromise(Queue.make<number>())
const popP = rt.runPromise(Queue.pop(q, 1000))
await rt.runPromise(Queue.push(q, 7))
console.log("popped", await popP)
// future
const f = await rt.runPromise(Future.addThread(Effect.map(Cfg, (c) => c.greeting)))
console.log("future", await rt.runPromise(Future.get(f)))
// server
const srv = await rt.runPromise(Server.addServer({ host: "127.0.0.1", port: 0 }, (s) => Effect.flatMap(Cfg, (c) => Socket.send(s, c.greeting + "\n"))))
const got = await rt.runPromise(Effect.gen(function*() {
  const c = yield* Socket.tcp()
  yield* Socket.connect(c, "127.0.0.1", srv.port)
  const l = yield* Socket.receive(c)
  yield* Socket.close(c)
  return l
}))
console.log("client got", got)
await rt.runPromise(Copas.addThread(Copas.sleep(1e6).pipe(Effect.ensuring(Effect.sync(() => console.log("long sleeper ensuring"))))))
console.log("status", await rt.runPromise(Copas.status()))
await new Promise((r) => setTimeout(r, 100))
console.log("disposing")
await rt.dispose()
console.log("disposed", Date.now() - t0)
setTimeout(() => console.log("handles", (process as any)._getActiveHandles().map((x: any) => x.constructor.name)), 20)

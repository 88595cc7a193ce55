// Interrupting NodeCopas.run from outside: servers closed, finalizers run once, in order.
import { Effect, Fiber, Exit, Cause, Deferred } from "effect"
import * as net from "node:net"
import * as Copas from "../src/Copas.js"
import * as NodeCopas from "../src/NodeCopas.js"
import * as Server from "../src/Server.js"
import * as Socket from "../src/Socket.js"
import * as Lock from "../src/Lock.js"
import * as Timer from "../src/Timer.js"

const events: Array<string> = []
const ev = (s: string) => Effect.sync(() => { events.push(s) })

const prog = (mode: string) => Effect.gen(function*() {
  const ready = yield* Deferred.make<number>()
  const main = Effect.gen(function*() {
    const srv = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (s) =>
      Effect.gen(function*() {
        yield* ev("handler start")
        yield* Effect.addFinalizer(() => ev("handler scope fin")).pipe(Effect.scoped, Effect.asVoid)
        yield* Socket.receive(s).pipe(Effect.onInterrupt(() => Effect.flatMap(Socket.send(s, "bye\n").pipe(Effect.either), (r) => ev("handler interrupted, goodbye " + r._tag))))
      }).pipe(Effect.ensuring(ev("handler ensuring"))))
    yield* Copas.addThread(Effect.acquireRelease(ev("acq"), () => ev("rel")).pipe(
      Effect.zipRight(Copas.pauseForever), Effect.scoped, Effect.ensuring(ev("task ensuring"))))
    yield* Copas.addThread(Lock.make().pipe(Effect.flatMap((l) => Effect.zipRight(Lock.get(l), Copas.sleep(100000))), Effect.ensuring(ev("sleeper ensuring"))))
    yield* Timer.make({ delay: 1000000, callback: () => ev("timer fired") })
    yield* Deferred.succeed(ready, srv.port)
  }).pipe(Effect.ensuring(ev("init ensuring")))
  const fiber = yield* Effect.fork(NodeCopas.run(main).pipe(Effect.ensuring(ev("run ensuring"))))
  const port = yield* Deferred.await(ready)
  const client = net.connect(port, "127.0.0.1")
  const got: Array<string> = []
  client.on("data", (d) => got.push(d.toString()))
  const closed = new Promise<void>((r) => client.on("close", () => r()))
  yield* Effect.sleep(100)
  const t0 = Date.now()
  let exit: Exit.Exit<unknown, unknown>
  if (mode === "interrupt") exit = yield* Fiber.interrupt(fiber)
  else exit = yield* Fiber.await(fiber)
  events.push(`exit ${Exit.isInterrupted(exit) ? "interrupted" : exit._tag} in ${Date.now() - t0}ms`)
  yield* Effect.promise(() => Promise.race([closed, new Promise((r) => setTimeout(r, 1000))]))
  events.push(`client got ${JSON.stringify(got)} destroyed=${client.destroyed}`)
  // server closed?
  const refused = yield* Effect.promise(() => new Promise<string>((r) => {
    const c = net.connect(port, "127.0.0.1")
    c.on("error", (e: any) => r(e.code)); c.on("connect", () => { c.destroy(); r("connected!") })
  }))
  events.push(`reconnect: ${refused}`)
})

await Effect.runPromise(prog("interrupt"))
console.log(events.join("\n"))
// timeout
events.length = 0
await Effect.runPromise(Effect.gen(function*() {
  const r = yield* NodeCopas.run(Effect.gen(function*() {
    yield* Server.addServer({ host: "127.0.0.1", port: 0 }, () => Effect.void)
    yield* Copas.addThread(Copas.sleep(100000).pipe(Effect.ensuring(ev("sleeper ensuring"))))
  })).pipe(Effect.timeout(100), Effect.either)
  events.push("timeout: " + (r._tag === "Left" ? r.left._tag : "done"))
}))
console.log(events.join("\n"))
const h = (process as any)._getActiveHandles().length
console.log("active handles", h, (process as any)._getActiveHandles().map((x: any) => x.constructor.name))

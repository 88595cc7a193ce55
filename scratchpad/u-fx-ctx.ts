// Context propagation into tasks, timer callbacks, Copas.timeout callbacks, server handlers,
// queue workers, futures, error handlers.
import { Context, Effect, FiberRef, HashMap, Layer, List, Logger, LogLevel, Option, Tracer } from "effect"
import * as Copas from "../src/Copas.js"
import * as NodeCopas from "../src/NodeCopas.js"
import * as Timer from "../src/Timer.js"
import * as Server from "../src/Server.js"
import * as Socket from "../src/Socket.js"
import * as Queue from "../src/Queue.js"
import * as Future from "../src/Future.js"

class Svc extends Context.Tag("Svc")<Svc, { readonly v: string }>() {}
const ref = FiberRef.unsafeMake("default")

const logs: Array<string> = []
const logger = Logger.make(({ message, annotations, spans, logLevel }) => {
  logs.push(`${logLevel.label} ${String(message)} ann=${JSON.stringify(Object.fromEntries(HashMap.toEntries(annotations)))} spans=${List.toArray(spans).map(s => s.label).join(",")}`)
})

const probe = (where: string) =>
  Effect.gen(function*() {
    const svc = yield* Effect.serviceOption(Svc)
    const r = yield* FiberRef.get(ref)
    const span = yield* Effect.currentSpan.pipe(Effect.option)
    const lvl = yield* FiberRef.get(FiberRef.currentMinimumLogLevel)
    console.log(`${where}: svc=${Option.getOrUndefined(svc)?.v} ref=${r} span=${Option.getOrUndefined(span)?.name} minLevel=${lvl.label}`)
    yield* Effect.logDebug(`${where} debug`)
    yield* Effect.log(`${where} info`)
  })

const main = Effect.gen(function*() {
  yield* Copas.addThread(probe("addThread"))
  yield* Timer.make({ delay: 5, callback: () => probe("timer") })
  yield* Copas.addThread(Effect.gen(function*() {
    yield* Copas.timeout(5, () => probe("copas.timeout"))
    yield* Copas.sleep(20)
  }))
  const q = yield* Queue.make<number>()
  yield* Queue.addWorker(q, () => probe("worker"))
  yield* Queue.push(q, 1)
  const f = yield* Future.addThread(probe("future"))
  yield* Future.get(f)
  yield* Copas.setErrorHandler((cause) => probe("errorHandler"))
  const srv = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (s) => probe("handler"))
  const c = yield* Socket.tcp()
  yield* Socket.connect(c, "127.0.0.1", srv.port)
  yield* Copas.sleep(30)
  yield* Server.removeServer(srv)
  yield* Socket.close(c)
  yield* Queue.finish(q, 100)
  yield* Copas.addThread(Effect.gen(function*() {
    yield* Copas.setErrorHandler(() => probe("errorHandler(task)"))
    return yield* Effect.fail("boom")
  }))
}).pipe(
  Effect.withSpan("outer"),
  Effect.annotateLogs("req", "42"),
  Effect.withLogSpan("ls"),
  Effect.locally(ref, "local"),
  Logger.withMinimumLogLevel(LogLevel.Debug),
  Effect.provideService(Svc, { v: "svc" })
)

await Effect.runPromise(NodeCopas.run(main).pipe(Effect.provide(Logger.replace(Logger.defaultLogger, logger))))
console.log(logs.join("\n"))

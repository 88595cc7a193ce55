import { Cause, Effect, Exit, type Layer } from "effect"
import * as Copas from "effect-copas/Copas"
import * as MemorySockets from "effect-copas/MemorySockets"
import * as NodeSockets from "effect-copas/NodeSockets"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { makeCerts } from "../test/util/certs.js"
export const certs = makeCerts()
export const nets: Array<[string, Layer.Layer<Socket.Sockets>]> = [["node", NodeSockets.layer], ["memory", MemorySockets.layer]]
export const runOn = <A, E>(layer: Layer.Layer<Socket.Sockets>, body: Effect.Effect<A, E, Copas.Copas | Socket.Sockets>) =>
  Effect.gen(function*() {
    let exit: Exit.Exit<A, E> | undefined
    yield* Copas.run(Effect.exit(body).pipe(Effect.map((e) => { exit = e }))).pipe(Effect.provide(layer))
    return exit!
  }).pipe(Effect.timeoutFail({ duration: "8 seconds", onTimeout: () => new Error("HUNG") }))
export const withServer = <A, E, R>(h: Server.Handler<R>, use: (port: number) => Effect.Effect<A, E, any>, options: Server.ServerOptions = {}) =>
  Effect.gen(function*() {
    const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, h, options)
    return yield* use(server.port).pipe(Effect.ensuring(Server.removeServer(server)))
  })
export const show = (e: Exit.Exit<unknown, unknown>) =>
  Exit.isSuccess(e) ? JSON.stringify(e.value) : (() => { const x = Cause.squash(e.cause) as any; return `FAIL ${x?._tag} ${x?.reason ?? ""} ${x?.code ?? ""} ${x?.detail ?? x?.message ?? ""}` })()
export const errHandler = (into: Array<string>) => Copas.setErrorHandler((cause, task) => Effect.sync(() => { const e = Cause.squash(cause) as any; into.push(`${task.threadName} ${e._tag} ${e.reason} ${e.code ?? ""}`) }), { default: true })
export const main = (f: (name: string, layer: Layer.Layer<Socket.Sockets>) => Effect.Effect<void, unknown>) =>
  Effect.runPromise(Effect.forEach(nets, ([n, l]) => f(n, l), { discard: true }) as Effect.Effect<void>).then(() => process.exit(0), (e) => { console.error(e); process.exit(1) })

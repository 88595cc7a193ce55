/**
 * The dispatcher and the real network in one layer, and Copas's `copas(fn)` on it.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as NodeCopas from "effect-copas/NodeCopas"
 * import * as Server from "effect-copas/Server"
 * import * as Socket from "effect-copas/Socket"
 *
 * Effect.runPromise(NodeCopas.run(
 *   Server.addServer({ port: 8080 }, (sock) => Socket.send(sock, "hello\n"))
 * ))
 * ```
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Copas from "./Copas.js"
import * as NodeSockets from "./NodeSockets.js"
import type { Sockets } from "./Socket.js"

/**
 * `Copas.layer` + `NodeSockets.layer`.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as NodeCopas from "effect-copas/NodeCopas"
 * Effect.runPromise(Copas.loop().pipe(Effect.provide(NodeCopas.layer)))
 * ```
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Copas.Copas | Sockets> = Layer.merge(Copas.layer, NodeSockets.layer)

/**
 * Copas's `copas(fn)` with real sockets: a fresh dispatcher, `loop(init)` until all work is done
 * (servers keep it running until removed), then everything is closed.
 * @example
 * ```ts
 * import { Console, Effect } from "effect"
 * import * as NodeCopas from "effect-copas/NodeCopas"
 * Effect.runPromise(NodeCopas.run(Console.log("hello")))
 * ```
 * @since 0.1.0
 * @category loop
 */
export const run = <A, E, R>(
  init: Effect.Effect<A, E, R>
): Effect.Effect<void, never, Exclude<R, Copas.Copas | Sockets>> =>
  Copas.loop(init).pipe(Effect.provide(layer)) as Effect.Effect<void, never, Exclude<R, Copas.Copas | Sockets>>

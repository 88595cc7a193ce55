/**
 * The real network: `Sockets` on node:net (TCP, with half-close) and node:dgram (UDP).
 *
 * Connect errors are `ConnectError` with a `reason` ("refused", "unreachable", "dns", "timeout",
 * "reset" ...); listen errors are `SocketError` (e.g. code `EADDRINUSE`). Listening on port 0 picks
 * a free port (read it back from the server). Every socket has an 'error' listener from the moment
 * it exists, so a reset before a handler runs never crashes the process.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as NodeSockets from "effect-copas/NodeSockets"
 * const live = Layer.merge(Copas.layer, NodeSockets.layer)
 * ```
 *
 * @since 0.1.0
 */
import * as Layer from "effect/Layer"
import { network as nodeNetwork } from "./internal/nodeNet.js"
import type { Network } from "./internal/transport.js"
import { Sockets } from "./Socket.js"

/**
 * The `Network` value on node:net / node:dgram.
 * @example
 * ```ts
 * import * as NodeSockets from "effect-copas/NodeSockets"
 * NodeSockets.network.kind // "node"
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const network: Network = nodeNetwork

/**
 * Provides `Sockets` with real sockets.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as NodeSockets from "effect-copas/NodeSockets"
 * import * as Socket from "effect-copas/Socket"
 * const kind = Effect.map(Socket.Sockets, (n) => n.kind).pipe(Effect.provide(NodeSockets.layer))
 * ```
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Sockets> = Layer.succeed(Sockets, nodeNetwork)

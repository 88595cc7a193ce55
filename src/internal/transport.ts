/**
 * The seam between the socket core (`Socket.ts`, `Server.ts`) and the networks that carry bytes
 * (`NodeSockets` on node:net / node:dgram, `MemorySockets` in process).
 *
 * A stream connection is a Node `Duplex` in both layers: `net.Socket` for real sockets, an
 * in-memory duplex for the memory network. The core reads it with `pause()`/`resume()` for
 * back-pressure and `'data'`/`'end'`/`'close'`/`'error'` events, writes with `write()`/`end()`, and
 * aborts it with `destroy(err?)`. TLS is done by the core on top of any such Duplex with node:tls
 * (`tls.connect({ socket })` / `new tls.TLSSocket(duplex, { isServer: true })`), so it works on both
 * layers unchanged.
 *
 * A connection exposes its endpoints as `net.Socket` does: `localAddress`, `localPort`,
 * `localFamily`, `remoteAddress`, `remotePort`, `remoteFamily` (the memory duplex has the same
 * properties). Socket options (`setNoDelay`, `setKeepAlive`) are optional methods; a layer that has
 * no such notion leaves them out and the core reports the option as unsupported.
 *
 * This file is fixed: both layers are built against it. Changes must be additive.
 *
 * @internal
 */
import type * as Effect from "effect/Effect"
import type { Duplex } from "node:stream"
import type { ConnectError, SocketError } from "../Errors.js"

/** An address as the OS reports it. */
export interface Endpoint {
  readonly address: string
  readonly port: number
  readonly family: "IPv4" | "IPv6"
}

/** A stream connection: a Duplex with net.Socket's endpoint fields and optional options. */
export type StreamConn = Duplex & {
  readonly localAddress?: string | undefined
  readonly localPort?: number | undefined
  readonly localFamily?: string | undefined
  readonly remoteAddress?: string | undefined
  readonly remotePort?: number | undefined
  readonly remoteFamily?: string | undefined
  setNoDelay?(noDelay?: boolean): unknown
  setKeepAlive?(enable?: boolean, initialDelay?: number): unknown
}

export interface ConnectOptions {
  readonly host: string
  readonly port: number
  readonly localAddress?: string | undefined
  readonly localPort?: number | undefined
  /** 4 or 6; default: whatever `host` is */
  readonly family?: 4 | 6 | undefined
}

export interface ListenOptions {
  /** default "127.0.0.1"; "*" means all interfaces */
  readonly host?: string | undefined
  /** 0 lets the OS (or the memory network) pick a free port */
  readonly port: number
  readonly backlog?: number | undefined
}

/** A listening stream socket. Connections are handed to the `onConnection` given to `listen`. */
export interface Listener {
  readonly local: Endpoint
  /** stop handing out connections (the OS keeps queueing them in its backlog) */
  pause(): void
  resume(): void
  /** stop listening; connections already accepted are not touched */
  close(): Effect.Effect<void>
}

/** A bound datagram socket. */
export interface DatagramTransport {
  local(): Endpoint
  /** the peer set with `connect` (LuaSocket's `setpeername`), if any */
  remote(): Endpoint | undefined
  /** sends one datagram (to the connected peer when `port`/`host` are omitted) */
  send(data: Uint8Array, port?: number, host?: string): Effect.Effect<void, SocketError>
  /** LuaSocket's `setpeername`: fixes the peer for `send` and filters what is received */
  connect(port: number, host: string): Effect.Effect<void, SocketError>
  /** every datagram received goes to the handler (the core queues them, bounded, dropping) */
  onMessage(handler: (data: Buffer, from: Endpoint) => void): void
  close(): void
}

export interface UdpOptions {
  readonly host?: string | undefined
  /** 0 or undefined: an ephemeral port */
  readonly port?: number | undefined
  readonly family?: 4 | 6 | undefined
}

/**
 * The network a dispatcher's sockets use: `NodeSockets.layer` (real) or `MemorySockets.layer`.
 * `Sockets` in `Socket.ts` is the Context.Tag for this interface.
 */
export interface Network {
  readonly kind: "node" | "memory"
  /** resolves once connected; interrupting it aborts the attempt */
  connect(options: ConnectOptions): Effect.Effect<StreamConn, ConnectError | SocketError>
  listen(options: ListenOptions, onConnection: (conn: StreamConn) => void): Effect.Effect<Listener, SocketError>
  udp(options: UdpOptions): Effect.Effect<DatagramTransport, SocketError>
}

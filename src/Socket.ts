/**
 * Copas's socket functions (`copas.receive`, `copas.send`, `copas.connect`, `copas.wrap` ...) on a
 * `CopasSocket`: a pull-based socket with read back-pressure, Copas's per-call timeouts, TLS
 * (client, server, STARTTLS in place) and UDP. The network under it is the {@link Sockets}
 * service: `NodeSockets.layer` (node:net / node:dgram) or `MemorySockets.layer` (in process).
 *
 * Every operation is a module function, data-first and pipeable (`dual`), returning a lazy Effect
 * that can be run again. (Unlike Copas's wrapped-socket tables, the socket object carries no
 * methods: `Socket.receive(sock)` replaces `sock:receive()`.)
 *
 * Timeouts are Copas 4.11's: one deadline per call covering the whole call, from the socket's
 * connect/send/receive timeout (default: none). A receive that times out fails with
 * `TimeoutError` whose `partial` holds the bytes received so far (consumed, as LuaSocket does; in
 * utf8 whole characters only: the first bytes of a character still arriving stay buffered, so the
 * partial fed back as the prefix loses nothing); a send fails with `sent` = the index after the
 * last byte handed to the OS. A peer that closes gives `ClosedError` with the partial data (at the
 * end of the stream a cut character decodes as U+FFFD; `receiveBytes` is byte exact). A receive timeout of exactly 0 means, as in Copas's wrapped
 * sockets, "no timeout, but return as soon as any data is there" (`receivePartial`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as NodeCopas from "effect-copas/NodeCopas"
 * import * as Socket from "effect-copas/Socket"
 *
 * const client = Effect.gen(function*() {
 *   const sock = yield* Socket.tcp()
 *   yield* Socket.setTimeout(sock, "5 seconds")
 *   yield* Socket.connect(sock, "127.0.0.1", 8080)
 *   yield* Socket.send(sock, "hello\n")
 *   const line = yield* Socket.receive(sock)          // "*l": one line, without its LF
 *   yield* Socket.close(sock)
 *   return line
 * })
 * Effect.runPromise(NodeCopas.run(client))
 * ```
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import { dual } from "effect/Function"
import * as dgram from "node:dgram"
import type { X509Certificate } from "node:crypto"
import * as tls from "node:tls"
import { Copas } from "./Copas.js"
import type { ClosedError, ConnectError, LineTooLongError, TimeoutError, TlsError } from "./Errors.js"
import { SocketError } from "./Errors.js"
import { taskOf, toMillis } from "./internal/dispatcher.js"
import { fromDgram } from "./internal/nodeNet.js"
import * as internal from "./internal/socket.js"
import type { Endpoint, Network, StreamConn } from "./internal/transport.js"

/**
 * The network sockets are made on. Provided by `NodeSockets.layer` or `MemorySockets.layer`.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Socket from "effect-copas/Socket"
 * const kind = Effect.map(Socket.Sockets, (net) => net.kind) // "node" | "memory"
 * ```
 * @since 0.1.0
 * @category tags
 */
export class Sockets extends Context.Tag("effect-copas/Sockets")<Sockets, Network>() {}

/**
 * The brand of a {@link CopasSocket}.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const looksLikeSocket = (u: object) => Socket.TypeId in u
 * ```
 * @since 0.1.0
 * @category type ids
 */
export const TypeId: typeof internal.SocketTypeId = internal.SocketTypeId
/**
 * The type of {@link TypeId}.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const brand: Socket.TypeId = Socket.TypeId
 * ```
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * A socket (Copas's wrapped socket). `kind` is `"master"` for a TCP socket not connected yet,
 * `"tcp"` once connected (or accepted), `"udp"` for datagram sockets.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const describe = (sock: Socket.CopasSocket) => `${sock.name} (${sock.kind}${sock.isTls ? ", tls" : ""})`
 * ```
 * @since 0.1.0
 * @category models
 */
export interface CopasSocket {
  readonly [TypeId]: TypeId
  /** the socket's name (`setSocketName`; used in tracebacks) */
  readonly name: string
  readonly kind: "master" | "tcp" | "udp"
  /** how `receive` decodes and `send` encodes strings */
  readonly encoding: Encoding
  /** the longest line `receive("*l")` accepts (bytes) */
  readonly maxLineLength: number
  readonly isTls: boolean
  /** closed locally */
  readonly closed: boolean
}

/**
 * String encodings of a socket.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const bytesAsText: Socket.Encoding = "latin1"
 * const sock = Socket.tcp({ encoding: bytesAsText })
 * ```
 * @since 0.1.0
 * @category models
 */
export type Encoding = internal.Encoding
/**
 * A receive pattern: `"*l"` (a line), `"*a"` (all until closed) or a byte count.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const header: Socket.Pattern = 16
 * const read = (sock: Socket.CopasSocket) => Socket.receive(sock, header)
 * ```
 * @since 0.1.0
 * @category models
 */
export type Pattern = internal.Pattern
/**
 * TLS options (Copas's sslparams in Node's terms): `key`/`cert`/`ca` (PEM text, or a file path as
 * LuaSec takes; `certificate` and `cafile` are accepted too), `verify` (client: the server's
 * certificate AND host name are verified unless `verify: false`/`"none"`; server: `true`/`"peer"`
 * requests and verifies a client certificate), `servername` (client SNI), `sni: { names, strict }`
 * (server: name → options or SecureContext; strict rejects other names), `alpn`,
 * `minVersion`/`maxVersion` or LuaSec's `protocol` ("tlsv1_2", "tlsv1_3", "any"), `ciphers`,
 * `mode` ("client"/"server"; default: server for accepted sockets).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * declare const ca: string // PEM
 * const tls: Socket.TlsOptions = { ca, servername: "example.com", alpn: ["http/1.1"] }
 * const sock = Socket.tcp({ tls })
 * ```
 * @since 0.1.0
 * @category models
 */
export type TlsOptions = internal.TlsOptions
/**
 * An address and port.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Socket from "effect-copas/Socket"
 * const peer = (sock: Socket.CopasSocket) =>
 *   Effect.map(Socket.getPeerName(sock), (e: Socket.Endpoint) => `${e.address}:${e.port}`)
 * ```
 * @since 0.1.0
 * @category models
 */
export type { Endpoint }
/**
 * `getStats`: byte counts and age in seconds (LuaSocket's `getstats`).
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Socket from "effect-copas/Socket"
 * const traffic = (sock: Socket.CopasSocket) =>
 *   Effect.map(Socket.getStats(sock), (s: Socket.Stats) => s.bytesReceived + s.bytesSent)
 * ```
 * @since 0.1.0
 * @category models
 */
export type Stats = internal.Stats
/**
 * A datagram with its sender.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Socket from "effect-copas/Socket"
 * const sender = (sock: Socket.CopasSocket) =>
 *   Effect.map(Socket.receiveFrom(sock), (d: Socket.ReceivedFrom<string>) => `${d.address}:${d.port}`)
 * ```
 * @since 0.1.0
 * @category models
 */
export type ReceivedFrom<A> = internal.ReceivedFrom<A>
/**
 * The failures of a receive.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Socket from "effect-copas/Socket"
 * const line = (sock: Socket.CopasSocket): Effect.Effect<string, Socket.ReceiveError> => Socket.receive(sock)
 * ```
 * @since 0.1.0
 * @category errors
 */
export type ReceiveError = TimeoutError | ClosedError | LineTooLongError | SocketError
/**
 * The failures of a send.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Socket from "effect-copas/Socket"
 * const say = (sock: Socket.CopasSocket): Effect.Effect<number, Socket.SendError> => Socket.send(sock, "hi\n")
 * ```
 * @since 0.1.0
 * @category errors
 */
export type SendError = TimeoutError | ClosedError | SocketError

/**
 * Options of {@link tcp}, {@link udp} and {@link wrap}.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const options: Socket.SocketOptions = { name: "upstream", encoding: "latin1", maxLineLength: 64 * 1024 }
 * const sock = Socket.tcp(options)
 * ```
 * @since 0.1.0
 * @category models
 */
export interface SocketOptions {
  readonly name?: string | undefined
  /** default "utf8"; "latin1" makes strings byte exact */
  readonly encoding?: Encoding | undefined
  /** default 1 MiB */
  readonly maxLineLength?: number | undefined
  /** TLS parameters: `connect` then also handshakes (Copas's `wrap(skt, params):connect()`) */
  readonly tls?: TlsOptions | undefined
}

const impl = (s: CopasSocket): internal.SocketImpl => s as unknown as internal.SocketImpl
const pub = (s: internal.SocketImpl): CopasSocket => s as unknown as CopasSocket

/**
 * Whether `u` is a {@link CopasSocket}.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * Socket.isSocket({}) // false
 * ```
 * @since 0.1.0
 * @category guards
 */
export const isSocket = (u: unknown): u is CopasSocket => internal.isSocket(u)

const applyOptions = (s: internal.SocketImpl, o: SocketOptions | undefined): void => {
  if (o === undefined) return
  if (o.name !== undefined) s.name = o.name
  if (o.encoding !== undefined) setEnc(s, o.encoding)
  if (o.maxLineLength !== undefined) setMax(s, o.maxLineLength)
  if (o.tls !== undefined) s.tlsOptions = o.tls
}
const setEnc = (s: internal.SocketImpl, e: Encoding): void => {
  if (e !== "utf8" && e !== "latin1") throw new TypeError(`encoding must be "utf8" or "latin1", got: ${String(e)}`)
  s.encoding = e
}
const setMax = (s: internal.SocketImpl, n: number): void => {
  if (typeof n !== "number" || !(n > 0)) throw new RangeError(`maxLineLength must be a positive number, got: ${String(n)}`)
  s.maxLineLength = n
}

/**
 * Copas's `socket.tcp()`: a TCP socket, not connected yet (then {@link connect}).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const sock = Socket.tcp({ encoding: "latin1" })
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const tcp = (options?: SocketOptions): Effect.Effect<CopasSocket, never, Copas | Sockets> =>
  Effect.flatMap(Copas, (d) =>
    Effect.map(Sockets, (net) => {
      const s = new internal.SocketImpl(d, net, "master")
      applyOptions(s, options)
      return pub(s)
    }))

/**
 * Options of {@link udp}: where to bind (default: all interfaces, an ephemeral port).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const options: Socket.UdpOptions = { host: "127.0.0.1", port: 0 }
 * const sock = Socket.udp(options)
 * ```
 * @since 0.1.0
 * @category models
 */
export interface UdpOptions extends SocketOptions {
  readonly host?: string | undefined
  readonly port?: number | undefined
  readonly family?: 4 | 6 | undefined
}

/**
 * Copas's `socket.udp()` (+ `setsockname`): a bound UDP socket. Use {@link sendTo} and
 * {@link receiveFrom}, or {@link connect} (LuaSocket's `setpeername`) then {@link send} and
 * {@link receive} (a size; default 8192).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const sock = Socket.udp({ host: "127.0.0.1", port: 0 })
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const udp = (options?: UdpOptions): Effect.Effect<CopasSocket, SocketError, Copas | Sockets> =>
  Effect.flatMap(Copas, (d) =>
    Effect.flatMap(Sockets, (net) =>
      Effect.map(
        net.udp({ host: options?.host, port: options?.port, family: options?.family }),
        (t) => {
          const s = new internal.SocketImpl(d, net, "udp")
          applyOptions(s, options)
          s.attachDatagram(t)
          return pub(s)
        }
      )))

/**
 * Copas's `copas.wrap(skt[, sslparams])`: makes a socket of this library from a raw Node socket
 * (a connected `net.Socket`, a `tls.TLSSocket`, any connected stream Duplex, or a bound
 * `dgram.Socket`). A {@link CopasSocket} is returned as it is, with `tls` (and `options`) applied,
 * so Copas's `wrap(socket.tcp(), params):connect()` handshakes on {@link connect}. With `tls`
 * options, {@link doHandshake} uses them. A `net.Socket` made without `allowHalfOpen`
 * ends our side when the peer ends its own, as Node does.
 * @example
 * ```ts
 * import * as net from "node:net"
 * import * as Socket from "effect-copas/Socket"
 * const wrapped = (raw: net.Socket) => Socket.wrap(raw, { verify: false })
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const wrap = (
  raw: CopasSocket | StreamConn | dgram.Socket,
  tlsOptions?: TlsOptions,
  options?: SocketOptions
): Effect.Effect<CopasSocket, never, Copas> =>
  Effect.flatMap(Copas, (d) =>
    Effect.sync(() => {
      if (tlsOptions !== undefined && (typeof tlsOptions !== "object" || tlsOptions === null)) {
        throw new TypeError(`ssl parameters; did not expect type ${typeof tlsOptions}`)
      }
      if (isSocket(raw)) {
        // Copas's `wrap(socket.tcp(), params):connect()`: the params are used by connect/doHandshake
        const s = impl(raw)
        applyOptions(s, options)
        if (tlsOptions !== undefined) s.tlsOptions = tlsOptions
        return raw
      }
      const udp = raw instanceof dgram.Socket
      const r = raw as { write?: unknown; on?: unknown } | null
      if (!udp && (typeof r !== "object" || r === null || typeof r.write !== "function" || typeof r.on !== "function")) {
        throw new TypeError(`wrap: expected a net.Socket, tls.TLSSocket, stream Duplex or dgram.Socket, got: ${r === null ? "null" : typeof r}`)
      }
      // (named as LuaSocket names it: udp{n} for a datagram socket)
      const s = new internal.SocketImpl(d, undefined, udp ? "udp" : "tcp")
      applyOptions(s, options)
      if (tlsOptions !== undefined) s.tlsOptions = tlsOptions
      if (udp) {
        s.attachDatagram(fromDgram(raw))
        return pub(s)
      }
      if (raw instanceof tls.TLSSocket) {
        s.tlsSocket = raw
        s.raw = raw
      }
      s.attach(raw as StreamConn)
      return pub(s)
    }))

// ---- receiving ------------------------------------------------------------------------------------

const isSocketArg = (args: IArguments): boolean => isSocket(args[0])

/**
 * Copas's `copas.receive(skt, pattern, prefix)`: `"*l"` (default) reads a line (LF ends it; every
 * CR is dropped; the terminator is not returned), `"*a"` reads until the peer closes and returns
 * the data, a number `n` reads exactly `n` bytes (the prefix counts towards `n`, as LuaSocket; in
 * utf8 a count that cuts a character decodes the cut as U+FFFD: use {@link receiveBytes}).
 * On a UDP socket the pattern is the maximum datagram size (default 8192; longer datagrams are
 * truncated). A line longer than the socket's `maxLineLength` fails with `LineTooLongError` and
 * stays readable with `receive(n)`.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Socket from "effect-copas/Socket"
 * const greet = (sock: Socket.CopasSocket) =>
 *   Socket.receive(sock).pipe(Effect.flatMap((name) => Socket.send(sock, `hello ${name}\n`)))
 * ```
 * @since 0.1.0
 * @category receiving
 */
export const receive: {
  (pattern?: Pattern, prefix?: string): (self: CopasSocket) => Effect.Effect<string, ReceiveError>
  (self: CopasSocket, pattern?: Pattern, prefix?: string): Effect.Effect<string, ReceiveError>
} = dual(isSocketArg, (self: CopasSocket, pattern?: Pattern, prefix?: string) =>
  impl(self).receive(pattern, prefix, false, false) as Effect.Effect<string, ReceiveError>)

/**
 * {@link receive} returning bytes (byte exact whatever the socket's encoding).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const header = (sock: Socket.CopasSocket) => Socket.receiveBytes(sock, 4)
 * ```
 * @since 0.1.0
 * @category receiving
 */
export const receiveBytes: {
  (pattern?: Pattern, prefix?: Uint8Array): (self: CopasSocket) => Effect.Effect<Uint8Array, ReceiveError>
  (self: CopasSocket, pattern?: Pattern, prefix?: Uint8Array): Effect.Effect<Uint8Array, ReceiveError>
} = dual(isSocketArg, (self: CopasSocket, pattern?: Pattern, prefix?: Uint8Array) =>
  impl(self).receive(pattern, prefix, true, false) as Effect.Effect<Uint8Array, ReceiveError>)

/**
 * Copas's `copas.receivepartial`: like {@link receive}, but succeeds as soon as any data is
 * there, even if the pattern is not complete (for streams read with `"*a"`). It still waits
 * for at least one byte (or the end of the stream, when `"*a"` returns what is left); in utf8 for
 * one whole character (the first bytes of one still arriving stay buffered).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const chunk = (sock: Socket.CopasSocket) => Socket.receivePartial(sock, "*a")
 * ```
 * @since 0.1.0
 * @category receiving
 */
export const receivePartial: {
  (pattern?: Pattern, prefix?: string): (self: CopasSocket) => Effect.Effect<string, ReceiveError>
  (self: CopasSocket, pattern?: Pattern, prefix?: string): Effect.Effect<string, ReceiveError>
} = dual(isSocketArg, (self: CopasSocket, pattern?: Pattern, prefix?: string) =>
  impl(self).receive(pattern, prefix, false, true) as Effect.Effect<string, ReceiveError>)

/**
 * Copas's `copas.receivefrom(skt, size)` (UDP): one datagram (truncated to `size`, default 8192)
 * with its sender.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Socket from "effect-copas/Socket"
 * const echo = (sock: Socket.CopasSocket) =>
 *   Socket.receiveFrom(sock).pipe(Effect.flatMap(({ data, address, port }) => Socket.sendTo(sock, data, address, port)))
 * ```
 * @since 0.1.0
 * @category receiving
 */
export const receiveFrom: {
  (size?: number): (self: CopasSocket) => Effect.Effect<ReceivedFrom<string>, ReceiveError>
  (self: CopasSocket, size?: number): Effect.Effect<ReceivedFrom<string>, ReceiveError>
} = dual(isSocketArg, (self: CopasSocket, size?: number) =>
  impl(self).receiveFrom(size, false) as Effect.Effect<ReceivedFrom<string>, ReceiveError>)

/**
 * {@link receiveFrom} returning bytes.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const dg = (sock: Socket.CopasSocket) => Socket.receiveFromBytes(sock, 1500)
 * ```
 * @since 0.1.0
 * @category receiving
 */
export const receiveFromBytes: {
  (size?: number): (self: CopasSocket) => Effect.Effect<ReceivedFrom<Uint8Array>, ReceiveError>
  (self: CopasSocket, size?: number): Effect.Effect<ReceivedFrom<Uint8Array>, ReceiveError>
} = dual(isSocketArg, (self: CopasSocket, size?: number) =>
  impl(self).receiveFrom(size, true) as Effect.Effect<ReceivedFrom<Uint8Array>, ReceiveError>)

// ---- sending --------------------------------------------------------------------------------------

/**
 * Copas's `copas.send(skt, data, i, j)`: writes `data` (from `start` to `end`, 0-based and
 * half-open like `subarray`; strings are encoded with the socket's encoding first, so the indexes
 * count bytes, as LuaSocket's) and returns the index after the last byte sent. It suspends only when the OS buffer is full (back-pressure).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const reply = (sock: Socket.CopasSocket) => Socket.send(sock, "OK\r\n") // succeeds with 4
 * ```
 * @since 0.1.0
 * @category sending
 */
export const send: {
  (data: string | Uint8Array, start?: number, end?: number): (self: CopasSocket) => Effect.Effect<number, SendError>
  (self: CopasSocket, data: string | Uint8Array, start?: number, end?: number): Effect.Effect<number, SendError>
} = function(
  a: CopasSocket | string | Uint8Array,
  b?: string | Uint8Array | number,
  c?: number,
  d?: number
): Effect.Effect<number, SendError> | ((self: CopasSocket) => Effect.Effect<number, SendError>) {
  // `dual` by hand: `dual(isSocketArg, ...)` builds an `arguments` object per call (a send per line)
  if (isSocket(a)) return impl(a).send(b as string | Uint8Array, c, d)
  return (self: CopasSocket) => impl(self).send(a as string | Uint8Array, b as number | undefined, c)
} as never

/**
 * Copas's `copas.sendto(skt, data, ip, port)` (UDP; never waits).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const ping = (sock: Socket.CopasSocket) => Socket.sendTo(sock, "ping", "127.0.0.1", 9999)
 * ```
 * @since 0.1.0
 * @category sending
 */
export const sendTo: {
  (data: string | Uint8Array, address: string, port: number): (self: CopasSocket) => Effect.Effect<number, SendError>
  (self: CopasSocket, data: string | Uint8Array, address: string, port: number): Effect.Effect<number, SendError>
} = dual(4, (self: CopasSocket, data: string | Uint8Array, address: string, port: number) =>
  impl(self).sendTo(data, address, port))

/**
 * Copas's `copas.flush(skt)`: a no-op (writes are never held back longer than a tick).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const f = (sock: Socket.CopasSocket) => Socket.flush(sock)
 * ```
 * @since 0.1.0
 * @category sending
 */
export const flush = (_self: CopasSocket): Effect.Effect<void> => Effect.void

// ---- connecting, TLS ------------------------------------------------------------------------------

/**
 * Copas's `copas.connect(skt, host, port)`: connects a TCP socket within its connect timeout
 * (`ConnectError` with `reason` "refused", "unreachable", "dns", "timeout" ...). With TLS options
 * given to {@link tcp} or {@link wrap}, the handshake follows. A {@link close} meanwhile (also
 * during the handshake) fails it with `ConnectError` code "closed". On a UDP socket it is
 * LuaSocket's `setpeername`.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const dial = (sock: Socket.CopasSocket) => Socket.connect(sock, "127.0.0.1", 8080)
 * ```
 * @since 0.1.0
 * @category connecting
 */
export const connect: {
  (host: string, port: number): (self: CopasSocket) => Effect.Effect<void, ConnectError | SocketError | TlsError | ClosedError>
  (self: CopasSocket, host: string, port: number): Effect.Effect<void, ConnectError | SocketError | TlsError | ClosedError>
} = dual(3, (self: CopasSocket, host: string, port: number) => impl(self).connect(host, port))

/**
 * Copas's `copas.dohandshake(skt, sslparams)` / `sock:dohandshake()`: upgrades the connection to
 * TLS in place (STARTTLS); the same `CopasSocket` then reads and writes through TLS. Client mode
 * for connected sockets, server mode for accepted ones (or `mode`). Uses the connect timeout. A
 * failure or timeout fails with `TlsError` and closes the socket (never continues in plain text);
 * a {@link close} meanwhile, with `ClosedError`. A client verifies the certificate against
 * `servername` (or `sni`), else the host given to {@link connect}, else the address a wrapped
 * transport is connected to; with none of them (and verification on) it fails with `TlsError`
 * "params". Plain text that arrived before the upgrade and was not read yet (bytes a man in the
 * middle may have added after the STARTTLS reply) is never returned as TLS data: it goes to the
 * TLS layer, where it is no TLS record, and the handshake fails.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const starttls = (sock: Socket.CopasSocket) => Socket.doHandshake(sock, { servername: "mail.example.com" })
 * ```
 * @since 0.1.0
 * @category tls
 */
export const doHandshake: {
  (tlsOptions?: TlsOptions): (self: CopasSocket) => Effect.Effect<CopasSocket, TlsError | ClosedError>
  (self: CopasSocket, tlsOptions?: TlsOptions): Effect.Effect<CopasSocket, TlsError | ClosedError>
} = dual(isSocketArg, (self: CopasSocket, tlsOptions?: TlsOptions) =>
  Effect.withFiberRuntime<CopasSocket, TlsError | ClosedError>((fiber) => {
    const task = taskOf(fiber as Fiber.RuntimeFiber<unknown, unknown>)
    task.socket = impl(self)
    return Effect.as(impl(self).handshake(task, tlsOptions), self)
  }))

/**
 * Copas's `sock:sni(names, strict)`: on a client, the server name to ask for (a string); on a
 * server, the name → TLS options map and whether other names are refused. Used by the next
 * {@link doHandshake}.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const ask = (sock: Socket.CopasSocket) => Socket.sni(sock, "myhost.com")
 * ```
 * @since 0.1.0
 * @category tls
 */
export const sni: {
  (names: string | Readonly<Record<string, TlsOptions | tls.SecureContext>>, strict?: boolean): (self: CopasSocket) => Effect.Effect<void>
  (self: CopasSocket, names: string | Readonly<Record<string, TlsOptions | tls.SecureContext>>, strict?: boolean): Effect.Effect<void>
} = dual(isSocketArg, (self: CopasSocket, names: string | Readonly<Record<string, TlsOptions | tls.SecureContext>>, strict?: boolean) =>
  Effect.sync(() => {
    if (typeof names !== "string" && (typeof names !== "object" || names === null)) {
      throw new TypeError("sni: names must be a string or a table of names")
    }
    impl(self).sniNames = { names, strict: !!strict }
  }))

/**
 * LuaSec's `getalpn`: the protocol chosen by ALPN (`undefined` if none). Fails with
 * `SocketError` "not a tls socket" on a plain socket.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const proto = (sock: Socket.CopasSocket) => Socket.getAlpn(sock)
 * ```
 * @since 0.1.0
 * @category tls
 */
export const getAlpn = (self: CopasSocket): Effect.Effect<string | undefined, SocketError> =>
  Effect.suspend(() => {
    const t = impl(self).tlsSocket
    if (t === undefined) return Effect.fail(new SocketError({ operation: "getalpn", detail: "not a tls socket" }))
    return Effect.succeed(t.alpnProtocol || undefined)
  })

/**
 * LuaSec's `getsniname`: the server name the client asked for (`undefined` if none).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const name = (sock: Socket.CopasSocket) => Socket.getSniName(sock)
 * ```
 * @since 0.1.0
 * @category tls
 */
export const getSniName = (self: CopasSocket): Effect.Effect<string | undefined, SocketError> =>
  Effect.suspend(() => {
    const t = impl(self).tlsSocket as (tls.TLSSocket & { servername?: string | false }) | undefined
    if (t === undefined) return Effect.fail(new SocketError({ operation: "getsniname", detail: "not a tls socket" }))
    return Effect.succeed(t.servername || undefined)
  })

/**
 * LuaSec's `getpeercertificate`: the certificate the peer presented (`undefined`: none, as for a
 * client when the server did not ask for one). On a server with `verify: "peer"` the handshake
 * has already verified it against `ca`, so the handler can decide by who the client is (its
 * subject, SANs, fingerprint). Fails with `SocketError` "not a tls socket" on a plain socket.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Socket from "effect-copas/Socket"
 * // in a handler of a server with tls: { key, cert, ca, verify: "peer" }
 * const who = (sock: Socket.CopasSocket) =>
 *   Effect.map(Socket.getPeerCertificate(sock), (cert) => cert?.subject ?? "anonymous")
 * ```
 * @since 0.1.0
 * @category tls
 */
export const getPeerCertificate = (self: CopasSocket): Effect.Effect<X509Certificate | undefined, SocketError> =>
  Effect.suspend(() => {
    const t = impl(self).tlsSocket
    if (t === undefined) {
      return Effect.fail(new SocketError({ operation: "getpeercertificate", detail: "not a tls socket" }))
    }
    return Effect.succeed(t.getPeerX509Certificate())
  })

// ---- closing --------------------------------------------------------------------------------------

/**
 * Copas's `copas.close(skt)`: closes the socket; every task blocked on it fails with
 * `ClosedError` at once (Copas #104). Closing twice is fine. Data already sent still leaves.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const bye = (sock: Socket.CopasSocket) => Socket.close(sock)
 * ```
 * @since 0.1.0
 * @category closing
 */
export const close = (self: CopasSocket): Effect.Effect<void> => Effect.sync(() => impl(self).closeNow())

/**
 * LuaSocket's `shutdown(how)`: `"send"` half-closes (the peer sees the end; we can still read),
 * `"receive"` stops reading, `"both"` (default) both. The socket is not closed.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const done = (sock: Socket.CopasSocket) => Socket.shutdown(sock, "send")
 * ```
 * @since 0.1.0
 * @category closing
 */
export const shutdown: {
  (how?: "send" | "receive" | "both"): (self: CopasSocket) => Effect.Effect<void>
  (self: CopasSocket, how?: "send" | "receive" | "both"): Effect.Effect<void>
} = dual(isSocketArg, (self: CopasSocket, how: "send" | "receive" | "both" = "both") =>
  Effect.sync(() => impl(self).shutdown(how)))

// ---- timeouts, names, options ----------------------------------------------------------------------

const timeoutMs = (t: Duration.DurationInput | null | undefined, what: string): number => {
  if (t === undefined || t === null) return Infinity
  const ms = toMillis(t, what)
  if (ms < 0) throw new RangeError(`${what} must be 'undefined' or a duration >= 0, got: ${ms}`)
  return ms
}

/**
 * Copas's `copas.settimeout(skt, t)`: sets the connect, send and receive timeouts at once.
 * `undefined`/`null` = no timeout (wait forever); 0 = no timeout, and `receive` returns on any
 * data (Copas). Negative or NaN is a defect.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const limit = (sock: Socket.CopasSocket) => Socket.setTimeout(sock, "2 seconds")
 * ```
 * @since 0.1.0
 * @category timeouts
 */
export const setTimeout: {
  (timeout: Duration.DurationInput | null | undefined): (self: CopasSocket) => Effect.Effect<void>
  (self: CopasSocket, timeout: Duration.DurationInput | null | undefined): Effect.Effect<void>
} = dual(2, (self: CopasSocket, timeout: Duration.DurationInput | null | undefined) =>
  Effect.sync(() => {
    const ms = timeoutMs(timeout, "timeout")
    const s = impl(self)
    s.connectTimeout = s.sendTimeout = s.receiveTimeout = ms
  }))

/**
 * Copas's `copas.settimeouts(skt, connect, send, receive)`: a key left out (or `undefined`)
 * leaves that timeout unchanged; `null` removes it.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const limits = (sock: Socket.CopasSocket) => Socket.setTimeouts(sock, { connect: "1 second", receive: "30 seconds" })
 * ```
 * @since 0.1.0
 * @category timeouts
 */
export const setTimeouts: {
  (timeouts: Timeouts): (self: CopasSocket) => Effect.Effect<void>
  (self: CopasSocket, timeouts: Timeouts): Effect.Effect<void>
} = dual(2, (self: CopasSocket, timeouts: Timeouts) =>
  Effect.sync(() => {
    const s = impl(self)
    if (timeouts.connect !== undefined) s.connectTimeout = timeoutMs(timeouts.connect, "connect timeout")
    if (timeouts.send !== undefined) s.sendTimeout = timeoutMs(timeouts.send, "send timeout")
    if (timeouts.receive !== undefined) s.receiveTimeout = timeoutMs(timeouts.receive, "read timeout")
  }))

/**
 * The three timeouts of {@link setTimeouts}.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const timeouts: Socket.Timeouts = { connect: "2 seconds", receive: null } // send: unchanged
 * const limit = (sock: Socket.CopasSocket) => Socket.setTimeouts(sock, timeouts)
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Timeouts {
  readonly connect?: Duration.DurationInput | null | undefined
  readonly send?: Duration.DurationInput | null | undefined
  readonly receive?: Duration.DurationInput | null | undefined
}

/**
 * The socket's timeouts in milliseconds (`Infinity` = none).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const t = (sock: Socket.CopasSocket) => Socket.getTimeouts(sock)
 * ```
 * @since 0.1.0
 * @category timeouts
 */
export const getTimeouts = (self: CopasSocket): Effect.Effect<{ connect: number; send: number; receive: number }> =>
  Effect.sync(() => {
    const s = impl(self)
    return { connect: s.connectTimeout, send: s.sendTimeout, receive: s.receiveTimeout }
  })

/**
 * Copas's `copas.setsocketname(name, skt)` (data-first here: socket, then name).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const named = (sock: Socket.CopasSocket) => Socket.setSocketName(sock, "upstream")
 * ```
 * @since 0.1.0
 * @category names
 */
export const setSocketName: {
  (name: string): (self: CopasSocket) => Effect.Effect<void>
  (self: CopasSocket, name: string): Effect.Effect<void>
} = dual(2, (self: CopasSocket, name: string) =>
  Effect.sync(() => {
    if (!isSocket(self)) throw new TypeError("expected arg #2 to be a socket")
    if (typeof name !== "string") throw new TypeError("expected arg #1 to be a string")
    impl(self).name = name
  }))

/**
 * Copas's `copas.getsocketname(skt)`.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const name = (sock: Socket.CopasSocket) => Socket.getSocketName(sock)
 * ```
 * @since 0.1.0
 * @category names
 */
export const getSocketName = (self: CopasSocket): Effect.Effect<string> =>
  Effect.sync(() => {
    if (!isSocket(self)) throw new TypeError("expected arg #1 to be a socket")
    return impl(self).name
  })

/**
 * Sets how strings are decoded/encoded (`"utf8"` or `"latin1"`).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const bytesAsText = (sock: Socket.CopasSocket) => Socket.setEncoding(sock, "latin1")
 * ```
 * @since 0.1.0
 * @category options
 */
export const setEncoding: {
  (encoding: Encoding): (self: CopasSocket) => Effect.Effect<void>
  (self: CopasSocket, encoding: Encoding): Effect.Effect<void>
} = dual(2, (self: CopasSocket, encoding: Encoding) => Effect.sync(() => setEnc(impl(self), encoding)))

/**
 * Sets the longest line `receive("*l")` accepts.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const strict = (sock: Socket.CopasSocket) => Socket.setMaxLineLength(sock, 8192)
 * ```
 * @since 0.1.0
 * @category options
 */
export const setMaxLineLength: {
  (bytes: number): (self: CopasSocket) => Effect.Effect<void>
  (self: CopasSocket, bytes: number): Effect.Effect<void>
} = dual(2, (self: CopasSocket, bytes: number) => Effect.sync(() => setMax(impl(self), bytes)))

const endpointOf = (self: CopasSocket, which: "local" | "remote", op: string): Effect.Effect<Endpoint, SocketError> =>
  Effect.suspend(() => {
    const s = impl(self)
    // closed: the same answer on every network and kind (a closed dgram socket throws, a closed
    // net.Socket forgets its addresses, the memory network would still know them)
    if (s.closed) return Effect.fail(new SocketError({ operation: op, code: "EBADF", detail: "closed" }))
    let e: Endpoint | undefined
    try {
      e = s.endpoint(which)
    } catch (err) {
      // a wrapped dgram socket that is not bound (or closed behind our back): Node throws
      const c = err as { code?: string; message?: string }
      return Effect.fail(new SocketError({ operation: op, code: c?.code, detail: c?.message ?? String(err), cause: err }))
    }
    return e === undefined
      ? Effect.fail(new SocketError({ operation: op, code: "ENOTCONN", detail: "not connected" }))
      : Effect.succeed(e)
  })

/**
 * LuaSocket's `getpeername`: the remote address and port. `SocketError` when not connected
 * (`ENOTCONN`) or closed (`EBADF`).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const peer = (sock: Socket.CopasSocket) => Socket.getPeerName(sock)
 * ```
 * @since 0.1.0
 * @category names
 */
export const getPeerName = (self: CopasSocket): Effect.Effect<Endpoint, SocketError> =>
  endpointOf(self, "remote", "getpeername")

/**
 * LuaSocket's `getsockname`: the local address and port. `SocketError` when closed (`EBADF`).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const local = (sock: Socket.CopasSocket) => Socket.getSockName(sock)
 * ```
 * @since 0.1.0
 * @category names
 */
export const getSockName = (self: CopasSocket): Effect.Effect<Endpoint, SocketError> =>
  endpointOf(self, "local", "getsockname")

/**
 * LuaSocket's `getstats`: bytes received and sent, and the age in seconds.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const stats = (sock: Socket.CopasSocket) => Socket.getStats(sock)
 * ```
 * @since 0.1.0
 * @category options
 */
export const getStats = (self: CopasSocket): Effect.Effect<Stats> => Effect.sync(() => impl(self).stats())

/**
 * Socket options (LuaSocket's `setoption`) that Node has: `"tcp-nodelay"`/`"nodelay"`,
 * `"keepalive"` (applied now, or at connect); `"reuseaddr"` is accepted (Node listeners always use
 * SO_REUSEADDR). `"linger"` and anything else fail with `SocketError` "not supported".
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const option: Socket.OptionName = "keepalive"
 * const keepAlive = (sock: Socket.CopasSocket) => Socket.setOption(sock, option, true)
 * ```
 * @since 0.1.0
 * @category models
 */
export type OptionName = "tcp-nodelay" | "nodelay" | "keepalive" | "reuseaddr" | "linger"

/**
 * LuaSocket's `setoption(name, value)`.
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const fast = (sock: Socket.CopasSocket) => Socket.setOption(sock, "tcp-nodelay", true)
 * ```
 * @since 0.1.0
 * @category options
 */
export const setOption: {
  (name: OptionName, value: unknown): (self: CopasSocket) => Effect.Effect<void, SocketError>
  (self: CopasSocket, name: OptionName, value: unknown): Effect.Effect<void, SocketError>
} = dual(3, (self: CopasSocket, name: OptionName, value: unknown) =>
  Effect.suspend(() => {
    const s = impl(self)
    const key = name === "tcp-nodelay" ? "nodelay" : name
    if (key !== "nodelay" && key !== "keepalive" && key !== "reuseaddr") {
      return Effect.fail(new SocketError({ operation: "setoption", detail: `option not supported: ${String(name)}` }))
    }
    if (key !== "reuseaddr" && s.conn !== undefined) {
      const c = s.conn
      const supported = key === "nodelay" ? c.setNoDelay !== undefined : c.setKeepAlive !== undefined
      if (!supported && s.tlsSocket === undefined) {
        return Effect.fail(new SocketError({ operation: "setoption", detail: `option not supported by this network: ${name}` }))
      }
    }
    s.setOption(key, !!value)
    s.applyOptions()
    return Effect.void
  }))

/**
 * LuaSocket's `getoption(name)`: the value set, as a boolean (`undefined` if never set).
 * @example
 * ```ts
 * import * as Socket from "effect-copas/Socket"
 * const nodelay = (sock: Socket.CopasSocket) => Socket.getOption(sock, "tcp-nodelay")
 * ```
 * @since 0.1.0
 * @category options
 */
export const getOption: {
  (name: OptionName): (self: CopasSocket) => Effect.Effect<unknown, SocketError>
  (self: CopasSocket, name: OptionName): Effect.Effect<unknown, SocketError>
} = dual(2, (self: CopasSocket, name: OptionName) =>
  Effect.suspend(() => {
    const key = name === "tcp-nodelay" ? "nodelay" : name
    if (key !== "nodelay" && key !== "keepalive" && key !== "reuseaddr") {
      return Effect.fail(new SocketError({ operation: "getoption", detail: `option not supported: ${String(name)}` }))
    }
    const value = impl(self).getOption(key)
    return Effect.succeed(key === "reuseaddr" ? value ?? true : value)
  }))

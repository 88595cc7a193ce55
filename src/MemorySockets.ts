/**
 * An in-memory network: TCP-like streams and UDP-like datagrams between sockets of one process,
 * with no real socket and no real timer. Provide {@link layer} instead of `NodeSockets.layer` and a
 * server and its clients run in one test, under `TestClock`, deterministically.
 *
 * What it models (and how it differs from a real network, on purpose):
 *
 * - **Addresses.** Every address you listen or bind on exists (a virtual interface). Loopback
 *   (`127.0.0.1`, `::1`, `localhost`) always exists; more hosts and host names can be declared with
 *   `make({ hosts, names })`. A connect to an existing address where nothing listens fails with
 *   `ConnectError` reason `"refused"`; to an IP address that does not exist with reason
 *   `"unreachable"`; to a host name that is not declared with reason `"dns"`. Wildcards are Linux's:
 *   a listener on `"*"` is on `::` (dual stack: it accepts IPv4 clients too, and its accepted
 *   connections see them as `::ffff:127.0.0.1`), one on `0.0.0.0` accepts IPv4 only (`::1` may
 *   listen on the same port); a listen on a name that does not resolve fails as `getaddrinfo` does
 *   (`SocketError` "listen", `ENOTFOUND`).
 * - **Streams.** A connection is a pair of Node `Duplex` objects. Bytes arrive asynchronously (in
 *   `setImmediate`, never inside `write`), in order, byte exact, with real back-pressure: a side
 *   that does not read holds at most `highWaterMark` bytes in its receive buffer, the network holds
 *   at most `highWaterMark` more (the send buffer), then the writer's own buffer fills and its
 *   `write()` returns `false` until the reader consumes ('drain'). `end()` is
 *   a half-close (the other direction keeps working); `destroy()` closes (the peer reads EOF, its
 *   later writes fail with `EPIPE`); `destroy(err)` is a reset (the peer gets an `ECONNRESET`
 *   'error', then 'close').
 * - **Listeners.** A connect completes as soon as the listener has room in its backlog, like a
 *   kernel; `pause()` keeps accepted connections queued (nothing is dropped) until `resume()`.
 *   Beyond the backlog, connects wait. `close()` resets the queued connections and fails the
 *   waiting connects with "refused".
 * - **Datagrams.** `send` delivers one datagram whole to the socket bound at the destination (or
 *   drops it silently if there is none, or if that socket is connected to another peer), up to the
 *   IP maximum payload (65507 bytes on IPv4, 65527 on IPv6; bigger fails with `EMSGSIZE`).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as MemorySockets from "effect-copas/MemorySockets"
 *
 * const program = Effect.gen(function*() {
 *   const network = yield* MemorySockets.make()
 *   const listener = yield* network.listen({ port: 0 }, (conn) => conn.pipe(conn)) // an echo
 *   const client = yield* network.connect({ host: "127.0.0.1", port: listener.local.port })
 *   client.write("hello")
 * })
 * ```
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { isIP } from "node:net"
import { Duplex } from "node:stream"
import { ConnectError, SocketError } from "./Errors.js"
import { asyncCancel } from "./internal/primitive.js"
import { errorGuard } from "./internal/socket.js"
import type {
  ConnectOptions,
  DatagramTransport,
  Endpoint,
  Listener,
  ListenOptions,
  Network,
  StreamConn,
  UdpOptions
} from "./internal/transport.js"
import { Sockets } from "./Socket.js"

// ---- options ------------------------------------------------------------------------------------

/**
 * Options of {@link make} and {@link layerWith}.
 *
 * @example
 * ```ts
 * import * as MemorySockets from "effect-copas/MemorySockets"
 * const options: MemorySockets.Options = {
 *   highWaterMark: 4096,
 *   hosts: ["10.0.0.1"],
 *   names: { "mail.example.test": "10.0.0.1" }
 * }
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /**
   * The size in bytes of each side's receive buffer and send buffer (Node's `highWaterMark` of
   * the two halves of the Duplex). Default 16384, as `net.Socket`.
   */
  readonly highWaterMark?: number | undefined
  /** IP addresses that exist besides loopback and the addresses listened or bound on */
  readonly hosts?: ReadonlyArray<string> | undefined
  /** host names and the address each resolves to (`localhost` is always `127.0.0.1`) */
  readonly names?: Readonly<Record<string, string>> | undefined
}

/** Default send/receive buffer size (bytes), the same as `net.Socket`'s. */
const DEFAULT_HWM = 16384
/** Default listen backlog, as Node's. */
const DEFAULT_BACKLOG = 511
/** First ephemeral port (IANA dynamic range). */
const EPHEMERAL_FIRST = 49152
const EPHEMERAL_LAST = 65535
/** Largest UDP payload per family. */
const MAX_DATAGRAM_V4 = 65507
const MAX_DATAGRAM_V6 = 65527

// ---- errors as Node makes them ------------------------------------------------------------------

const ERRNO: Record<string, number> = { ECONNRESET: -104, EPIPE: -32 }

/** An `Error` shaped as Node's system errors (`code`, `errno`, `syscall`). */
const nodeError = (code: string, syscall: string): NodeJS.ErrnoException => {
  const e: NodeJS.ErrnoException = new Error(`${syscall} ${code}`)
  e.code = code
  e.syscall = syscall
  if (ERRNO[code] !== undefined) e.errno = ERRNO[code]
  return e
}

// ---- streams ------------------------------------------------------------------------------------

type WriteCallback = (error?: Error | null) => void

type PipeOp =
  | { readonly kind: "data"; chunk: Buffer }
  | { readonly kind: "eof"; readonly cb: WriteCallback | undefined }

/**
 * One direction of a connection, modelled as TCP is: a send buffer (this queue, up to
 * `sendBuffer` bytes) feeding the reader's receive buffer (its `readableHighWaterMark`, a receive
 * window). A write is accepted at once (its callback runs, as a write to the kernel completes)
 * while the send buffer has room, else its callback waits; bytes move into the receive buffer
 * only while it is below its high-water mark. So a reader that does not read stops the bytes, the
 * send buffer fills, the writer's own buffer fills, and its `write()` returns false.
 */
class Pipe {
  private readonly queue: Array<PipeOp> = []
  /** bytes in the send buffer */
  private queued = 0
  /** the write waiting for room in the send buffer (Writable has at most one in flight) */
  private pending: WriteCallback | undefined
  private scheduled = false
  /** the reader's buffer is full; its `_read` unblocks */
  private blocked = false
  /** the reader is gone: data fails with EPIPE */
  closed = false
  /** EOF was queued (end() or a graceful destroy) */
  eofSent = false

  constructor(readonly reader: MemoryConn, readonly sendBuffer: number) {}

  data(chunk: Buffer, cb: WriteCallback): void {
    if (this.closed) {
      // asynchronously, as a socket reports a failed write
      setImmediate(() => cb(nodeError("EPIPE", "write")))
      return
    }
    this.queue.push({ kind: "data", chunk })
    this.queued += chunk.length
    this.schedule()
    if (this.queued <= this.sendBuffer) cb()
    else this.pending = cb
  }

  eof(cb: WriteCallback | undefined): void {
    if (this.eofSent || this.closed) {
      if (cb) setImmediate(cb)
      return
    }
    this.eofSent = true
    this.queue.push({ kind: "eof", cb })
    this.schedule()
  }

  /** the writer was reset: nothing more is delivered */
  drop(): void {
    this.queue.length = 0
    this.queued = 0
    this.pending = undefined
  }

  /** the reader went away: what was sent is lost, a waiting write fails */
  close(): void {
    if (this.closed) return
    this.closed = true
    const ops = this.queue.splice(0)
    this.queued = 0
    const pending = this.pending
    this.pending = undefined
    setImmediate(() => {
      pending?.(nodeError("EPIPE", "write"))
      for (const op of ops) if (op.kind === "eof") op.cb?.()
    })
  }

  /** the reader wants more (its `_read`) */
  unblock(): void {
    if (this.blocked) {
      this.blocked = false
      this.schedule()
    }
  }

  private schedule(): void {
    if (this.scheduled || this.blocked || this.queue.length === 0) return
    this.scheduled = true
    setImmediate(this.flush)
  }

  private readonly flush = (): void => {
    this.scheduled = false
    const reader = this.reader
    while (this.queue.length > 0 && !this.blocked && !this.closed) {
      const op = this.queue[0]!
      if (op.kind === "eof") {
        this.queue.shift()
        if (!reader.destroyed) reader.push(null)
        op.cb?.()
        continue
      }
      const room = reader.readableHighWaterMark - reader.readableLength
      if (room <= 0 && op.chunk.length > 0) {
        this.blocked = true
        break
      }
      let piece = op.chunk
      if (piece.length > room) {
        op.chunk = piece.subarray(room)
        piece = piece.subarray(0, room)
      } else {
        this.queue.shift()
      }
      this.queued -= piece.length
      reader.bytesRead += piece.length
      // push() may run the reader's 'data' handlers right here: that is the reader's turn, not
      // re-entrancy in the writer (whose write() returned long ago)
      if (!reader.push(piece)) this.blocked = true
      this.release()
    }
  }

  private release(): void {
    if (this.pending !== undefined && this.queued <= this.sendBuffer && !this.closed) {
      const cb = this.pending
      this.pending = undefined
      cb()
    }
  }
}

/**
 * Endpoint fields of one side of a connection, as `net.Socket` has them.
 * @internal
 */
interface Ends {
  readonly local: Endpoint
  readonly remote: Endpoint
}

/**
 * One side of an in-memory connection: a `Duplex` with `net.Socket`'s endpoint fields,
 * `bytesRead`/`bytesWritten`, and `setNoDelay`/`setKeepAlive` (remembered, no effect).
 *
 * @example
 * ```ts
 * import * as MemorySockets from "effect-copas/MemorySockets"
 * const [a, b] = MemorySockets.pair()
 * b.on("data", (chunk) => console.log(String(chunk), b.remotePort === a.localPort))
 * a.end("hi")
 * ```
 * @since 0.1.0
 * @category models
 */
export class MemoryConn extends Duplex {
  readonly localAddress: string
  readonly localPort: number
  readonly localFamily: "IPv4" | "IPv6"
  readonly remoteAddress: string
  readonly remotePort: number
  readonly remoteFamily: "IPv4" | "IPv6"
  /** bytes taken into this side's receive buffer */
  bytesRead = 0
  /** bytes handed to this side's `write` and accepted by the network */
  bytesWritten = 0
  /** the last value given to `setNoDelay` (default false, as `net.Socket`) */
  noDelay = false
  /** the last values given to `setKeepAlive` */
  keepAlive = false
  keepAliveInitialDelay = 0
  /** @internal */
  peer: MemoryConn | null = null
  /** @internal this side → peer */
  out!: Pipe
  /** @internal peer → this side */
  in!: Pipe
  /** @internal called once on 'close' (frees the port) */
  onGone: (() => void) | undefined

  constructor(ends: Ends, highWaterMark: number) {
    super({ allowHalfOpen: true, highWaterMark, decodeStrings: true })
    this.localAddress = ends.local.address
    this.localPort = ends.local.port
    this.localFamily = ends.local.family
    this.remoteAddress = ends.remote.address
    this.remotePort = ends.remote.port
    this.remoteFamily = ends.remote.family
    this.once("close", () => {
      const f = this.onGone
      this.onGone = undefined
      f?.()
    })
  }

  setNoDelay(noDelay = true): this {
    this.noDelay = noDelay
    return this
  }

  setKeepAlive(enable = false, initialDelay = 0): this {
    this.keepAlive = enable
    this.keepAliveInitialDelay = initialDelay
    return this
  }

  /** no event loop handle to keep alive or release: accepted for `net.Socket` compatibility */
  ref(): this {
    return this
  }

  unref(): this {
    return this
  }

  /** `net.Socket`'s `address()`: the local endpoint */
  address(): { address: string; port: number; family: string } {
    return { address: this.localAddress, port: this.localPort, family: this.localFamily }
  }

  override _read(): void {
    this.in.unblock()
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, cb: WriteCallback): void {
    this.bytesWritten += chunk.length
    this.out.data(chunk, cb)
  }

  override _writev(chunks: Array<{ chunk: Buffer; encoding: BufferEncoding }>, cb: WriteCallback): void {
    const chunk = chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk))
    this.bytesWritten += chunk.length
    this.out.data(chunk, cb)
  }

  override _final(cb: WriteCallback): void {
    // 'finish' once the peer has taken the EOF (after all data)
    this.out.eof(() => cb())
  }

  /**
   * Resets the connection without an 'error' on this side (the peer gets ECONNRESET): what the
   * network does to a connection nobody accepted, or at shutdown.
   */
  abort(): void {
    this.aborting = true
    this.destroy()
  }

  /**
   * node:net's `resetAndDestroy`: {@link abort} under the name code written for real sockets
   * calls (an ftp upload whose source failed resets its data connection: with a plain `destroy`
   * the peer would see an end, the truncated file complete).
   */
  resetAndDestroy(): this {
    this.abort()
    return this
  }

  private aborting = false

  override _destroy(error: Error | null, cb: (error?: Error | null) => void): void {
    const peer = this.peer
    this.peer = null
    // what the peer still sends has nowhere to go
    this.in.close()
    if (peer !== null) {
      if (error || this.aborting) {
        // a reset overtakes the data in flight
        this.out.drop()
        this.out.closed = true
        setImmediate(() => peer.reset())
      } else {
        // a close: data already written is delivered, then EOF
        this.out.eof(undefined)
      }
    }
    cb(error)
  }

  /** @internal the peer reset the connection */
  reset(): void {
    if (this.destroyed) return
    this.peer = null
    this.out.close()
    this.destroy(nodeError("ECONNRESET", "read"))
  }
}

const familyOf = (address: string): "IPv4" | "IPv6" => (isIP(address) === 6 ? "IPv6" : "IPv4")

/**
 * A connected pair of in-memory stream ends, outside any network: what `connect` and `listen`
 * hand out, for testing code that takes a `Duplex`.
 *
 * @example
 * ```ts
 * import * as MemorySockets from "effect-copas/MemorySockets"
 * const [client, server] = MemorySockets.pair({ highWaterMark: 1024 })
 * server.on("data", (chunk) => server.write(chunk)) // echo
 * client.write("ping")
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const pair = (options?: {
  readonly highWaterMark?: number | undefined
  readonly a?: Endpoint | undefined
  readonly b?: Endpoint | undefined
}): [MemoryConn, MemoryConn] => {
  const hwm = options?.highWaterMark ?? DEFAULT_HWM
  const a = options?.a ?? { address: "127.0.0.1", port: 50000, family: "IPv4" as const }
  const b = options?.b ?? { address: "127.0.0.1", port: 50001, family: "IPv4" as const }
  return makePair(a, b, hwm)
}

/** An IPv4 endpoint as a dual-stack (`::`) socket sees it: `::ffff:127.0.0.1`. */
const v4Mapped = (e: Endpoint): Endpoint =>
  e.family === "IPv4" ? { address: `::ffff:${e.address}`, port: e.port, family: "IPv6" } : e

/** `mapped`: `b` is accepted by a dual-stack listener and sees both ends as IPv6, as on Linux */
const makePair = (a: Endpoint, b: Endpoint, hwm: number, mapped = false): [MemoryConn, MemoryConn] => {
  const ca = new MemoryConn({ local: a, remote: b }, hwm)
  const cb = new MemoryConn(mapped ? { local: v4Mapped(b), remote: v4Mapped(a) } : { local: b, remote: a }, hwm)
  // as NodeSockets does: a reset before anyone listens cannot crash the process; the error stays
  // readable as `errored` and is still emitted to every other 'error' listener
  ca.on("error", errorGuard)
  cb.on("error", errorGuard)
  const ab = new Pipe(cb, hwm)
  const ba = new Pipe(ca, hwm)
  ca.peer = cb
  cb.peer = ca
  ca.out = ab
  ca.in = ba
  cb.out = ba
  cb.in = ab
  return [ca, cb]
}

// ---- the network ----------------------------------------------------------------------------------

const WILDCARD = "*"

/**
 * An in-memory network (the value of the `Sockets` service when {@link layer} is used), with a
 * few extras for tests.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as MemorySockets from "effect-copas/MemorySockets"
 * Effect.gen(function*() {
 *   const network = yield* MemorySockets.make()
 *   yield* network.udp({ host: "127.0.0.1", port: 5353 })
 *   console.log(network.bound()) // [{ protocol: "udp", address: "127.0.0.1", port: 5353, ... }]
 * })
 * ```
 * @since 0.1.0
 * @category models
 */
export interface MemoryNetwork extends Network {
  readonly kind: "memory"
  /** what is listening or bound right now */
  bound(): Array<Endpoint & { readonly protocol: "tcp" | "udp" }>
  /** connections currently open (each side counts once) */
  openConnections(): number
  /** closes every listener, datagram socket and connection (each side just gets 'close'); the layer does this at its end */
  shutdown(): void
}

interface ListenerImpl extends Listener {
  readonly host: string
  readonly backlog: number
  paused: boolean
  closed: boolean
  /** accepted by the "kernel", not yet handed to onConnection */
  readonly queue: Array<MemoryConn>
  /** connect attempts waiting for room in the backlog */
  readonly waiting: Array<() => void>
  drain(): void
}

class Net implements MemoryNetwork {
  readonly kind = "memory" as const
  private readonly hwm: number
  private readonly hosts = new Set<string>(["127.0.0.1", "::1"])
  private readonly names = new Map<string, string>([["localhost", "127.0.0.1"]])
  /** `${host} ${port}` → listener; host `0.0.0.0` is every IPv4 address, `::` every address */
  private readonly listeners = new Map<string, ListenerImpl>()
  private readonly datagrams = new Map<string, UdpImpl>()
  /** tcp ports of connections per host (ephemeral local ends) */
  private readonly connPorts = new Map<string, Set<number>>()
  private readonly conns = new Set<MemoryConn>()
  private nextPort = EPHEMERAL_FIRST

  constructor(options?: Options) {
    this.hwm = options?.highWaterMark ?? DEFAULT_HWM
    if (!(Number.isInteger(this.hwm) && this.hwm > 0)) {
      throw new RangeError(`highWaterMark must be a positive integer, got: ${this.hwm}`)
    }
    for (const h of options?.hosts ?? []) {
      if (isIP(h) === 0) throw new TypeError(`hosts must be IP addresses, got: ${h}`)
      this.hosts.add(h)
    }
    for (const [name, address] of Object.entries(options?.names ?? {})) {
      if (isIP(address) === 0) throw new TypeError(`names must map to IP addresses, got: ${name} → ${address}`)
      this.names.set(name.toLowerCase(), address)
      this.hosts.add(address)
    }
  }

  // -- addresses

  /** an IP address, or undefined when the name is not known */
  private resolve(host: string): string | undefined {
    if (isIP(host) !== 0) return host
    return this.names.get(host.toLowerCase())
  }

  /**
   * The address a listen or bind is on, as Node's: `"*"` is `star` (a TCP listener: `::`, dual
   * stack; UDP: `0.0.0.0` for IPv4); a name that does not resolve fails as `getaddrinfo` does.
   */
  private bindHost(
    host: string | undefined,
    family: 4 | 6 | undefined,
    fallback: string,
    star: string,
    operation: "listen" | "bind"
  ): string | SocketError {
    if (host === undefined) return family === 6 ? "::" : fallback
    if (host === WILDCARD) return star
    if (host === "0.0.0.0" || host === "::") return host
    const ip = this.resolve(host)
    if (ip === undefined) {
      return new SocketError({ operation, code: "ENOTFOUND", detail: `getaddrinfo ENOTFOUND ${host}` })
    }
    // any address bound on becomes an interface of this network
    this.hosts.add(ip)
    return ip
  }

  private isWildcard(host: string): boolean {
    return host === "0.0.0.0" || host === "::"
  }

  /**
   * Whether a listener (or a connection's local end) may take `host:port`, as on Linux: `::` (dual
   * stack) takes the port on every address, `0.0.0.0` on every IPv4 address (an IPv6 address may
   * still have it), any other address only its own.
   */
  private tcpPortFree(host: string, port: number): boolean {
    const ls = this.listeners
    if (ls.has(`:: ${port}`)) return false
    const v4 = familyOf(host) === "IPv4"
    if (this.isWildcard(host)) {
      for (const l of ls.values()) if (l.local.port === port && (host === "::" || familyOf(l.host) === "IPv4")) return false
      return true
    }
    if (v4 && ls.has(`0.0.0.0 ${port}`)) return false
    return !ls.has(`${host} ${port}`) && !(this.connPorts.get(host)?.has(port) ?? false)
  }

  private udpPortFree(host: string, port: number): boolean {
    if (this.datagrams.has(`${WILDCARD} ${port}`)) return false
    if (this.isWildcard(host)) {
      for (const u of this.datagrams.values()) if (u.port === port) return false
      return true
    }
    return !this.datagrams.has(`${host} ${port}`)
  }

  private ephemeral(free: (port: number) => boolean): number | undefined {
    const span = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1
    for (let i = 0; i < span; i++) {
      const p = this.nextPort
      this.nextPort = p === EPHEMERAL_LAST ? EPHEMERAL_FIRST : p + 1
      if (free(p)) return p
    }
    return undefined
  }

  /** who accepts a connect to `ip:port`: its own listener, else `0.0.0.0` (IPv4 only), else `::` */
  private findListener(ip: string, port: number): ListenerImpl | undefined {
    const ls = this.listeners
    return ls.get(`${ip} ${port}`) ??
      (familyOf(ip) === "IPv4" ? ls.get(`0.0.0.0 ${port}`) : undefined) ??
      ls.get(`:: ${port}`)
  }

  // -- streams

  connect(options: ConnectOptions): Effect.Effect<StreamConn, ConnectError | SocketError> {
    return asyncCancel<StreamConn, ConnectError | SocketError>((resume) => {
      const address = `${options.host}:${options.port}`
      let cancelled = false
      let unwait: (() => void) | undefined
      const fail = (reason: "refused" | "unreachable" | "dns", code: string) =>
        resume(Effect.fail(new ConnectError({ reason, address, code })))
      const attempt = (): void => {
        unwait = undefined
        if (cancelled) return
        let ip = this.resolve(options.host)
        if (ip === undefined) return fail("dns", "ENOTFOUND")
        // connecting to "any address" reaches this host, as on Linux
        if (ip === "0.0.0.0") ip = "127.0.0.1"
        else if (ip === "::") ip = "::1"
        if (!this.hosts.has(ip)) return fail("unreachable", "EHOSTUNREACH")
        const listener = this.findListener(ip, options.port)
        if (listener === undefined || listener.closed) return fail("refused", "ECONNREFUSED")
        if (listener.queue.length >= listener.backlog) {
          // the backlog is full: wait, as a SYN is retried
          const retry = (): void => attempt()
          listener.waiting.push(retry)
          unwait = () => {
            const i = listener.waiting.indexOf(retry)
            if (i >= 0) listener.waiting.splice(i, 1)
          }
          return
        }
        const localIp = options.localAddress !== undefined ? (this.resolve(options.localAddress) ?? ip) : ip
        let localPort = options.localPort ?? 0
        if (localPort === 0) {
          const p = this.ephemeral((port) => this.tcpPortFree(localIp, port))
          if (p === undefined) {
            return resume(Effect.fail(new SocketError({ operation: "connect", code: "EADDRNOTAVAIL", detail: "no free port" })))
          }
          localPort = p
        }
        const clientEnd: Endpoint = { address: localIp, port: localPort, family: familyOf(localIp) }
        const serverEnd: Endpoint = { address: ip, port: options.port, family: familyOf(ip) }
        // (an IPv4 client of a `::` listener: the accepted end sees `::ffff:` addresses, as on Linux)
        const [client, server] = makePair(clientEnd, serverEnd, this.hwm, listener.host === "::" && clientEnd.family === "IPv4")
        this.track(client, localIp, localPort)
        this.track(server, undefined, 0)
        listener.queue.push(server)
        listener.drain()
        resume(Effect.succeed(client))
      }
      setImmediate(attempt)
      return Effect.sync(() => {
        cancelled = true
        unwait?.()
      })
    })
  }

  private track(conn: MemoryConn, host: string | undefined, port: number): void {
    this.conns.add(conn)
    if (host !== undefined) {
      let ports = this.connPorts.get(host)
      if (ports === undefined) this.connPorts.set(host, ports = new Set())
      ports.add(port)
    }
    conn.onGone = () => {
      this.conns.delete(conn)
      if (host !== undefined) this.connPorts.get(host)?.delete(port)
    }
  }

  listen(options: ListenOptions, onConnection: (conn: StreamConn) => void): Effect.Effect<Listener, SocketError> {
    return Effect.suspend(() => {
      const host = this.bindHost(options.host, undefined, "127.0.0.1", "::", "listen")
      if (typeof host !== "string") return Effect.fail(host)
      let port = options.port
      if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) {
        return Effect.fail(new SocketError({ operation: "listen", code: "ERR_SOCKET_BAD_PORT", detail: `bad port: ${port}` }))
      }
      if (port === 0) {
        const p = this.ephemeral((q) => this.tcpPortFree(host, q))
        if (p === undefined) {
          return Effect.fail(new SocketError({ operation: "listen", code: "EADDRINUSE", detail: "no free port" }))
        }
        port = p
      } else if (!this.tcpPortFree(host, port)) {
        return Effect.fail(
          new SocketError({ operation: "listen", code: "EADDRINUSE", detail: `listen EADDRINUSE: address already in use ${host}:${port}` })
        )
      }
      const key = `${host} ${port}`
      const listeners = this.listeners
      let scheduled = false
      const listener: ListenerImpl = {
        local: { address: host, port, family: familyOf(host) },
        host,
        backlog: Math.max(1, options.backlog ?? DEFAULT_BACKLOG),
        paused: false,
        closed: false,
        queue: [],
        waiting: [],
        pause() {
          listener.paused = true
        },
        resume() {
          if (!listener.paused) return
          listener.paused = false
          listener.drain()
        },
        drain() {
          if (scheduled) return
          scheduled = true
          setImmediate(() => {
            scheduled = false
            while (!listener.closed && !listener.paused && listener.queue.length > 0) {
              const conn = listener.queue.shift()!
              // a connection reset while queued is still handed out, as accept() returns it
              onConnection(conn)
            }
            // room in the backlog again: let waiting connects in
            while (listener.waiting.length > 0 && listener.queue.length < listener.backlog && !listener.closed) {
              listener.waiting.shift()!()
            }
          })
        },
        close() {
          return Effect.sync(() => {
            if (listener.closed) return
            listener.closed = true
            if (listeners.get(key) === listener) listeners.delete(key)
            // connections the "kernel" accepted but nobody took are reset
            for (const conn of listener.queue.splice(0)) conn.abort()
            // waiting connects now find nobody listening: refused
            for (const retry of listener.waiting.splice(0)) setImmediate(retry)
          })
        }
      }
      listeners.set(key, listener)
      return Effect.succeed(listener)
    })
  }

  // -- datagrams

  udp(options: UdpOptions): Effect.Effect<DatagramTransport, SocketError> {
    return Effect.suspend(() => {
      const host = this.bindHost(options.host, options.family, "0.0.0.0", options.family === 6 ? "::" : "0.0.0.0", "bind")
      if (typeof host !== "string") return Effect.fail(host)
      let port = options.port ?? 0
      if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) {
        return Effect.fail(new SocketError({ operation: "bind", code: "ERR_SOCKET_BAD_PORT", detail: `bad port: ${port}` }))
      }
      if (port === 0) {
        const p = this.ephemeral((q) => this.udpPortFree(host, q))
        if (p === undefined) return Effect.fail(new SocketError({ operation: "bind", code: "EADDRINUSE", detail: "no free port" }))
        port = p
      } else if (!this.udpPortFree(host, port)) {
        return Effect.fail(
          new SocketError({ operation: "bind", code: "EADDRINUSE", detail: `address already in use ${host}:${port}` })
        )
      }
      const key = `${this.isWildcard(host) ? WILDCARD : host} ${port}`
      const u = new UdpImpl(this, host, port, () => {
        if (this.datagrams.get(key) === u) this.datagrams.delete(key)
      })
      this.datagrams.set(key, u)
      return Effect.succeed(u)
    })
  }

  /** @internal resolves a destination for a datagram; undefined: a name that does not resolve */
  resolveDatagramHost(host: string): string | undefined {
    const ip = this.resolve(host)
    if (ip === "0.0.0.0") return "127.0.0.1"
    if (ip === "::") return "::1"
    return ip
  }

  /** @internal */
  deliver(data: Buffer, from: Endpoint, to: Endpoint): void {
    const target = this.datagrams.get(`${to.address} ${to.port}`) ?? this.datagrams.get(`${WILDCARD} ${to.port}`)
    // nobody bound there: dropped, as UDP does (no ICMP error is modelled)
    if (target === undefined) return
    target.receive(data, from)
  }

  // -- extras

  bound(): Array<Endpoint & { readonly protocol: "tcp" | "udp" }> {
    const out: Array<Endpoint & { readonly protocol: "tcp" | "udp" }> = []
    for (const l of this.listeners.values()) out.push({ protocol: "tcp", ...l.local })
    for (const u of this.datagrams.values()) out.push({ protocol: "udp", ...u.local() })
    return out
  }

  openConnections(): number {
    return this.conns.size
  }

  shutdown(): void {
    for (const l of [...this.listeners.values()]) Effect.runSync(l.close())
    for (const u of [...this.datagrams.values()]) u.close()
    // closed without an 'error' event: at shutdown nobody may be listening for one
    for (const c of [...this.conns]) c.abort()
  }
}

class UdpImpl implements DatagramTransport {
  private handler: ((data: Buffer, from: Endpoint) => void) | undefined
  /** datagrams that arrived before a handler was set */
  private early: Array<[Buffer, Endpoint]> = []
  private peer: Endpoint | undefined
  private closed = false
  readonly family: "IPv4" | "IPv6"

  constructor(
    private readonly net: Net,
    readonly host: string,
    readonly port: number,
    private readonly onClose: () => void
  ) {
    this.family = familyOf(host)
  }

  local(): Endpoint {
    return { address: this.host, port: this.port, family: this.family }
  }

  remote(): Endpoint | undefined {
    return this.peer
  }

  send(data: Uint8Array, port?: number, host?: string): Effect.Effect<void, SocketError> {
    return Effect.suspend(() => {
      if (this.closed) {
        return Effect.fail(new SocketError({ operation: "send", code: "ERR_SOCKET_DGRAM_NOT_RUNNING", detail: "Not running" }))
      }
      let to: Endpoint
      if (port === undefined) {
        if (this.peer === undefined) {
          return Effect.fail(new SocketError({ operation: "send", code: "EDESTADDRREQ", detail: "no destination (not connected)" }))
        }
        to = this.peer
      } else {
        // as node:dgram: a connected socket only sends to its peer, and port 0 is no destination
        if (this.peer !== undefined) {
          return Effect.fail(new SocketError({ operation: "send", code: "ERR_SOCKET_DGRAM_IS_CONNECTED", detail: "Already connected" }))
        }
        if (!(Number.isInteger(port) && port > 0 && port < 65536)) {
          return Effect.fail(new SocketError({ operation: "send", code: "ERR_SOCKET_BAD_PORT", detail: `Port should be > 0 and < 65536. Received ${port}.` }))
        }
        const ip = this.net.resolveDatagramHost(host ?? "127.0.0.1")
        if (ip === undefined) {
          return Effect.fail(new SocketError({ operation: "send", code: "ENOTFOUND", detail: `host not found: ${host}` }))
        }
        to = { address: ip, port, family: familyOf(ip) }
      }
      const max = to.family === "IPv6" ? MAX_DATAGRAM_V6 : MAX_DATAGRAM_V4
      if (data.length > max) {
        return Effect.fail(new SocketError({ operation: "send", code: "EMSGSIZE", detail: `message too long (${data.length} bytes)` }))
      }
      // the sender's address as the receiver sees it: a wildcard socket sends from the interface
      // that reaches the destination, which on one machine is the destination address
      const from: Endpoint = this.host === "0.0.0.0" || this.host === "::"
        ? { address: to.address, port: this.port, family: to.family }
        : this.local()
      const copy = Buffer.from(data)
      setImmediate(() => this.net.deliver(copy, from, to))
      return Effect.void
    })
  }

  connect(port: number, host: string): Effect.Effect<void, SocketError> {
    return Effect.suspend(() => {
      if (this.closed) {
        return Effect.fail(new SocketError({ operation: "connect", code: "ERR_SOCKET_DGRAM_NOT_RUNNING", detail: "Not running" }))
      }
      const ip = this.net.resolveDatagramHost(host)
      if (ip === undefined) {
        return Effect.fail(new SocketError({ operation: "connect", code: "ENOTFOUND", detail: `host not found: ${host}` }))
      }
      this.peer = { address: ip, port, family: familyOf(ip) }
      return Effect.void
    })
  }

  onMessage(handler: (data: Buffer, from: Endpoint) => void): void {
    this.handler = handler
    const early = this.early
    this.early = []
    for (const [data, from] of early) handler(data, from)
  }

  /** @internal */
  receive(data: Buffer, from: Endpoint): void {
    if (this.closed) return
    // a connected socket only hears its peer
    if (this.peer !== undefined && (this.peer.port !== from.port || this.peer.address !== from.address)) return
    if (this.handler === undefined) this.early.push([data, from])
    else this.handler(data, from)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.early = []
    this.onClose()
  }
}

// ---- constructors and layers --------------------------------------------------------------------

/**
 * A fresh in-memory network: its own address registry, nothing listening.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as MemorySockets from "effect-copas/MemorySockets"
 * Effect.gen(function*() {
 *   const network = yield* MemorySockets.make({ highWaterMark: 1024 })
 *   const refused = yield* Effect.flip(network.connect({ host: "127.0.0.1", port: 1 }))
 *   if (refused._tag === "ConnectError") console.log(refused.reason) // "refused"
 * })
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const make = (options?: Options): Effect.Effect<MemoryNetwork> => Effect.sync(() => new Net(options))

/**
 * Same as {@link make}, outside an Effect.
 *
 * @example
 * ```ts
 * import * as MemorySockets from "effect-copas/MemorySockets"
 * const network = MemorySockets.unsafeMake()
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const unsafeMake = (options?: Options): MemoryNetwork => new Net(options)

/**
 * The `Sockets` service on a fresh in-memory network with the given options. When the layer's
 * scope closes, everything still open on the network is closed.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as MemorySockets from "effect-copas/MemorySockets"
 * const TestLayer = Layer.merge(Copas.layer, MemorySockets.layerWith({ highWaterMark: 1024 }))
 * ```
 * @since 0.1.0
 * @category layers
 */
export const layerWith = (options?: Options): Layer.Layer<Sockets> =>
  Layer.scoped(
    Sockets,
    Effect.acquireRelease(make(options), (network) => Effect.sync(() => network.shutdown()))
  )

/**
 * The `Sockets` service on a fresh in-memory network (each time the layer is built): use it in
 * place of `NodeSockets.layer` to run servers and clients in one process, with no real sockets.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as MemorySockets from "effect-copas/MemorySockets"
 * const TestLayer = Layer.merge(Copas.layer, MemorySockets.layer)
 * ```
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Sockets> = layerWith()

/**
 * Copas's servers: `copas.addserver`, `copas.removeserver`, `copas.handler`.
 *
 * A TCP server runs one task per connection, named `<server>:handler_<n>`, with the accepted
 * socket (named `<server>:client_<n>`, inheriting the server's timeout, encoding and line limit).
 * When the handler ends — success, failure or interruption — the connection is closed if
 * `Copas.autoclose` was on when it was accepted. A failing handler reaches its error handler (with
 * the socket, for the traceback) and never affects other connections. A UDP server runs one task,
 * `<server>:handler`, with the server socket itself (its `close` does nothing, as in Copas).
 *
 * A registered server keeps the dispatcher's loop alive until {@link removeServer}.
 *
 * Beyond Copas: `maxConnections` (accepting pauses at the limit, nothing is dropped), graceful
 * removal with a drain deadline, TLS termination (`tls`), metrics, and a scoped {@link layer}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as NodeCopas from "effect-copas/NodeCopas"
 * import * as Server from "effect-copas/Server"
 * import * as Socket from "effect-copas/Socket"
 *
 * const echo = (sock: Socket.CopasSocket): Effect.Effect<void, Socket.ReceiveError> =>
 *   Socket.receive(sock).pipe(
 *     Effect.flatMap((line) => line === "quit" ? Effect.void : Effect.zipRight(Socket.send(sock, line + "\n"), echo(sock)))
 *   )
 *
 * Effect.runPromise(NodeCopas.run(Effect.gen(function*() {
 *   const server = yield* Server.addServer({ host: "127.0.0.1", port: 8080 }, echo, { timeout: "30 seconds" })
 *   yield* Effect.log(`listening on ${server.port}`)
 * }))) // runs until the server is removed
 * ```
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { type Pipeable, pipeArguments } from "effect/Pipeable"
import { dual } from "effect/Function"
import type * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as MetricLabel from "effect/MetricLabel"
import type * as Scope from "effect/Scope"
import * as net from "node:net"
import { Copas } from "./Copas.js"
import type { SocketError, TlsError } from "./Errors.js"
import * as dispatcher from "./internal/dispatcher.js"
import { TIMEOUT } from "./internal/heap.js"
import { fromServer } from "./internal/nodeNet.js"
import * as internal from "./internal/socket.js"
import type { Endpoint, Listener, Network, StreamConn } from "./internal/transport.js"
import { type CopasSocket, type Encoding, isSocket, Sockets, type TlsOptions } from "./Socket.js"
import * as Socket from "./Socket.js"

/**
 * The brand of a {@link CopasServer}.
 * @example
 * ```ts
 * import * as Server from "effect-copas/Server"
 * const looksLikeServer = (u: object) => Server.TypeId in u
 * ```
 * @since 0.1.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for("effect-copas/Server")
/**
 * The type of {@link TypeId}.
 * @example
 * ```ts
 * import * as Server from "effect-copas/Server"
 * const brand: Server.TypeId = Server.TypeId
 * ```
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/**
 * A registered server.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Server from "effect-copas/Server"
 * const describe = (s: Server.CopasServer) => Effect.log(`${s.name} on ${s.address}:${s.port}, ${s.connections} open`)
 * ```
 * @since 0.1.0
 * @category models
 */
export interface CopasServer extends Pipeable {
  readonly [TypeId]: TypeId
  readonly name: string
  readonly kind: "tcp" | "udp"
  /** the bound address (port 0 resolved to the real port) */
  readonly local: Endpoint
  readonly address: string
  readonly port: number
  /** connections open now (TCP) */
  readonly connections: number
  /** connections accepted so far */
  readonly accepted: number
  /** `true` after {@link removeServer} */
  readonly removed: boolean
}

/**
 * Where to listen: TCP by default, `udp: true` for a UDP server.
 * @example
 * ```ts
 * import * as Server from "effect-copas/Server"
 * const tcp: Server.ListenOptions = { host: "127.0.0.1", port: 0 }
 * const udp: Server.ListenOptions = { port: 0, udp: true }
 * ```
 * @since 0.1.0
 * @category models
 */
export interface ListenOptions {
  /** default "127.0.0.1"; "*" = all interfaces */
  readonly host?: string | undefined
  /** 0 = any free port (read it back from `server.port`) */
  readonly port: number
  readonly backlog?: number | undefined
  readonly udp?: boolean | undefined
}

/**
 * Options of {@link addServer}.
 * @example
 * ```ts
 * import * as Server from "effect-copas/Server"
 * const options: Server.ServerOptions = { name: "echo", timeout: "30 seconds", maxConnections: 1000, noDelay: true }
 * ```
 * @since 0.1.0
 * @category models
 */
export interface ServerOptions {
  /**
   * timeout of the server socket, inherited by every accepted client (connect, send, receive);
   * `0` means none, as a zero Copas timeout cancels the timer (for LuaSocket's "return what is
   * there" on a client, `Socket.setTimeout(sock, 0)` in the handler)
   */
  readonly timeout?: Duration.DurationInput | undefined
  readonly name?: string | undefined
  /**
   * TLS termination: each connection handshakes (server mode) before the handler runs. Options
   * that can never work (a missing file, a key that does not match its certificate, no
   * certificate) fail `addServer` with `TlsError` "params"
   */
  readonly tls?: TlsOptions | undefined
  /** at this many open connections accepting pauses (nothing is dropped) */
  readonly maxConnections?: number | undefined
  readonly encoding?: Encoding | undefined
  readonly maxLineLength?: number | undefined
  /**
   * TCP_NODELAY on every accepted connection, set at accept: what `setOption(skt, "tcp-nodelay",
   * true)` at the start of each handler does, without an Effect per connection
   */
  readonly noDelay?: boolean | undefined
}

/**
 * A connection handler.
 * @example
 * ```ts
 * import * as Server from "effect-copas/Server"
 * import * as Socket from "effect-copas/Socket"
 * const hello: Server.Handler<never> = (sock) => Socket.send(sock, "hello\n")
 * ```
 * @since 0.1.0
 * @category models
 */
export type Handler<R> = (socket: CopasSocket) => Effect.Effect<unknown, unknown, R>

// ---- metrics ------------------------------------------------------------------------------------

/**
 * The servers' metrics (Effect `Metric`s, tagged with `server` = the server's name; servers that
 * share a name add up, the open-connections gauge too). Byte counts are added when a connection
 * closes. Effect's metric registry keeps every tagged key for the life
 * of the process (~3 KB per server name): name servers that come and go on port 0 (the default
 * name holds the port).
 * @example
 * ```ts
 * import { Metric } from "effect"
 * import * as Server from "effect-copas/Server"
 * const open = Metric.value(Server.metrics.connectionsOpen)
 * ```
 * @since 0.1.0
 * @category metrics
 */
export const metrics = {
  connectionsOpen: Metric.gauge("copas_server_connections_open", { description: "open connections" }),
  connectionsAccepted: Metric.counter("copas_server_connections_accepted", {
    description: "connections accepted",
    incremental: true
  }),
  bytesIn: Metric.counter("copas_server_bytes_in", { description: "bytes received on closed connections", incremental: true }),
  bytesOut: Metric.counter("copas_server_bytes_out", { description: "bytes sent on closed connections", incremental: true }),
  handlerFailures: Metric.counter("copas_server_handler_failures", { description: "handlers that failed", incremental: true })
}

// ---- the server ---------------------------------------------------------------------------------

class ServerImpl implements CopasServer {
  pipe() {
    // (Pipeable, as Effect's data types: `x.pipe(Module.op(...))`)
    return pipeArguments(this, arguments)
  }
  readonly [TypeId]: TypeId = TypeId
  accepted = 0
  connections = 0
  removed = false
  limitPaused = false
  readonly tasks = new Set<dispatcher.TaskImpl>()
  emptyWaiters: Array<() => void> = []
  listener: Listener | undefined = undefined
  udpSocket: internal.SocketImpl | undefined = undefined
  hook: (() => void) | undefined = undefined
  labels: ReadonlyArray<MetricLabel.MetricLabel>
  handler!: Handler<unknown>
  options!: ServerOptions
  refs!: Parameters<dispatcher.Dispatcher["spawn"]>[2]
  flags!: Parameters<dispatcher.Dispatcher["spawn"]>[3]
  timeoutMs = Infinity

  constructor(
    readonly d: dispatcher.Dispatcher,
    readonly network: Network | undefined,
    public name: string,
    readonly kind: "tcp" | "udp",
    readonly local: Endpoint
  ) {
    this.labels = [MetricLabel.make("server", name)]
  }
  get address(): string {
    return this.local.address
  }
  get port(): number {
    return this.local.port
  }
  toString(): string {
    return this.name
  }
  toJSON(): unknown {
    return { _id: "CopasServer", name: this.name, kind: this.kind, address: this.address, port: this.port }
  }

  private prefixOf: string | undefined = undefined
  private prefix = ""
  private handlerPrefix = ""
  /** `<name>:client_` (and `<name>:handler_`), made once per server name (not once per connection) */
  private clientPrefix(): string {
    if (this.prefixOf !== this.name) {
      this.prefixOf = this.name
      this.prefix = `${this.name}:client_`
      this.handlerPrefix = `${this.name}:handler_`
    }
    return this.prefix
  }

  taskDone(task: dispatcher.TaskImpl): void {
    this.tasks.delete(task)
    if (this.tasks.size === 0 && this.emptyWaiters.length > 0) {
      const ws = this.emptyWaiters
      this.emptyWaiters = []
      for (const w of ws) w()
    }
  }

  onConnection = (conn: StreamConn): void => {
    const n = ++this.accepted
    const d = this.d
    const s = new internal.SocketImpl(d, this.network, "tcp", "")
    s.nameAs(this.clientPrefix(), n)
    s.serverSide = true
    s.connectTimeout = s.sendTimeout = s.receiveTimeout = this.timeoutMs
    if (this.options.encoding !== undefined) s.encoding = this.options.encoding
    if (this.options.maxLineLength !== undefined) s.maxLineLength = this.options.maxLineLength
    s.attach(conn)
    if (this.options.noDelay === true) {
      s.setOption("nodelay", true)
      s.applyOptions()
    }
    this.connections++
    metrics.connectionsAccepted.unsafeUpdate(1, this.labels)
    // (a delta, not `this.connections`: servers may share a name, their gauge is the sum)
    metrics.connectionsOpen.unsafeModify(1, this.labels)
    const max = this.options.maxConnections
    if (max !== undefined && this.connections >= max && !this.limitPaused) {
      this.limitPaused = true
      this.listener?.pause()
    }
    s.closeListener = this
    const task = d.spawn(this.runHandler(s, false), undefined, this.refs, this.flags)
    // (the fiber starts on the next round: the task is set up before it runs)
    task.nameAs(this.handlerPrefix, n)
    task.socket = s
    this.tasks.add(task)
    if (d.autoclose) {
      // the socket closes when the task ends, then tells this server (`SocketImpl.taskExited`);
      // closing also wakes (drops) a wait the task left behind
      s.exitTask = task
      task.exitListener = s
    } else task.exitListener = this
  }

  /** A connection's socket closed (`closeListener`). */
  socketClosed(s: internal.SocketImpl): void {
    this.connections--
    metrics.connectionsOpen.unsafeModify(-1, this.labels)
    metrics.bytesIn.unsafeUpdate(s.bytesIn, this.labels)
    metrics.bytesOut.unsafeUpdate(s.bytesOut, this.labels)
    const max = this.options.maxConnections
    if (this.limitPaused && (max === undefined || this.connections < max)) {
      this.limitPaused = false
      if (!this.removed) this.listener?.resume()
    }
  }

  /**
   * A connection's task ended (its `exitListener`, or its socket's after autoclose): the failure
   * metric from the fiber's exit (read here, in the exit listener the task has anyway: no observer
   * and no frame per connection).
   */
  taskExited(task: dispatcher.TaskImpl): void {
    const exit = task.fiber?.unsafePoll()
    if (exit != null && exit._tag === "Failure" && !Cause.isInterruptedOnly(exit.cause)) {
      metrics.handlerFailures.unsafeUpdate(1, this.labels)
    }
    this.taskDone(task)
  }

  runHandler(s: internal.SocketImpl, counted = true): Effect.Effect<unknown, unknown> {
    const tlsOpts = this.options.tls
    const h = tlsOpts !== undefined ? handler(this.handler, tlsOpts) : this.handler
    const run = Effect.suspend(() => h(s as unknown as CopasSocket)) as Effect.Effect<unknown, unknown>
    if (!counted) return run
    return Effect.tapErrorCause(
      run,
      (cause) =>
        Cause.isInterruptedOnly(cause)
          ? Effect.void
          : Effect.sync(() => metrics.handlerFailures.unsafeUpdate(1, this.labels))
    )
  }

  register(): void {
    this.forgetKept()
    this.removed = false
    this.d.servers++
    const hook = () => {
      this.stop(false)
    }
    this.hook = hook
    this.d.cancelHooks.add(hook)
  }

  /**
   * Stops accepting (closing the listener unless `keepOpen`). Again on a server removed with
   * `keepOpen`, it closes what was kept open (Copas: `removeserver` closes the socket).
   */
  stop(keepOpen: boolean): void {
    if (this.removed) {
      if (!keepOpen) this.closeKept()
      return
    }
    this.removed = true
    this.d.servers--
    if (this.hook !== undefined) this.d.cancelHooks.delete(this.hook)
    this.hook = undefined
    if (keepOpen) {
      this.listener?.pause()
      if (this.listener !== undefined || this.udpSocket !== undefined) {
        // what is kept open is closed with the dispatcher at the latest (scoped, as every socket)
        const kept = () => this.closeKept()
        this.kept = kept
        this.d.closeHooks.add(kept)
      }
    } else this.closeKept()
    this.d.requestCheck()
  }

  /** the close hook of a socket kept open by `removeServer(keepOpen)` */
  private kept: (() => void) | undefined = undefined
  private forgetKept(): void {
    if (this.kept !== undefined) this.d.closeHooks.delete(this.kept)
    this.kept = undefined
  }

  /** Closes the listening socket (or the UDP server socket), if still open. */
  private closeKept(): void {
    this.forgetKept()
    if (this.listener !== undefined) {
      const l = this.listener
      this.listener = undefined
      Effect.runSync(l.close())
    }
    if (this.udpSocket !== undefined) {
      this.udpSocket.noClose = false
      this.udpSocket.closeNow()
      this.udpSocket = undefined
    }
  }

  startUdpHandler(): void {
    const s = this.udpSocket!
    s.noClose = true
    if (this.timeoutMs !== Infinity) s.connectTimeout = s.sendTimeout = s.receiveTimeout = this.timeoutMs
    this.accepted++
    this.d.spawn(this.runHandler(s), `${this.name}:handler`, this.refs, this.flags, (task) => {
      task.socket = s
      this.tasks.add(task)
      task.onExit = [() => this.taskDone(task)]
    })
  }
}

const isServer = (u: unknown): u is ServerImpl => typeof u === "object" && u !== null && TypeId in u

/**
 * Whether `u` is a {@link CopasServer}.
 * @example
 * ```ts
 * import * as Server from "effect-copas/Server"
 * Server.isServer({}) // false
 * ```
 * @since 0.1.0
 * @category guards
 */
export { isServer }

const configure = (server: ServerImpl, handler: Handler<unknown>, options: ServerOptions, fiber: Fiber.RuntimeFiber<unknown, unknown>, flags: ServerImpl["flags"]) => {
  server.handler = handler
  server.options = options
  server.refs = dispatcher.fiberRefsOf(fiber)
  server.flags = flags
  if (options.timeout !== undefined) {
    const ms = dispatcher.toMillis(options.timeout, "timeout")
    if (ms < 0) throw new RangeError(`timeout must be 'undefined' or a duration >= 0, got: ${ms}`)
    server.timeoutMs = ms === 0 ? Infinity : ms
  }
  if (options.maxConnections !== undefined && !(options.maxConnections >= 1)) {
    throw new RangeError(`maxConnections must be >= 1, got: ${options.maxConnections}`)
  }
}

/**
 * Copas's `copas.addserver(server, handler, timeout, name)`: listens (TCP, or UDP with
 * `udp: true`) and runs `handler` for each connection as described in the module docs. Instead of
 * listen options, a bound UDP {@link CopasSocket}, a server kept open by {@link removeServer}, or a
 * `net.Server` of your own (listening, or listened on later; create it with `allowHalfOpen: true`
 * to keep half-close) can be given. Returns the server; `server.port` is the real port when 0 was
 * asked for. Fails with `SocketError` when it cannot listen, `TlsError` "params" when `tls` cannot
 * work (checked before listening).
 * @example
 * ```ts
 * import * as Server from "effect-copas/Server"
 * import * as Socket from "effect-copas/Socket"
 * const start = Server.addServer({ port: 0 }, (sock) => Socket.send(sock, "hello\n"), { name: "greeter" })
 * ```
 * @since 0.1.0
 * @category servers
 */
export const addServer = <R>(
  target: ListenOptions | CopasServer | CopasSocket | net.Server,
  handler: Handler<R>,
  options: ServerOptions = {}
): Effect.Effect<CopasServer, SocketError | TlsError, Copas | Sockets | R> =>
  Effect.flatMap(Copas, (d) =>
    Effect.withFiberRuntime<CopasServer, SocketError | TlsError, Sockets>((fiber, status) => {
      const f = fiber as Fiber.RuntimeFiber<unknown, unknown>
      if (typeof handler !== "function") return Effect.die(new TypeError("addServer: the handler must be a function"))
      const tlsOpts = options.tls
      const udp = isSocket(target) || (isServer(target) ? target.kind === "udp" : !!(target as ListenOptions).udp)
      if (tlsOpts !== undefined && !udp) {
        if (typeof tlsOpts !== "object" || tlsOpts === null) {
          return Effect.die(new TypeError(`ssl parameters; did not expect type ${typeof tlsOpts}`))
        }
        // before listening: a server that could never complete a handshake does not start
        const problem = internal.serverTlsProblem(tlsOpts)
        if (problem !== undefined) return Effect.fail(problem)
      }
      if (isServer(target)) {
        // Copas: adding a server again (kept open by removeServer) replaces its handler
        const srv = target
        // options not given again keep their value (as Copas keeps the server's timeout and name)
        const merged: Record<string, unknown> = { ...srv.options }
        for (const [k, v] of Object.entries(options)) if (v !== undefined) merged[k] = v
        configure(srv, handler as Handler<unknown>, merged as ServerOptions, f, status.runtimeFlags)
        if (options.name !== undefined) srv.name = options.name
        const max = srv.options.maxConnections
        srv.limitPaused = max !== undefined && srv.connections >= max
        if (srv.removed) {
          if (srv.listener === undefined && srv.udpSocket === undefined) {
            return Effect.die(new TypeError("addServer: this server was closed by removeServer"))
          }
          srv.register()
          if (srv.listener !== undefined && !srv.limitPaused) srv.listener.resume()
          if (srv.udpSocket !== undefined) srv.startUdpHandler()
        } else if (srv.listener !== undefined) {
          // (a new maxConnections applies at once)
          if (srv.limitPaused) srv.listener.pause()
          else srv.listener.resume()
        }
        return Effect.succeed(srv as CopasServer)
      }
      if (isSocket(target)) {
        const s = target as unknown as internal.SocketImpl
        if (s.kind !== "udp") return Effect.die(new TypeError("addServer: a socket given as server must be a bound UDP socket"))
        const local = s.endpoint("local")!
        const srv = new ServerImpl(d, s.network, options.name ?? `udp_server_${local.port}`, "udp", local)
        configure(srv, handler as Handler<unknown>, options, f, status.runtimeFlags)
        srv.udpSocket = s
        if (options.name !== undefined || s.name.startsWith("udp{")) s.name = srv.name
        srv.register()
        srv.startUdpHandler()
        return Effect.succeed(srv as CopasServer)
      }
      /** A TCP server on a listener; connections accepted before it exists wait for it. */
      const tcp = <E>(
        network: Network | undefined,
        listen: (onConnection: (conn: StreamConn) => void) => Effect.Effect<Listener, E>
      ): Effect.Effect<CopasServer, E> => {
        let srv: ServerImpl | undefined
        const pending: Array<StreamConn> = []
        return Effect.map(
          listen((conn) => {
            if (srv === undefined) pending.push(conn)
            else srv.onConnection(conn)
          }),
          (listener) => {
            const s = new ServerImpl(d, network, options.name ?? `tcp_server_${listener.local.port}`, "tcp", listener.local)
            configure(s, handler as Handler<unknown>, options, f, status.runtimeFlags)
            s.listener = listener
            s.register()
            srv = s
            for (const c of pending.splice(0)) s.onConnection(c)
            return s as CopasServer
          }
        )
      }
      if (target instanceof net.Server) {
        // a node:net server made by the caller (Copas's addserver(socket.bind(...)))
        return Effect.flatMap(Effect.serviceOption(Sockets), (netOpt) =>
          tcp(netOpt._tag === "Some" ? netOpt.value : undefined, (onConnection) => fromServer(target, onConnection))
        )
      }
      const o = target as ListenOptions
      if (typeof o !== "object" || o === null || typeof o.port !== "number" || !(o.port >= 0 && o.port <= 65535)) {
        return Effect.die(new TypeError(`addServer: expected listen options with a port, a server or a UDP socket`))
      }
      return Effect.flatMap(Sockets, (net) => {
        if (o.udp) {
          // as for TCP, the default is 127.0.0.1 ("*" = all interfaces), not the wildcard
          // that a bare `Socket.udp()` binds to
          return Effect.map(net.udp({ host: o.host ?? "127.0.0.1", port: o.port }), (t) => {
            const s = new internal.SocketImpl(d, net, "udp")
            s.attachDatagram(t)
            const local = t.local()
            const srv = new ServerImpl(d, net, options.name ?? `udp_server_${local.port}`, "udp", local)
            configure(srv, handler as Handler<unknown>, options, f, status.runtimeFlags)
            s.name = srv.name
            if (options.encoding !== undefined) s.encoding = options.encoding
            srv.udpSocket = s
            srv.register()
            srv.startUdpHandler()
            return srv as CopasServer
          })
        }
        return tcp(net, (onConnection) => net.listen({ host: o.host, port: o.port, backlog: o.backlog }, onConnection))
      })
    }))

/**
 * Options of {@link removeServer}.
 * @example
 * ```ts
 * import * as Server from "effect-copas/Server"
 * const options: Server.RemoveOptions = { drain: "5 seconds" }
 * const stop = (server: Server.CopasServer) => Server.removeServer(server, options)
 * ```
 * @since 0.1.0
 * @category models
 */
export interface RemoveOptions {
  /**
   * stop accepting but keep the listening socket (it can be given to {@link addServer} again);
   * a later `removeServer` without it closes the socket, and so does the dispatcher's end
   */
  readonly keepOpen?: boolean | undefined
  /**
   * wait up to this long for the running handlers to finish, then interrupt the rest (their
   * connections are closed). Without it handlers keep running, as in Copas.
   */
  readonly drain?: Duration.DurationInput | undefined
}

/**
 * Copas's `copas.removeserver(server, keep_open)`: stops accepting (closing the listening socket
 * unless `keepOpen`). With `drain`: graceful shutdown with a deadline: waits up to `drain` for the
 * handlers to end, then interrupts the rest (at once, if the wait itself is interrupted).
 * @example
 * ```ts
 * import * as Server from "effect-copas/Server"
 * const stop = (server: Server.CopasServer) => Server.removeServer(server, { drain: "5 seconds" })
 * const stopPiped = (server: Server.CopasServer) => server.pipe(Server.removeServer({ drain: "5 seconds" }))
 * ```
 * @since 0.1.0
 * @category servers
 */
export const removeServer: {
  (options?: RemoveOptions): (server: CopasServer) => Effect.Effect<void>
  (server: CopasServer, options?: RemoveOptions): Effect.Effect<void>
} = dual((args) => args.length >= 2 || isServer(args[0]), (server: CopasServer, options: RemoveOptions = {}): Effect.Effect<void> =>
  Effect.suspend(() => {
    if (!isServer(server)) return Effect.die(new TypeError("removeServer: expected a server"))
    const srv = server
    srv.stop(!!options.keepOpen)
    if (options.drain === undefined) return Effect.void
    const ms = dispatcher.toMillis(options.drain, "drain")
    if (ms < 0) return Effect.die(new RangeError(`drain must be a duration >= 0, got: ${ms}`))
    const d = srv.d
    // (`asyncCancel`, not `Effect.async`: a task pre-empted between Effect.async's registration and
    // its canceler, and removed then, left the waiter and its deadline behind)
    const waitEmpty = dispatcher.asyncCancel<void>((resume) => {
      // drain 0: interrupt at once (no timer for "now")
      if (srv.tasks.size === 0 || ms === 0) return resume(Effect.void)
      let entry: ReturnType<typeof d.scheduler.addTimer> | undefined
      const w = () => {
        if (entry !== undefined) d.scheduler.removeTimer(entry)
        resume(Effect.void)
      }
      srv.emptyWaiters.push(w)
      if (ms !== Infinity) {
        entry = d.scheduler.addTimer(d.scheduler.now() + ms, TIMEOUT, () => {
          entry = undefined
          const i = srv.emptyWaiters.indexOf(w)
          if (i >= 0) srv.emptyWaiters.splice(i, 1)
          resume(Effect.void)
        })
      }
      return Effect.sync(() => {
        const i = srv.emptyWaiters.indexOf(w)
        if (i >= 0) srv.emptyWaiters.splice(i, 1)
        if (entry !== undefined) d.scheduler.removeTimer(entry)
      })
    })
    // the rest are interrupted also when the drain itself is cut short (its task removed, a scope
    // closed): the server is gone, its handlers must not outlive the removal. Only signalled in
    // the finalizer, awaited after it (interruptibly): a handler that removes its own server (or
    // whose child does) would otherwise wait for itself, uninterruptibly, for good
    let fibers: Array<Fiber.RuntimeFiber<unknown, unknown>> = []
    return waitEmpty.pipe(
      Effect.ensuring(Effect.suspend(() => {
        fibers = [...srv.tasks].map((t) => t.fiber!).filter((x) => x !== undefined)
        return Effect.forEach(fibers, (fb) => fb.interruptAsFork(FiberId.none), { discard: true })
      })),
      Effect.zipRight(Effect.suspend(() => Effect.forEach(fibers, (fb) => fb.await, { discard: true })))
    )
  }))

/**
 * Copas's `copas.handler(h, sslparams)`: a handler that first upgrades the connection to TLS
 * (server mode; SNI from `tls.sni`) and then calls `h` with the same socket. A failed or timed-out
 * handshake fails with `TlsError` and closes the connection: `h` never sees a plain socket.
 * @example
 * ```ts
 * import * as Server from "effect-copas/Server"
 * import * as Socket from "effect-copas/Socket"
 * const secure = (key: string, cert: string) =>
 *   Server.handler((sock) => Socket.send(sock, "hello over TLS\n"), { key, cert })
 * ```
 * @since 0.1.0
 * @category servers
 */
export const handler = <R>(h: Handler<R>, tls?: TlsOptions): Handler<R> => {
  if (tls === undefined) return h
  if (typeof tls !== "object" || tls === null) throw new TypeError(`ssl parameters; did not expect type ${typeof tls}`)
  const opts: TlsOptions = tls.mode === undefined ? { ...tls, mode: "server" } : tls
  return (sock) => Effect.flatMap(Socket.doHandshake(sock, opts), h)
}

// ---- as a layer ---------------------------------------------------------------------------------

/**
 * The server started by {@link layer} (its bound address is `port`/`address`).
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Server from "effect-copas/Server"
 * const port = Effect.map(Server.Server, (s) => s.port)
 * ```
 * @since 0.1.0
 * @category tags
 */
export class Server extends Context.Tag("effect-copas/Server")<Server, CopasServer>() {}

/**
 * {@link addServer} in a scope: removed (with `drain`, if given) when the scope closes.
 * @example
 * ```ts
 * import * as Server from "effect-copas/Server"
 * import * as Socket from "effect-copas/Socket"
 * const scoped = Server.make({ port: 0 }, (sock) => Socket.send(sock, "hi\n"))
 * ```
 * @since 0.1.0
 * @category constructors
 */
export const make = <R>(
  target: ListenOptions | CopasServer | CopasSocket | net.Server,
  h: Handler<R>,
  options: ServerOptions & { readonly drain?: Duration.DurationInput | undefined } = {}
): Effect.Effect<CopasServer, SocketError | TlsError, Copas | Sockets | R | Scope.Scope> =>
  Effect.acquireRelease(
    addServer(target, h, options),
    (srv) => removeServer(srv, options.drain !== undefined ? { drain: options.drain } : {})
  )

/**
 * A server as a scoped `Layer` providing {@link Server} (the bound address).
 * @example
 * ```ts
 * import { Context, Effect, Layer } from "effect"
 * import * as NodeCopas from "effect-copas/NodeCopas"
 * import * as Server from "effect-copas/Server"
 * import * as Socket from "effect-copas/Socket"
 * const EchoLive = Server.layer({ port: 0 }, (sock) => Socket.send(sock, "hi\n"))
 * const program = Effect.map(Server.Server, (s) => s.port).pipe(
 *   Effect.provide(EchoLive),
 *   Effect.provide(NodeCopas.layer)
 * )
 * // several servers in one context: a tag of your own for each, with `make`
 * class Admin extends Context.Tag("Admin")<Admin, Server.CopasServer>() {}
 * const AdminLive = Layer.scoped(Admin, Server.make({ port: 0 }, (sock) => Socket.send(sock, "admin\n")))
 * ```
 * @since 0.1.0
 * @category layers
 */
export const layer = <R>(
  target: ListenOptions | CopasServer | CopasSocket | net.Server,
  h: Handler<R>,
  options: ServerOptions & { readonly drain?: Duration.DurationInput | undefined } = {}
): Layer.Layer<Server, SocketError | TlsError, Copas | Sockets | R> => Layer.scoped(Server, make(target, h, options))

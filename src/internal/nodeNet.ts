/**
 * The `Network` on node:net and node:dgram (see transport.ts).
 *
 * - Connections are made with `allowHalfOpen` (a peer's FIN does not end our side: a handler can
 *   read a request up to EOF and still reply) and listened with `pauseOnConnect` (the core starts
 *   reading when it attaches).
 * - Every socket gets a guard 'error' listener as soon as it exists, so an RST before the core has
 *   attached cannot crash the process; the error stays readable as `socket.errored`.
 * - `Listener.pause()` cannot stop the kernel from accepting (Node has no such call), so
 *   connections that arrive while paused are held, paused and unread, and handed out on
 *   `resume()`; none is dropped.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as dgram from "node:dgram"
import * as net from "node:net"
import { ConnectError, type ConnectReason, SocketError } from "../Errors.js"
import { asyncCancel } from "./primitive.js"
import { errorGuard } from "./socket.js"
import type {
  ConnectOptions,
  DatagramTransport,
  Endpoint,
  Listener,
  ListenOptions,
  Network,
  StreamConn,
  UdpOptions
} from "./transport.js"

// recorded by the stream itself (`errored`); the socket core reads it when it attaches and then
// replaces this listener with its own (the same function, so it can find and remove it)
const guard = errorGuard

const reasonOf = (code: string | undefined): ConnectReason => {
  switch (code) {
    case "ECONNREFUSED":
      return "refused"
    case "ENETUNREACH":
    case "EHOSTUNREACH":
    case "ENETDOWN":
    case "EHOSTDOWN":
      return "unreachable"
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_FAIL":
    case "EAI_NONAME":
    case "EAI_NODATA":
      return "dns"
    case "ETIMEDOUT":
      return "timeout"
    case "ECONNRESET":
      return "reset"
    case "EISCONN":
      return "already-connected"
    case "EALREADY":
    case "EINPROGRESS":
      return "in-progress"
    default:
      return "other"
  }
}

const family = (f: string | number | undefined, address: string): "IPv4" | "IPv6" =>
  f === "IPv6" || f === 6 || address.includes(":") ? "IPv6" : "IPv4"

const socketError = (operation: string, err: unknown): SocketError => {
  const e = err as { code?: string; message?: string }
  return new SocketError({ operation, code: e?.code, detail: e?.message ?? String(err), cause: err })
}

export const connect = (o: ConnectOptions): Effect.Effect<StreamConn, ConnectError | SocketError> =>
  asyncCancel<StreamConn, ConnectError | SocketError>((resume) => {
    const address = `${o.host}:${o.port}`
    let s: net.Socket
    try {
      s = net.connect({
        host: o.host,
        port: o.port,
        allowHalfOpen: true,
        ...(o.localAddress !== undefined ? { localAddress: o.localAddress } : {}),
        ...(o.localPort !== undefined ? { localPort: o.localPort } : {}),
        ...(o.family !== undefined ? { family: o.family } : {})
      })
    } catch (err) {
      return resume(Effect.fail(socketError("connect", err)))
    }
    s.on("error", guard)
    const onError = (err: Error) => {
      s.removeListener("connect", onConnect)
      s.destroy()
      const code = (err as { code?: string }).code
      resume(Effect.fail(new ConnectError({ reason: reasonOf(code), address, code, cause: err })))
    }
    const onConnect = () => {
      s.removeListener("error", onError)
      resume(Effect.succeed(s))
    }
    s.once("error", onError)
    s.once("connect", onConnect)
    return Effect.sync(() => {
      s.removeListener("error", onError)
      s.removeListener("connect", onConnect)
      s.destroy()
    })
  })

/**
 * Accepted connections of a listener: while it is paused they are held, paused and unread
 * (`maxConnections`: nothing is dropped), and handed on in order when it resumes.
 */
class Gate {
  paused = false
  readonly held: Array<net.Socket> = []
  constructor(readonly onConnection: (conn: StreamConn) => void) {}

  admit(conn: net.Socket): void {
    conn.on("error", guard)
    if (this.paused) {
      conn.pause()
      this.held.push(conn)
    } else this.onConnection(conn)
  }

  listener(a: net.AddressInfo, closeServer: () => void): Listener {
    return {
      local: { address: a.address, port: a.port, family: family(a.family, a.address) },
      pause: () => {
        this.paused = true
      },
      resume: () => {
        this.paused = false
        while (!this.paused && this.held.length > 0) {
          const c = this.held.shift()!
          if (!c.destroyed) this.onConnection(c)
        }
      },
      close: () =>
        Effect.sync(() => {
          this.paused = true
          for (const c of this.held.splice(0)) c.destroy()
          closeServer()
        })
    }
  }
}

export const listen = (
  o: ListenOptions,
  onConnection: (conn: StreamConn) => void
): Effect.Effect<Listener, SocketError> =>
  asyncCancel<Listener, SocketError>((resume) => {
    const gate = new Gate(onConnection)
    const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true }, (conn) => gate.admit(conn))
    server.on("error", guard)
    const onError = (err: Error) => {
      server.removeListener("listening", onListening)
      server.close()
      resume(Effect.fail(socketError("listen", err)))
    }
    const onListening = () => {
      server.removeListener("error", onError)
      resume(Effect.succeed(gate.listener(server.address() as net.AddressInfo, () => {
        if (server.listening) server.close()
      })))
    }
    server.once("error", onError)
    server.once("listening", onListening)
    const host = o.host === undefined ? "127.0.0.1" : o.host === "*" ? undefined : o.host
    try {
      server.listen({
        port: o.port,
        ...(host !== undefined ? { host } : {}),
        ...(o.backlog !== undefined ? { backlog: o.backlog } : {})
      })
    } catch (err) {
      server.removeListener("error", onError)
      resume(Effect.fail(socketError("listen", err)))
    }
    return Effect.sync(() => {
      server.close()
    })
  })

/**
 * The callers' net.Servers that a listener of ours serves now. Why: the same net.Server added
 * again while a server removed with `keepOpen` still holds it got a second 'connection' listener,
 * and the old, paused one kept every new connection (the kept server is what to add again).
 */
const adopted = new WeakSet<net.Server>()

/**
 * A `Listener` over a `net.Server` made by the caller (Copas's `addserver(socket.bind(...))`):
 * listening already, or listened on later. Its connections are handed to `onConnection` as they
 * come; while paused they are held, paused and unread, as in `listen`. Only what the caller chose
 * at `createServer` applies: without `allowHalfOpen: true` Node ends our side when the peer does.
 */
export const fromServer = (
  server: net.Server,
  onConnection: (conn: StreamConn) => void
): Effect.Effect<Listener, SocketError> =>
  asyncCancel<Listener, SocketError>((resume) => {
    const gate = new Gate(onConnection)
    const onConn = (conn: net.Socket) => gate.admit(conn)
    const release = () => {
      server.removeListener("connection", onConn)
      server.removeListener("error", guard)
      adopted.delete(server)
    }
    const ready = () => {
      server.removeListener("error", onError)
      const a = server.address()
      if (a === null || typeof a === "string") {
        return resume(Effect.fail(socketError("listen", new Error("not a TCP server (a pipe or unbound)"))))
      }
      if (adopted.has(server)) {
        return resume(Effect.fail(
          new SocketError({
            operation: "listen",
            code: "EALREADY",
            detail: "this net.Server is already served by a Copas server (one removed with keepOpen: add that server again)"
          })
        ))
      }
      adopted.add(server)
      server.on("connection", onConn)
      server.on("error", guard)
      resume(Effect.succeed(gate.listener(a, () => {
        // the server is the caller's: it gets back the listeners it had (a guard left on it was
        // one more 'error' listener per addServer, MaxListenersExceededWarning at the 11th)
        release()
        if (server.listening) server.close()
      })))
    }
    const onError = (err: Error) => {
      server.removeListener("listening", ready)
      resume(Effect.fail(socketError("listen", err)))
    }
    if (server.listening) return ready()
    server.once("listening", ready)
    server.once("error", onError)
    // (also what `ready` did: the caller may be interrupted while queued with the listener, and
    // the 'connection' listener left behind would take the caller's connections for good)
    return Effect.sync(() => {
      server.removeListener("listening", ready)
      server.removeListener("error", onError)
      if (server.listeners("connection").includes(onConn)) release()
    })
  })

const isConnected = (s: dgram.Socket): boolean => {
  try {
    s.remoteAddress()
    return true
  } catch {
    return false
  }
}

/** A `DatagramTransport` over a node:dgram socket (also used by `Socket.wrap`). */
export const fromDgram = (s: dgram.Socket): DatagramTransport => {
  s.on("error", guard)
  let peer: Endpoint | undefined
  let closed = false
  return {
    local() {
      const a = s.address()
      return { address: a.address, port: a.port, family: family(a.family, a.address) }
    },
    remote() {
      if (peer !== undefined) return peer
      try {
        const a = s.remoteAddress()
        return { address: a.address, port: a.port, family: family(a.family, a.address) }
      } catch {
        return undefined
      }
    },
    send(data, port, host) {
      return Effect.async<void, SocketError>((resume) => {
        const cb = (err: Error | null) => resume(err ? Effect.fail(socketError("send", err)) : Effect.void)
        try {
          if (port === undefined) {
            // not connected: Node would take the callback for the port (ERR_SOCKET_BAD_PORT)
            if (peer === undefined && !isConnected(s)) {
              return resume(Effect.fail(new SocketError({ operation: "send", code: "EDESTADDRREQ", detail: "no destination (not connected)" })))
            }
            s.send(data, cb)
          } else s.send(data, port, host ?? "127.0.0.1", cb)
        } catch (err) {
          resume(Effect.fail(socketError("send", err)))
        }
      })
    },
    connect(port, host) {
      return asyncCancel<void, SocketError>((resume) => {
        const onError = (err: Error) => resume(Effect.fail(socketError("setpeername", err)))
        try {
          // LuaSocket's setpeername may change the peer: Node wants a disconnect first
          if (peer !== undefined) {
            s.disconnect()
            peer = undefined
          }
          s.once("error", onError)
          // Node passes a failed lookup or connect (e.g. an IPv6 peer for a udp4 socket) to the
          // callback, not to 'error'
          s.connect(port, host, ((err?: Error | null) => {
            s.removeListener("error", onError)
            if (err) return resume(Effect.fail(socketError("setpeername", err)))
            const a = s.remoteAddress()
            peer = { address: a.address, port: a.port, family: family(a.family, a.address) }
            resume(Effect.void)
          }) as () => void)
        } catch (err) {
          s.removeListener("error", onError)
          resume(Effect.fail(socketError("setpeername", err)))
        }
        return Effect.sync(() => {
          s.removeListener("error", onError)
        })
      })
    },
    onMessage(handler) {
      s.on("message", (msg, rinfo) => handler(msg, { address: rinfo.address, port: rinfo.port, family: family(rinfo.family, rinfo.address) }))
    },
    close() {
      if (closed) return
      closed = true
      try {
        s.close()
      } catch {
        // already closed
      }
    }
  }
}

// (`asyncCancel` with a canceler that closes the socket: with none, a caller interrupted while the
// bind was pending, or removed while queued with its result, left a bound UDP socket open)
export const udp = (o: UdpOptions): Effect.Effect<DatagramTransport, SocketError> =>
  // dgram binds a port above 65535 to the port modulo 65536 (70000 became 4464) instead of failing
  o.port !== undefined && !(Number.isInteger(o.port) && o.port >= 0 && o.port <= 65535)
    ? Effect.fail(new SocketError({ operation: "bind", code: "ERR_SOCKET_BAD_PORT", detail: `bad port: ${o.port}` }))
    : bindUdp(o)

const bindUdp = (o: UdpOptions): Effect.Effect<DatagramTransport, SocketError> =>
  asyncCancel<DatagramTransport, SocketError>((resume) => {
    const v6 = o.family === 6 || (o.host !== undefined && o.host.includes(":"))
    const s = dgram.createSocket({ type: v6 ? "udp6" : "udp4" })
    const close = () => {
      try {
        s.close()
      } catch {
        // never bound, or closed already
      }
    }
    const onError = (err: Error) => {
      close()
      resume(Effect.fail(socketError("bind", err)))
    }
    s.once("error", onError)
    const host = o.host === undefined || o.host === "*" ? (v6 ? "::" : "0.0.0.0") : o.host
    s.bind(o.port ?? 0, host, () => {
      s.removeListener("error", onError)
      resume(Effect.succeed(fromDgram(s)))
    })
    // runs only when the caller does not get the socket (interrupted pending, or with the result queued)
    return Effect.sync(() => {
      s.removeListener("error", onError)
      s.on("error", guard)
      close()
    })
  })

export const network: Network = { kind: "node", connect, listen, udp }

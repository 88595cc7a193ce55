// Soak: sockets and servers. NET=memory (default) or NET=node (real TCP/UDP/TLS on 127.0.0.1).
// See lib.ts.
import { Effect, Logger } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Debug from "effect-copas/Debug"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { makeCerts } from "../../test/util/certs.js"
import { memLayer, nodeLayer, runAll, type Scenario } from "./lib.js"

const R = Number(process.env.R ?? 2000)
const NET = process.env.NET ?? "memory"
const nullLogger = Logger.make(() => {})
const certs = makeCerts()

const echo = (s: Socket.CopasSocket) =>
  Effect.gen(function*() {
    for (;;) {
      const line = yield* Socket.receive(s)
      if (line === "quit") return
      yield* Socket.send(s, line + "\n")
    }
  }).pipe(Effect.catchTag("ClosedError", () => Effect.void))

let srv: Server.CopasServer
let tlsSrv: Server.CopasServer
let udpSrv: Server.CopasServer
let conn: Socket.CopasSocket
let udpc: Socket.CopasSocket
let deadPort = 1

const srvSetup = Effect.gen(function*() {
  srv = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, echo, { name: "soak" })
})
const connSetup = Effect.gen(function*() {
  yield* srvSetup
  conn = yield* Socket.tcp()
  yield* Socket.connect(conn, "127.0.0.1", srv.port)
})
const srvExtra = () => ({ srvTasks: (srv as any).tasks.size, conns: (srv as any).connections, acc: (srv as any).accepted })

const clientRound = (port: number, tls?: Socket.TlsOptions) =>
  Effect.gen(function*() {
    const c = yield* Socket.tcp(tls ? { tls } : undefined)
    yield* Socket.setTimeout(c, 5000)
    yield* Socket.connect(c, "127.0.0.1", port)
    yield* Socket.send(c, "hello\n")
    yield* Socket.receive(c)
    yield* Socket.close(c)
  })

const scenarios: Array<Scenario> = [
  { name: "conn-echo", rounds: R, setup: srvSetup, extra: srvExtra, op: () => clientRound(srv.port) },
  {
    name: "conn-quit", // the server ends the connection (handler returns)
    rounds: R,
    setup: srvSetup,
    extra: srvExtra,
    op: () =>
      Effect.gen(function*() {
        const c = yield* Socket.tcp()
        yield* Socket.connect(c, "127.0.0.1", srv.port)
        yield* Socket.send(c, "quit\n")
        yield* Effect.ignore(Socket.receive(c))
        yield* Socket.close(c)
      })
  },
  {
    name: "conn-reset", // the client closes at once, the handler is blocked in receive
    rounds: R,
    setup: srvSetup,
    extra: srvExtra,
    op: () =>
      Effect.gen(function*() {
        const c = yield* Socket.tcp()
        yield* Socket.connect(c, "127.0.0.1", srv.port)
        yield* Socket.close(c)
      })
  },
  {
    name: "server-churn",
    rounds: R,
    op: () =>
      Effect.gen(function*() {
        const s = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, echo, { name: "churn" })
        yield* clientRound(s.port)
        yield* Server.removeServer(s)
      })
  },
  {
    name: "server-churn-drain",
    rounds: R,
    op: () =>
      Effect.gen(function*() {
        const s = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, echo, { name: "churn" })
        const c = yield* Socket.tcp()
        yield* Socket.connect(c, "127.0.0.1", s.port)
        yield* Socket.send(c, "x\n")
        yield* Socket.receive(c)
        yield* Server.removeServer(s, { drain: 1 })
        yield* Socket.close(c)
      })
  },
  {
    name: "server-keepopen-readd", // Copas: removeserver(s, true), then addserver(s) again
    rounds: R,
    setup: srvSetup,
    extra: srvExtra,
    op: () =>
      Effect.gen(function*() {
        yield* Server.removeServer(srv, { keepOpen: true })
        yield* Server.addServer(srv, echo)
        yield* clientRound(srv.port)
      })
  },
  {
    name: "server-maxconn",
    rounds: R,
    setup: Effect.gen(function*() {
      srv = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, echo, { name: "soak-max", maxConnections: 1 })
    }),
    extra: srvExtra,
    op: () =>
      Effect.gen(function*() {
        const a = yield* Socket.tcp()
        const b = yield* Socket.tcp()
        yield* Socket.setTimeout(b, 5000)
        yield* Socket.connect(a, "127.0.0.1", srv.port)
        yield* Socket.connect(b, "127.0.0.1", srv.port)
        yield* Socket.send(b, "x\n")
        yield* Socket.close(a)
        yield* Socket.receive(b)
        yield* Socket.close(b)
      })
  },
  {
    name: "server-scoped",
    rounds: R,
    op: () => Effect.scoped(Effect.flatMap(Server.make({ host: "127.0.0.1", port: 0 }, echo, { name: "scoped" }), (s) => clientRound(s.port)))
  },
  {
    name: "connect-refused-closed",
    rounds: R,
    setup: Effect.gen(function*() {
      const s = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, echo)
      deadPort = s.port
      yield* Server.removeServer(s)
    }),
    op: () => Effect.flatMap(Socket.tcp(), (c) => Effect.zipRight(Effect.ignore(Socket.connect(c, "127.0.0.1", deadPort)), Socket.close(c)))
  },
  {
    name: "connect-refused-unclosed-task",
    rounds: R,
    setup: Effect.gen(function*() {
      const s = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, echo)
      deadPort = s.port
      yield* Server.removeServer(s)
    }),
    // in a task of its own that ends: the socket goes with the task
    op: (i) => Effect.zipRight(Copas.addThread(Effect.flatMap(Socket.tcp(), (c) => Effect.ignore(Socket.connect(c, "127.0.0.1", deadPort)))), i % 50 === 49 ? Copas.sleep(5) : Effect.void)
  },
  { name: "socket-create-close", rounds: R * 10, op: () => Effect.flatMap(Socket.tcp(), Socket.close) },
  { name: "socket-name", rounds: R * 10, setup: connSetup, op: (i) => Socket.setSocketName(conn, `n${i}-${"y".repeat(30)}`) },
  { name: "lines-one-conn", rounds: R * 10, setup: connSetup, extra: srvExtra, op: (i) => Effect.zipRight(Socket.send(conn, `line ${i}\n`), Socket.receive(conn)) },
  {
    name: "receive-timeout-one-conn", // Copas timeouts on a long-lived connection
    rounds: R,
    setup: Effect.zipRight(connSetup, Effect.suspend(() => Socket.setTimeout(conn, 0.2))),
    op: () => Effect.ignore(Socket.receive(conn))
  },
  {
    name: "effect-timeout-receive",
    rounds: R,
    setup: connSetup,
    op: () => Effect.ignore(Effect.timeout(Socket.receive(conn), 0.2))
  },
  {
    name: "send-timeout-race", // Effect.race on send vs sleep
    rounds: R,
    setup: connSetup,
    op: () => Effect.zipRight(Effect.race(Socket.send(conn, "r\n"), Copas.sleep(1000)), Socket.receive(conn))
  },
  { name: "debug-socket-toggle", rounds: R * 5, setup: connSetup, op: () => Effect.zipRight(Debug.socket(conn, { logger: nullLogger }), Debug.unsocket(conn)) },
  { name: "debug-socket-new", rounds: R, setup: srvSetup, op: () => Effect.flatMap(Socket.tcp(), (c) => Effect.zipRight(Debug.socket(c, { logger: nullLogger }), Socket.close(c))) },
  {
    name: "debug-on-conns",
    rounds: R,
    setup: srvSetup,
    op: (i) => Debug.traced(clientRound(srv.port), { logger: nullLogger })
  },
  {
    name: "udp-datagrams",
    rounds: R * 5,
    setup: Effect.gen(function*() {
      udpSrv = yield* Server.addServer({ host: "127.0.0.1", port: 0, udp: true }, (s) =>
        Effect.forever(Effect.flatMap(Socket.receiveFrom(s), (m) => Socket.sendTo(s, m.data, m.address, m.port))))
      udpc = yield* Socket.udp({ host: "127.0.0.1", port: 0 })
      yield* Socket.setTimeout(udpc, 2000)
    }),
    op: (i) => Effect.zipRight(Socket.sendTo(udpc, `dgram ${i}`, "127.0.0.1", udpSrv.port), Socket.receiveFrom(udpc))
  },
  { name: "udp-socket-churn", rounds: R, op: () => Effect.flatMap(Socket.udp({ host: "127.0.0.1", port: 0 }), Socket.close) },
  {
    name: "udp-connected-churn",
    rounds: R,
    setup: Effect.gen(function*() {
      udpSrv = yield* Server.addServer({ host: "127.0.0.1", port: 0, udp: true }, (s) =>
        Effect.forever(Effect.flatMap(Socket.receiveFrom(s), (m) => Socket.sendTo(s, m.data, m.address, m.port))))
    }),
    op: () => Effect.gen(function*() {
      const u = yield* Socket.udp({ host: "127.0.0.1", port: 0 })
      yield* Socket.setTimeout(u, 2000)
      yield* Socket.connect(u, "127.0.0.1", udpSrv.port)
      yield* Socket.send(u, "x")
      yield* Socket.receive(u, 100)
      yield* Socket.close(u)
    })
  },
  {
    name: "tls-conn",
    rounds: R / 4,
    setup: Effect.gen(function*() {
      tlsSrv = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, echo, { name: "soak-tls", tls: certs.server })
    }),
    op: () => clientRound(tlsSrv.port, { ca: certs.ca, servername: "localhost" })
  },
  {
    name: "tls-handshake-fail",
    rounds: R / 4,
    setup: Effect.gen(function*() {
      tlsSrv = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, echo, { name: "soak-tls", tls: certs.selfSigned })
    }),
    op: () => Effect.ignore(clientRound(tlsSrv.port, { ca: certs.ca, servername: "localhost" }))
  },
  {
    name: "tls-plain-client",
    rounds: R / 4,
    setup: Effect.gen(function*() {
      tlsSrv = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, echo, { name: "soak-tls", tls: certs.server, timeout: 50 })
    }),
    op: () => Effect.gen(function*() {
      const c = yield* Socket.tcp()
      yield* Socket.connect(c, "127.0.0.1", tlsSrv.port)
      yield* Socket.send(c, "GET / HTTP/1.0\r\n\r\n")
      yield* Effect.ignore(Socket.receive(c, "*a"))
      yield* Socket.close(c)
    })
  },
  {
    name: "starttls",
    rounds: R / 4,
    setup: Effect.gen(function*() {
      tlsSrv = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (s) => Effect.gen(function*() {
        yield* Socket.receive(s)
        yield* Socket.doHandshake(s, certs.server)
        yield* echo(s)
      }), { name: "soak-starttls" })
    }),
    op: () => Effect.gen(function*() {
      const c = yield* Socket.tcp()
      yield* Socket.setTimeout(c, 5000)
      yield* Socket.connect(c, "127.0.0.1", tlsSrv.port)
      yield* Socket.send(c, "STARTTLS\n")
      yield* Socket.doHandshake(c, { ca: certs.ca, servername: "localhost" })
      yield* Socket.send(c, "hi\n")
      yield* Socket.receive(c)
      yield* Socket.close(c)
    })
  }
]

await runAll(scenarios, NET === "node" ? nodeLayer : memLayer)

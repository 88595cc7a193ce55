import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Socket from "effect-copas/Socket"
import * as Smtp from "effect-copas/Smtp"
import { certs, errHandler, main, runOn, show, withServer } from "./u-tls-common.js"
const serverTls = { key: certs.server.key, cert: certs.server.cert }
main((net, layer) => Effect.gen(function*() {
  // 1. client side: server sends 220 plus injected lines in one packet, then handshakes
  const fails: Array<string> = []
  const r1 = yield* runOn(layer, Effect.gen(function*() {
    yield* errHandler(fails)
    return yield* withServer((sock) => Effect.gen(function*() {
      yield* Socket.receive(sock)
      yield* Socket.send(sock, "220 ready\r\n250 INJECTED\r\n")
      yield* Socket.doHandshake(sock, serverTls)
      yield* Socket.send(sock, "250 real\r\n")
      yield* Socket.receive(sock)
    }), (port) => Effect.gen(function*() {
      const c = yield* Socket.tcp()
      yield* Socket.connect(c, "127.0.0.1", port)
      yield* Socket.send(c, "STARTTLS\r\n")
      const l = yield* Socket.receive(c)
      yield* Copas.sleep(50) // let the injected bytes arrive
      yield* Socket.doHandshake(c, { ca: certs.ca, servername: "localhost" })
      const after = yield* Socket.receive(c)
      yield* Socket.close(c)
      return [l, after]
    }))
  }))
  console.log(net, "client-side injection:", show(r1), fails)
  // 2. server side: client sends STARTTLS plus injected command in one packet
  const fails2: Array<string> = []
  const seen: Array<string> = []
  const r2 = yield* runOn(layer, Effect.gen(function*() {
    yield* errHandler(fails2)
    return yield* withServer((sock) => Effect.gen(function*() {
      const cmd = yield* Socket.receive(sock)
      yield* Copas.sleep(50)
      yield* Socket.send(sock, `220 go ${cmd}\r\n`)
      yield* Socket.doHandshake(sock, serverTls)
      const l = yield* Socket.receive(sock)
      seen.push(l)
      yield* Socket.send(sock, `got ${l}\n`)
    }), (port) => Effect.gen(function*() {
      const c = yield* Socket.tcp()
      yield* Socket.connect(c, "127.0.0.1", port)
      yield* Socket.send(c, "STARTTLS\r\nRCPT TO:<evil>\r\n")
      yield* Socket.receive(c)
      const h = yield* Effect.either(Socket.doHandshake(c, { ca: certs.ca, servername: "localhost" }))
      if (h._tag === "Left") return `client handshake ${h.left._tag} ${(h.left as any).reason}`
      yield* Socket.send(c, "hello\r\n")
      const after = yield* Effect.either(Socket.receive(c))
      yield* Socket.close(c)
      return after
    }))
  }))
  console.log(net, "server-side injection:", show(r2), "server saw", seen, fails2)
  // 3. Smtp STARTTLS with an injecting server
  const fails3: Array<string> = []
  const r3 = yield* runOn(layer, Effect.gen(function*() {
    yield* errHandler(fails3)
    return yield* withServer((sock) => Effect.gen(function*() {
      yield* Socket.send(sock, "220 mx ESMTP\r\n")
      yield* Socket.receive(sock) // EHLO
      yield* Socket.send(sock, "250-mx\r\n250 STARTTLS\r\n")
      yield* Socket.receive(sock) // STARTTLS
      yield* Socket.send(sock, "220 ready\r\n250-mx\r\n250 AUTH PLAIN\r\n")
      yield* Socket.doHandshake(sock, serverTls)
      for (;;) { const l = yield* Socket.receive(sock); yield* Socket.send(sock, l.startsWith("EHLO") ? "250 mx\r\n" : l === "DATA" ? "354 go\r\n" : l === "QUIT" ? "221 bye\r\n" : "250 ok\r\n") }
    }), (port) => Smtp.send({ from: "<a@b>", rcpt: "<c@d>", source: "Subject: x\r\n\r\nhi", server: "localhost", port, tls: "starttls", tlsOptions: { ca: certs.ca } } as any))
  }))
  console.log(net, "smtp starttls injection:", show(r3), fails3)
}))

// Demanding-user trial of Smtp: STARTTLS + AUTH, size limits, a big streamed attachment, UTF-8 addresses, odd servers.
import * as net from "node:net"
import { SMTPServer } from "smtp-server"
import { simpleParser } from "mailparser"
import { Console, Effect, Stream } from "effect"
import * as Smtp from "effect-copas/Smtp"
import * as NodeCopas from "effect-copas/NodeCopas"
import { makeCerts } from "../test/util/certs.js"

const MB = 1024 * 1024
const server = (opts: any) => Effect.acquireRelease(
  Effect.async<{ srv: SMTPServer; port: number; mails: Array<{ raw: Buffer; secure: boolean; user: unknown; from: string }> }>((resume) => {
    const mails: Array<any> = []
    const srv = new SMTPServer({
      logger: false, authOptional: true,
      onAuth(a, _s, cb) { a.username === "me" && a.password === "sécret" ? cb(null, { user: "me" }) : cb(Object.assign(new Error("Invalid"), { responseCode: 535 })) },
      onData(stream, session, cb) {
        const chunks: Array<Buffer> = []
        stream.on("data", (c: Buffer) => chunks.push(c))
        stream.on("end", () => {
          mails.push({ raw: Buffer.concat(chunks), secure: session.secure, user: session.user, from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "" })
          if ((stream as any).sizeExceeded) return cb(Object.assign(new Error("Message exceeds fixed maximum message size"), { responseCode: 552 }))
          cb()
        })
      },
      ...opts
    })
    srv.on("error", () => {})
    srv.listen(0, "127.0.0.1", () => resume(Effect.succeed({ srv, port: ((srv as any).server as net.Server).address().port, mails })))
  }),
  ({ srv }) => Effect.async<void>((r) => void srv.close(() => r(Effect.void)))
)
const show = (label: string, e: Effect.Effect<any, any, any>) =>
  Effect.gen(function*() {
    const t0 = Date.now()
    const x = yield* Effect.either(e)
    const ms = Date.now() - t0
    if (x._tag === "Left") yield* Console.log(`${label} [${ms}ms]: FAIL ${x.left._tag} code=${x.left.code} text=${JSON.stringify(x.left.text)} command=${JSON.stringify(x.left.command)} ${x.left.message ?? ""}`)
    else yield* Console.log(`${label} [${ms}ms]: ${JSON.stringify(x.right).slice(0, 200)}`)
  })

const program = Effect.gen(function*() {
  const certs = makeCerts()
  const tls = yield* server({ key: certs.server.key, cert: certs.server.cert, size: 5 * MB })
  const base = { server: "127.0.0.1", port: tls.port, from: "alice@example.com", rcpt: "bob@example.com" }
  yield* show("starttls+auth LOGIN (utf-8 pw)", Smtp.send({ ...base, source: "Subject: t\r\n\r\nhi", tls: "starttls", tlsOptions: { ca: certs.ca }, user: "me", password: "sécret" }))
  yield* Console.log(`  secure=${tls.mails.at(-1)?.secure} user=${tls.mails.at(-1)?.user}`)
  yield* show("starttls+auth PLAIN", Smtp.send({ ...base, source: "x", tls: "starttls", tlsOptions: { ca: certs.ca }, user: "me", password: "sécret", auth: "PLAIN" }))
  yield* show("plain + auth (server hides AUTH w/o TLS)", Smtp.send({ ...base, source: "x", user: "me", password: "sécret" }))
  yield* show("starttls, bad pw", Smtp.send({ ...base, source: "x", tls: "starttls", tlsOptions: { ca: certs.ca }, user: "me", password: "no" }))
  yield* show("starttls servername mismatch", Smtp.send({ ...base, server: "127.0.0.1", source: "x", tls: "starttls", tlsOptions: { ca: certs.ca, servername: "wrong.test" } }))
  // too big: 6 MB streamed
  const big = Stream.range(1, 96).pipe(Stream.map(() => new Uint8Array(64 * 1024).fill(65)))
  yield* show("6MB > size 5MB", Smtp.send({ ...base, tls: "starttls", tlsOptions: { ca: certs.ca }, message: { headers: { subject: "big" }, body: [{ body: "att" }, { body: big }] } }))
  // big but allowed: 4 MB attachment streamed, memory
  const rss0 = process.memoryUsage().rss
  const ok = Stream.range(1, 48).pipe(Stream.map((i) => new Uint8Array(64 * 1024).fill(i)))
  yield* show("3MB attachment", Smtp.send({ ...base, tls: "starttls", tlsOptions: { ca: certs.ca }, message: { headers: { subject: "big" }, body: [{ body: "att" }, { headers: { "content-disposition": "attachment; filename=a.bin" }, body: ok }] } }))
  const parsed = yield* Effect.promise(() => simpleParser(tls.mails.at(-1)!.raw))
  yield* Console.log(`  attachment ${parsed.attachments[0]?.size} bytes; first ${parsed.attachments[0]?.content[0]} last ${parsed.attachments[0]?.content.at(-1)}; rss +${Math.round((process.memoryUsage().rss - rss0) / MB)}MB`)
  // UTF-8 address
  const u = yield* server({ size: 1000 })
  yield* show("utf-8 local part", Smtp.send({ server: "127.0.0.1", port: u.port, from: "jürgen@example.com", rcpt: "zoë@example.com", source: "x" }))
  // SIZE exceeded small
  yield* show("size 1000 small", Smtp.send({ server: "127.0.0.1", port: u.port, from: "a@example.com", rcpt: "b@example.com", source: "x".repeat(2000) }))
  // a 421 greeting; a server that dies in DATA
  const fake = yield* Effect.acquireRelease(Effect.async<net.Server>((r) => {
    const s = net.createServer((c) => { c.on("error", () => {}); c.end("421 4.3.2 Service not available, closing\r\n") })
    s.listen(0, "127.0.0.1", () => r(Effect.succeed(s)))
  }), (s) => Effect.sync(() => s.close()))
  yield* show("421 greeting", Smtp.send({ server: "127.0.0.1", port: (fake.address() as net.AddressInfo).port, from: "a@x", rcpt: "b@x", source: "x" }))
  const dies = yield* Effect.acquireRelease(Effect.async<net.Server>((r) => {
    const s = net.createServer((c) => {
      c.on("error", () => {})
      c.write("220 hi\r\n")
      let inData = false
      let n = 0
      c.on("data", (d) => {
        if (inData) { n += d.length; if (n > 100000) c.destroy(); return }
        for (const line of d.toString().split("\r\n").filter(Boolean)) {
          if (line.startsWith("EHLO")) c.write("250-hi\r\n250 8BITMIME\r\n")
          else if (line === "DATA") { c.write("354 go\r\n"); inData = true }
          else c.write("250 ok\r\n")
        }
      })
    })
    s.listen(0, "127.0.0.1", () => r(Effect.succeed(s)))
  }), (s) => Effect.sync(() => s.close()))
  yield* show("dies in DATA", Smtp.send({ server: "127.0.0.1", port: (dies.address() as net.AddressInfo).port, from: "a@x", rcpt: "b@x", source: Stream.range(1, 200).pipe(Stream.map(() => new Uint8Array(64 * 1024).fill(66))), timeout: 3000 }))
})

Effect.runPromise(NodeCopas.run(Effect.scoped(program))).then(() => { console.log("done"); process.exit(0) }, (e) => { console.error("ERR", e); process.exit(1) })

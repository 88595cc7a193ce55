import { describe, it, assert } from "@effect/vitest"
import { Cause, Deferred, Effect, Exit, Fiber, Layer, Stream, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import type { SmtpError } from "effect-copas/Errors"
import * as MemorySockets from "effect-copas/MemorySockets"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Smtp from "effect-copas/Smtp"
import * as Socket from "effect-copas/Socket"
import { simpleParser } from "mailparser"
import { randomBytes } from "node:crypto"
import * as net from "node:net"
import { SMTPServer, type SMTPServerOptions } from "smtp-server"
import { makeCerts } from "./util/certs.js"
import { errorOf, settleMemory } from "./util/copas.js"
import { closedPort } from "./util/net.js"

// ---- servers ------------------------------------------------------------------------------------

interface Mail {
  readonly from: string
  readonly to: ReadonlyArray<string>
  readonly raw: Buffer
  readonly secure: boolean
  readonly user: string | undefined
}

/**
 * smtp-server on 127.0.0.1 port 0, closed with the scope. Mailboxes starting with "nobody@" are
 * refused with 550; the user "me" / "secret" can log in.
 */
const smtpServer = (options: SMTPServerOptions = {}) =>
  Effect.acquireRelease(
    Effect.async<{ server: SMTPServer; port: number; mails: Array<Mail> }>((resume) => {
      const mails: Array<Mail> = []
      const server = new SMTPServer({
        logger: false,
        authOptional: true,
        allowInsecureAuth: true,
        ...options,
        onRcptTo(address, _session, cb) {
          if (address.address.startsWith("nobody@")) {
            cb(Object.assign(new Error("No such user here"), { responseCode: 550 }))
          } else cb()
        },
        onAuth(auth, _session, cb) {
          if (auth.username === "me" && auth.password === "secret") cb(null, { user: "me" })
          else cb(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }))
        },
        onData(stream, session, cb) {
          const chunks: Array<Buffer> = []
          stream.on("data", (c: Buffer) => chunks.push(c))
          stream.on("end", () => {
            mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
              raw: Buffer.concat(chunks),
              secure: session.secure,
              user: session.user as string | undefined
            })
            cb()
          })
        }
      })
      server.on("error", () => {})
      server.listen(0, "127.0.0.1", () => {
        resume(Effect.succeed({ server, port: ((server as unknown as { server: net.Server }).server.address() as net.AddressInfo).port, mails }))
      })
    }),
    ({ server }) => Effect.async<void>((resume) => void server.close(() => resume(Effect.void)))
  ).pipe(Effect.map(({ mails, port }) => ({ mails, port })))

/** A scripted SMTP server: `answer(line)` replies to each command ("" drops the connection); DATA bytes are kept raw. */
const fakeServer = (answer: (line: string) => string) =>
  Effect.acquireRelease(
    Effect.async<{ server: net.Server; sockets: Array<net.Socket>; port: number; lines: Array<string>; data: Array<string> }>(
      (resume) => {
        const sockets: Array<net.Socket> = []
        const lines: Array<string> = []
        const data: Array<string> = []
        const server = net.createServer((s) => {
          s.on("error", () => {})
          sockets.push(s)
          s.write("220-fake.test ESMTP\r\n220 ready\r\n")
          let buf = ""
          let inData = false
          s.on("data", (b: Buffer) => {
            buf += b.toString("latin1")
            for (;;) {
              if (inData) {
                const end = buf.indexOf("\r\n.\r\n")
                if (end < 0) return
                data.push(buf.slice(0, end + 2))
                buf = buf.slice(end + 5)
                inData = false
                s.write("250 2.0.0 queued as FAKE1\r\n")
                continue
              }
              const i = buf.indexOf("\r\n")
              if (i < 0) return
              const line = buf.slice(0, i)
              buf = buf.slice(i + 2)
              lines.push(line)
              const reply = answer(line)
              if (reply === "") {
                s.destroy() // "" = drop the connection
                return
              }
              if (reply.startsWith("354")) inData = true
              if (line === "QUIT") s.end(reply)
              else s.write(reply)
            }
          })
        })
        server.listen(0, "127.0.0.1", () =>
          resume(Effect.succeed({ server, sockets, port: (server.address() as net.AddressInfo).port, lines, data })))
      }
    ),
    ({ server, sockets }) =>
      Effect.sync(() => {
        for (const s of sockets) s.destroy()
        server.close()
      })
  )

const failure = <A>(exit: Exit.Exit<A, unknown>) => errorOf(exit) as { _tag: string } & Record<string, unknown>

const base = (port: number) => ({ server: "127.0.0.1", port, from: "<alice@example.com>" })

// ---- sending ------------------------------------------------------------------------------------

describe("Smtp.send against smtp-server", () => {
  it.scopedLive("a plain send: envelope, CRLF line ends, a line starting with a dot arrives intact", () =>
    Effect.gen(function*() {
      const srv = yield* smtpServer()
      const source = "Subject: dots\nFrom: alice@example.com\n\nfirst line\n.hidden?\n..two dots\n.\nlast"
      const r = yield* Smtp.send({ ...base(srv.port), rcpt: "bob@example.com", source })
      assert.deepStrictEqual(r.accepted, ["bob@example.com"])
      assert.deepStrictEqual(r.refused, [])
      assert.strictEqual(r.reply.code, 250)
      assert.strictEqual(srv.mails.length, 1)
      const mail = srv.mails[0]!
      assert.strictEqual(mail.from, "alice@example.com")
      assert.deepStrictEqual(mail.to, ["bob@example.com"])
      assert.strictEqual(
        mail.raw.toString("utf8"),
        "Subject: dots\r\nFrom: alice@example.com\r\n\r\nfirst line\r\n.hidden?\r\n..two dots\r\n.\r\nlast\r\n"
      )
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("from and rcpt written as mailboxes with display names are sent as their <address>", () =>
    Effect.gen(function*() {
      const srv = yield* smtpServer()
      const r = yield* Smtp.send({
        ...base(srv.port),
        from: "Alice Example <alice@example.com>",
        rcpt: ["\"Bob, B.\" <bob@example.com>", "carol@example.com"],
        source: "Subject: x\r\n\r\nhi\r\n"
      })
      assert.strictEqual(r.reply.code, 250)
      assert.strictEqual(srv.mails[0]!.from, "alice@example.com")
      assert.deepStrictEqual(srv.mails[0]!.to, ["bob@example.com", "carol@example.com"])
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("several recipients, one refused (550): the send fails as Copas's; with partial: true the others get it", () =>
    Effect.gen(function*() {
      const srv = yield* smtpServer()
      const rcpt = ["<bob@example.com>", "<nobody@example.com>", "<carol@example.com>"]
      const e = failure(yield* Effect.exit(Smtp.send({ ...base(srv.port), rcpt, source: "Subject: x\r\n\r\nhi\r\n" })))
      assert.strictEqual(e._tag, "SmtpError")
      const se = e as unknown as SmtpError
      assert.strictEqual(se.code, 550)
      assert.include(se.text, "No such user here")
      assert.strictEqual(se.command, "RCPT TO:<nobody@example.com>")
      assert.strictEqual(srv.mails.length, 0)
      const r = yield* Smtp.send({ ...base(srv.port), rcpt, source: "Subject: x\r\n\r\nhi\r\n", partial: true })
      assert.deepStrictEqual(r.accepted, ["<bob@example.com>", "<carol@example.com>"])
      assert.strictEqual(r.refused.length, 1)
      assert.strictEqual(r.refused[0]!.recipient, "<nobody@example.com>")
      assert.strictEqual(r.refused[0]!.code, 550)
      assert.deepStrictEqual(srv.mails[0]!.to, ["bob@example.com", "carol@example.com"])
      // everyone refused: a failure even with partial
      const none = failure(yield* Effect.exit(Smtp.send({
        ...base(srv.port),
        rcpt: ["nobody@example.com"],
        source: "x",
        partial: true
      })))
      assert.strictEqual((none as unknown as SmtpError).code, 550)
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("AUTH LOGIN and PLAIN; a wrong password is 535; no login where it is required is 530", () =>
    Effect.gen(function*() {
      const srv = yield* smtpServer({ authOptional: false })
      const msg = { ...base(srv.port), rcpt: "bob@example.com", source: "Subject: auth\r\n\r\nhi\r\n" }
      yield* Smtp.send({ ...msg, user: "me", password: "secret" })
      yield* Smtp.send({ ...msg, user: "me", password: "secret", auth: "PLAIN" })
      assert.deepStrictEqual(srv.mails.map((m) => m.user), ["me", "me"])
      const wrong = failure(yield* Effect.exit(Smtp.send({ ...msg, user: "me", password: "nope", auth: "PLAIN" })))
      assert.strictEqual((wrong as unknown as SmtpError).code, 535)
      assert.strictEqual((wrong as unknown as SmtpError).command, "AUTH PLAIN ***")
      const wrongLogin = failure(yield* Effect.exit(Smtp.send({ ...msg, user: "me", password: "nope" })))
      assert.strictEqual((wrongLogin as unknown as SmtpError).code, 535)
      assert.strictEqual((wrongLogin as unknown as SmtpError).command, "AUTH LOGIN (password)")
      const anonymous = failure(yield* Effect.exit(Smtp.send(msg)))
      assert.strictEqual((anonymous as unknown as SmtpError).code, 530)
      assert.strictEqual(srv.mails.length, 2)
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("STARTTLS verifies the server by default; with its CA the mail goes out encrypted", () =>
    Effect.gen(function*() {
      const { ca, server, selfSigned } = makeCerts()
      const srv = yield* smtpServer({ key: server.key, cert: server.cert })
      const msg = { ...base(srv.port), rcpt: "bob@example.com", source: "Subject: tls\r\n\r\nsecret\r\n", tls: "starttls" as const }
      const r = yield* Smtp.send({ ...msg, tlsOptions: { ca }, user: "me", password: "secret" })
      assert.strictEqual(r.reply.code, 250)
      assert.isTrue(srv.mails[0]!.secure)
      assert.strictEqual(srv.mails[0]!.user, "me")
      // by host name too
      yield* Smtp.send({ ...msg, server: "localhost", tlsOptions: { ca } })
      // no CA: the certificate is not trusted
      const untrusted = failure(yield* Effect.exit(Smtp.send(msg)))
      assert.strictEqual(untrusted._tag, "TlsError")
      // a self-signed server, trusted explicitly
      const self = yield* smtpServer({ key: selfSigned.key, cert: selfSigned.cert })
      yield* Smtp.send({ ...msg, port: self.port, tlsOptions: { ca: selfSigned.cert } })
      assert.isTrue(self.mails[0]!.secure)
      // a server without STARTTLS: no silent fall back to plain text
      const plain = yield* smtpServer({ hideSTARTTLS: true })
      const e = failure(yield* Effect.exit(Smtp.send({ ...msg, port: plain.port, tlsOptions: { ca } })))
      assert.strictEqual(e._tag, "SmtpError")
      assert.strictEqual((e as unknown as SmtpError).text, "the server does not offer STARTTLS")
      assert.strictEqual(plain.mails.length, 0)
    }).pipe(Effect.provide(NodeCopas.layer)))

  // CVE-2011-0411 class: a man in the middle appends plain-text replies to the server's "220" for
  // STARTTLS (here a forged EHLO reply). They must never be read as if they came over TLS.
  it.scopedLive("STARTTLS: replies injected after the 220 in plain text are not read as TLS data; the send fails", () =>
    Effect.gen(function*() {
      const { ca, server } = makeCerts()
      const afterTls: Array<string> = []
      const srv = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, (sock) =>
        Effect.gen(function*() {
          yield* Socket.send(sock, "220 mx ESMTP\r\n")
          yield* Socket.receive(sock) // EHLO
          yield* Socket.send(sock, "250-mx\r\n250 STARTTLS\r\n")
          yield* Socket.receive(sock) // STARTTLS
          yield* Socket.send(sock, "220 ready\r\n250-mx\r\n250 AUTH PLAIN\r\n")
          yield* Socket.doHandshake(sock, { key: server.key, cert: server.cert })
          for (let i = 0; i < 20; i++) {
            const line = yield* Socket.receive(sock)
            afterTls.push(line)
            yield* Socket.send(sock, line === "DATA" ? "354 go\r\n" : line === "QUIT" ? "221 bye\r\n" : "250 ok\r\n")
          }
        }))
      yield* Copas.setErrorHandler(() => Effect.void, { default: true })
      const exit = yield* Effect.exit(Smtp.send({
        ...base(srv.port),
        rcpt: "bob@example.com",
        source: "Subject: x\r\n\r\nhi\r\n",
        tls: "starttls",
        tlsOptions: { ca, servername: "localhost" }
      }))
      yield* Server.removeServer(srv)
      const e = failure(exit)
      assert.strictEqual(e._tag, "TlsError")
      assert.strictEqual((e as { reason?: string }).reason, "handshake")
      assert.deepStrictEqual(afterTls, [])
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("implicit TLS", () =>
    Effect.gen(function*() {
      const { ca, server } = makeCerts()
      const srv = yield* smtpServer({ secure: true, key: server.key, cert: server.cert })
      yield* Smtp.send({ ...base(srv.port), rcpt: "bob@example.com", source: "Subject: 465\r\n\r\nhi\r\n", tls: "implicit", tlsOptions: { ca } })
      assert.isTrue(srv.mails[0]!.secure)
      const e = failure(yield* Effect.exit(Smtp.send({ ...base(srv.port), rcpt: "bob@example.com", source: "x", tls: "implicit" })))
      assert.strictEqual(e._tag, "TlsError")
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("a message with an attachment arrives byte for byte (checked by mailparser)", () =>
    Effect.gen(function*() {
      const srv = yield* smtpServer()
      const photo = new Uint8Array(randomBytes(100_003))
      const log = new Uint8Array(randomBytes(70_000))
      yield* Smtp.send({
        ...base(srv.port),
        rcpt: ["bob@example.com"],
        message: {
          headers: { from: "Älice Ünger <alice@example.com>", to: "bob@example.com", subject: "Fotos vom Ausflug ✓" },
          body: {
            preamble: "This is a MIME message.",
            parts: [
              { body: "Hallo Bob,\n.here is a line starting with a dot\nGrüße\n" },
              {
                headers: { "content-type": "image/png", "content-disposition": "attachment; filename=\"photo.png\"" },
                body: photo
              },
              {
                // a stream attachment: 69 chunks of 1000 bytes (range is inclusive)
                headers: { "content-type": "application/octet-stream", "content-disposition": "attachment; filename=\"log.bin\"" },
                body: Stream.range(0, 68).pipe(Stream.map((i) => log.subarray(i * 1000, i * 1000 + 1000)))
              }
            ],
            epilogue: "bye"
          }
        }
      })
      const parsed = yield* Effect.promise(() => simpleParser(srv.mails[0]!.raw))
      assert.strictEqual(parsed.subject, "Fotos vom Ausflug ✓")
      assert.strictEqual(parsed.from?.value[0]?.name, "Älice Ünger")
      assert.strictEqual(parsed.from?.value[0]?.address, "alice@example.com")
      assert.strictEqual(parsed.text, "Hallo Bob,\n.here is a line starting with a dot\nGrüße\n")
      assert.instanceOf(parsed.date, Date)
      assert.match(parsed.messageId ?? "", /^<.+@example\.com>$/)
      assert.strictEqual(parsed.headers.get("mime-version"), "1.0")
      assert.strictEqual(parsed.attachments.length, 2)
      const [a, b] = parsed.attachments
      assert.strictEqual(a!.filename, "photo.png")
      assert.strictEqual(a!.contentType, "image/png")
      assert.isTrue(Buffer.compare(a!.content, photo) === 0, "photo differs")
      assert.strictEqual(b!.filename, "log.bin")
      assert.isTrue(Buffer.compare(b!.content, log.subarray(0, 69_000)) === 0, "log differs")
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("sends run as concurrent Copas tasks", () =>
    Effect.gen(function*() {
      const srv = yield* smtpServer()
      yield* NodeCopas.run(Effect.forEach([1, 2, 3, 4, 5], (n) =>
        Copas.addThread(Smtp.send({
          ...base(srv.port),
          rcpt: `user${n}@example.com`,
          message: { headers: { subject: `mail ${n}` }, body: `number ${n}\n` }
        })), { discard: true }))
      assert.deepStrictEqual(srv.mails.map((m) => m.to[0]).sort(), [1, 2, 3, 4, 5].map((n) => `user${n}@example.com`))
    }))
})

describe("Smtp.send against a scripted server", () => {
  it.scopedLive("EHLO refused: HELO; the wire carries dot-stuffed CRLF lines", () =>
    Effect.gen(function*() {
      const fake = yield* fakeServer((line) => {
        if (line.startsWith("EHLO")) return "502 5.5.1 EHLO not implemented\r\n"
        if (line.startsWith("HELO")) return "250 fake.test\r\n"
        if (line === "DATA") return "354 go ahead\r\n"
        if (line === "QUIT") return "221 bye\r\n"
        return "250 OK\r\n"
      })
      const r = yield* Smtp.send({
        ...base(fake.port),
        domain: "client.test",
        rcpt: ["a@x.test", "<b@x.test>"],
        source: Stream.make("Subject: s\r\n\r\n.one\n", "..two\r", "\n.", "\rend")
      })
      assert.strictEqual(r.reply.text, "2.0.0 queued as FAKE1")
      assert.deepStrictEqual(fake.lines, [
        "EHLO client.test", "HELO client.test", "MAIL FROM:<alice@example.com>", "RCPT TO:<a@x.test>",
        "RCPT TO:<b@x.test>", "DATA", "QUIT"
      ])
      assert.strictEqual(fake.data[0], "Subject: s\r\n\r\n..one\r\n...two\r\n..\r\nend\r\n")
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("replies with a bare code (RFC 5321: the text is optional) are read, not malformed", () =>
    Effect.gen(function*() {
      const fake = yield* fakeServer((line) => {
        if (line === "DATA") return "354\r\n"
        if (line === "QUIT") return "221\r\n"
        if (line.startsWith("RCPT TO:<nobody")) return "550\r\n"
        return "250\r\n"
      })
      const r = yield* Smtp.send({ ...base(fake.port), rcpt: "b@x.test", source: "x" })
      assert.strictEqual(r.reply.code, 250)
      assert.deepStrictEqual(r.accepted, ["b@x.test"])
      const e = failure(yield* Effect.exit(Smtp.send({ ...base(fake.port), rcpt: "nobody@x.test", source: "x" })))
      assert.strictEqual((e as unknown as SmtpError).code, 550)
      assert.strictEqual((e as unknown as SmtpError).text, "")
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.scopedLive("a refused sender, a closed connection, connection refused, a silent server", () =>
    Effect.gen(function*() {
      const fake = yield* fakeServer((line) => line.startsWith("MAIL") ? "553 5.7.1 sender rejected\r\n" : "250 OK\r\n")
      const e = failure(yield* Effect.exit(Smtp.send({ ...base(fake.port), rcpt: "b@x.test", source: "x" })))
      assert.strictEqual((e as unknown as SmtpError).code, 553)
      assert.strictEqual((e as unknown as SmtpError).text, "5.7.1 sender rejected")
      assert.strictEqual((e as unknown as SmtpError).command, "MAIL FROM:<alice@example.com>")
      const closing = yield* fakeServer((line) => {
        if (line.startsWith("RCPT")) return ""
        return "250 OK\r\n"
      })
      const closed = failure(yield* Effect.exit(Smtp.send({ ...base(closing.port), rcpt: "b@x.test", source: "x", timeout: 2000 })))
      assert.strictEqual(closed._tag, "ClosedError")
      const port = yield* closedPort
      const refused = failure(yield* Effect.exit(Smtp.send({ ...base(port), rcpt: "b@x.test", source: "x" })))
      assert.strictEqual(refused._tag, "ConnectError")
      // a server that never greets: the timeout ends the wait
      const silent = yield* Effect.acquireRelease(
        Effect.async<net.Server>((resume) => {
          const s = net.createServer((c) => c.on("error", () => {}))
          s.listen(0, "127.0.0.1", () => resume(Effect.succeed(s)))
        }),
        (s) => Effect.sync(() => s.close())
      )
      const t0 = performance.now()
      const timedOut = failure(yield* Effect.exit(Smtp.send({
        ...base((silent.address() as net.AddressInfo).port),
        rcpt: "b@x.test",
        source: "x",
        timeout: "200 millis"
      })))
      assert.strictEqual(timedOut._tag, "TimeoutError")
      assert.isAtLeast(performance.now() - t0, 190)
    }).pipe(Effect.provide(NodeCopas.layer)))

  it.live("bad options are defects", () =>
    Effect.gen(function*() {
      const both = yield* Effect.exit(Smtp.send({ from: "a@b", rcpt: "c@d", source: "x", message: { body: "y" } }))
      assert.isTrue(Exit.isFailure(both) && Cause.isDie(both.cause))
      const noRcpt = yield* Effect.exit(Smtp.send({ from: "a@b", rcpt: [], source: "x" }))
      assert.isTrue(Exit.isFailure(noRcpt) && Cause.isDie(noRcpt.cause))
      const crlf = yield* Effect.exit(Smtp.send({ from: "a@b\r\nRCPT TO:<evil@x>", rcpt: "c@d", source: "x" }))
      assert.isTrue(Exit.isFailure(crlf) && Cause.isDie(crlf.cause))
    }).pipe(Effect.provide(NodeCopas.layer)))
})

// ---- building messages --------------------------------------------------------------------------

describe("Smtp.message", () => {
  const render = <E>(s: Stream.Stream<Uint8Array, E>) => Stream.mkString(Stream.decodeText(s))

  it.effect("headers: defaults added, canonical names, RFC 2047 for non-ASCII words; CR/LF in a value is a defect", () =>
    Effect.gen(function*() {
      const text = yield* render(Smtp.message({
        headers: { "content-type": "text/plain; charset=utf-8", subject: "Grüße aus Köln", "x-thing": "a", from: "\"Zoë\" <z@example.org>" },
        body: "body\r\n"
      }))
      const [head, body] = text.split("\r\n\r\n")
      const lines = head!.split("\r\n")
      assert.include(lines, "Content-Type: text/plain; charset=utf-8")
      assert.include(lines, "X-Thing: a")
      assert.include(lines, "MIME-Version: 1.0")
      assert.include(lines, `X-Mailer: ${Smtp.MAILER}`)
      assert.isTrue(lines.some((l) => /^Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} -0000$/.test(l)), head)
      assert.isTrue(lines.some((l) => /^Message-ID: <[^>]+@example\.org>$/.test(l)), head)
      assert.include(lines, `Subject: =?UTF-8?B?${Buffer.from("Grüße aus Köln").toString("base64")}?=`)
      assert.include(lines, `From: =?UTF-8?B?${Buffer.from("Zoë").toString("base64")}?= <z@example.org>`)
      assert.strictEqual(body, "body\r\n")
      // given headers are kept
      const kept = yield* render(Smtp.message({ headers: { Date: "yesterday", "Message-Id": "<1@x>" }, body: "" }))
      assert.include(kept, "Date: yesterday\r\n")
      assert.include(kept, "Message-ID: <1@x>\r\n")
      const bad = yield* Effect.exit(render(Smtp.message({ headers: { subject: "a\r\nBcc: evil@x" }, body: "" })))
      assert.isTrue(Exit.isFailure(bad) && Cause.isDie(bad.cause))
    }))

  it.effect("address headers: only display names are encoded (quoted names, several mailboxes), checked by mailparser", () =>
    Effect.gen(function*() {
      const text = yield* render(Smtp.message({
        headers: {
          from: "\"Zoë Smith\" <zoe@x.test>",
          to: "Zoë <zoe@x.test>, \"Doe, Jöhn\" <john@x.test>, plain@x.test",
          cc: "Ann Müller <ann@x.test>",
          subject: "Grüße, \"Zoë\" <hi>"
        },
        body: "hi\r\n"
      }))
      const head = text.split("\r\n\r\n")[0]!.split("\r\n")
      assert.include(head, `From: =?UTF-8?B?${Buffer.from("Zoë Smith").toString("base64")}?= <zoe@x.test>`)
      const parsed = yield* Effect.promise(() => simpleParser(text))
      const list = (a: unknown) =>
        (Array.isArray(a) ? a : [a]).flatMap((x: { value: Array<{ name: string; address?: string }> }) =>
          x.value.map((v) => [v.name, v.address])
        )
      assert.deepStrictEqual(list(parsed.from), [["Zoë Smith", "zoe@x.test"]])
      assert.deepStrictEqual(list(parsed.to), [["Zoë", "zoe@x.test"], ["Doe, Jöhn", "john@x.test"], ["", "plain@x.test"]])
      assert.deepStrictEqual(list(parsed.cc), [["Ann Müller", "ann@x.test"]])
      assert.strictEqual(parsed.subject, "Grüße, \"Zoë\" <hi>")
    }))

  it.effect("a long non-ASCII subject or name is folded between encoded-words: no line over 76, checked by mailparser", () =>
    Effect.gen(function*() {
      const subject = "Größenänderung — 日本語の件名です ".repeat(40).trim()
      const name = "Jürgen ".repeat(30).trim()
      const text = yield* render(Smtp.message({ headers: { subject, to: `"${name}" <j@x.test>` }, body: "hi\r\n" }))
      const head = text.split("\r\n\r\n")[0]!.split("\r\n")
      const subjectAt = head.findIndex((l) => l.startsWith("Subject: "))
      assert.isAbove(head.filter((l) => l.startsWith(" =?UTF-8?B?")).length, 20)
      for (const l of head.filter((l) => l.includes("=?UTF-8?B?"))) {
        assert.isAtMost(l.length, l.startsWith(" ") ? 76 : 9 + 75, l)
      }
      assert.isTrue(head[subjectAt + 1]!.startsWith(" =?UTF-8?B?"))
      const parsed = yield* Effect.promise(() => simpleParser(text))
      assert.strictEqual(parsed.subject, subject)
      assert.deepStrictEqual((parsed.to as { value: Array<{ name: string; address: string }> }).value, [{ name, address: "j@x.test" }])
    }))

  it.effect("a non-ASCII file name is an RFC 2231 parameter (not an encoded-word that hides it), checked by mailparser", () =>
    Effect.gen(function*() {
      const text = yield* render(Smtp.message({
        body: [
          { body: "see attached\r\n" },
          {
            headers: {
              "content-type": "text/plain; charset=utf-8; name=\"Übersicht (1).txt\"",
              "content-disposition": "attachment; filename=\"Übersicht (1).txt\"; size=4"
            },
            body: new TextEncoder().encode("data")
          }
        ]
      }))
      assert.include(text, "Content-Disposition: attachment; filename*=UTF-8''%C3%9Cbersicht%20%281%29.txt; size=4\r\n")
      assert.include(text, "Content-Type: text/plain; charset=utf-8; name*=UTF-8''%C3%9Cbersicht%20%281%29.txt\r\n")
      const parsed = yield* Effect.promise(() => simpleParser(text))
      assert.strictEqual(parsed.attachments.length, 1)
      assert.strictEqual(parsed.attachments[0]!.filename, "Übersicht (1).txt")
      assert.strictEqual(parsed.attachments[0]!.content.toString(), "data")
    }))

  it.effect("multipart as LuaSocket: boundary, preamble, parts, closing boundary, epilogue; bytes in base64 lines", () =>
    Effect.gen(function*() {
      const bytes = new Uint8Array(200).map((_, i) => i)
      const text = yield* render(Smtp.message({
        headers: { "content-type": "multipart/alternative" },
        body: { preamble: "pre", parts: [{ body: "one" }, { headers: { "content-type": "image/gif" }, body: bytes }], epilogue: "epi" }
      }))
      const bd = /Content-Type: multipart\/alternative; boundary="([^"]+)"/.exec(text)![1]!
      const body = text.slice(text.indexOf("\r\n\r\n") + 4)
      const b64 = Buffer.from(bytes).toString("base64")
      assert.strictEqual(
        body,
        `pre\r\n\r\n--${bd}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\none` +
          `\r\n--${bd}\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
          `${b64.slice(0, 76)}\r\n${b64.slice(76, 152)}\r\n${b64.slice(152, 228)}\r\n${b64.slice(228)}\r\n` +
          `\r\n--${bd}--\r\n\r\nepi\r\n`
      )
    }))
})

// ---- in memory, under TestClock ------------------------------------------------------------------

describe("Smtp on the in-memory network", () => {
  const TestCopas = Layer.merge(Copas.layer, MemorySockets.layer)

  /** a tiny SMTP server written with this library's own sockets */
  const memoryMailServer = (received: Array<string>, greet = true) => (sock: Socket.CopasSocket) =>
    Effect.gen(function*() {
      if (!greet) return yield* Socket.receive(sock) // says nothing; waits for the client to give up
      yield* Socket.send(sock, "220 memory ESMTP\r\n")
      for (;;) {
        const line = yield* Socket.receive(sock)
        if (line.startsWith("EHLO")) yield* Socket.send(sock, "250-memory\r\n250 8BITMIME\r\n")
        else if (line === "DATA") {
          yield* Socket.send(sock, "354 go on\r\n")
          const lines: Array<string> = []
          for (let l = yield* Socket.receive(sock); l !== "."; l = yield* Socket.receive(sock)) lines.push(l)
          received.push(lines.join("\n"))
          yield* Socket.send(sock, "250 kept in memory\r\n")
        } else if (line === "QUIT") return yield* Socket.send(sock, "221 bye\r\n")
        else yield* Socket.send(sock, "250 OK\r\n")
      }
    })

  it.effect("a send needs no real socket and no real time", () =>
    Effect.gen(function*() {
      const received: Array<string> = []
      const result = yield* Deferred.make<Smtp.SendResult>()
      yield* Copas.loop(Effect.gen(function*() {
        const server = yield* Server.addServer({ port: 0 }, memoryMailServer(received))
        const r = yield* Smtp.send({
          server: "127.0.0.1",
          port: server.port,
          from: "a@mem",
          rcpt: "b@mem",
          message: { headers: { subject: "in memory" }, body: "hello\n.dot\n" }
        })
        yield* Deferred.succeed(result, r)
        yield* Server.removeServer(server)
      })).pipe(Effect.provide(TestCopas))
      assert.strictEqual((yield* Deferred.await(result)).reply.text, "kept in memory")
      assert.match(received[0]!, /^Subject: in memory$/m)
      assert.isTrue(received[0]!.endsWith("\n\nhello\n..dot"))
    }))

  it.effect("a silent server: the 60 s default limit ends the send, in TestClock time", () =>
    Effect.gen(function*() {
      const outcome = yield* Deferred.make<string>()
      const loop = yield* Effect.fork(Copas.loop(Effect.gen(function*() {
        yield* Copas.setErrorHandler(() => Effect.void, { default: true })
        const server = yield* Server.addServer({ port: 0 }, memoryMailServer([], false))
        const e = yield* Effect.flip(Smtp.send({ server: "127.0.0.1", port: server.port, from: "a@mem", rcpt: "b@mem", source: "x" }))
        yield* Deferred.succeed(outcome, e._tag)
        yield* Server.removeServer(server)
      })).pipe(Effect.provide(TestCopas)))
      yield* settleMemory
      yield* TestClock.adjust("59 seconds")
      yield* settleMemory
      assert.isFalse(yield* Deferred.isDone(outcome))
      yield* TestClock.adjust("1 second")
      assert.strictEqual(yield* Deferred.await(outcome), "TimeoutError")
      yield* Fiber.join(loop)
    }))
})

// Demanding-user trial of Smtp against smtp-server: UTF-8, dot-stuffing, attachments, long lines.
import { simpleParser } from "mailparser"
import * as net from "node:net"
import { SMTPServer } from "smtp-server"
import { Console, Effect, Stream } from "effect"
import * as Smtp from "effect-copas/Smtp"
import * as NodeCopas from "effect-copas/NodeCopas"

const server = Effect.acquireRelease(
  Effect.async<{ srv: SMTPServer; port: number; mails: Array<{ raw: Buffer; to: Array<string>; from: string }> }>((resume) => {
    const mails: Array<{ raw: Buffer; to: Array<string>; from: string }> = []
    const srv = new SMTPServer({
      logger: false, authOptional: true, allowInsecureAuth: true, size: 50 * 1024 * 1024,
      onRcptTo(a, _s, cb) { a.address.startsWith("nobody@") ? cb(Object.assign(new Error("No such user"), { responseCode: 550 })) : cb() },
      onData(stream, session, cb) {
        const chunks: Array<Buffer> = []
        stream.on("data", (c: Buffer) => chunks.push(c))
        stream.on("end", () => {
          mails.push({ raw: Buffer.concat(chunks), to: session.envelope.rcptTo.map((r) => r.address), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "" })
          if ((stream as any).sizeExceeded) return cb(Object.assign(new Error("too big"), { responseCode: 552 }))
          cb()
        })
      }
    })
    srv.on("error", () => {})
    srv.listen(0, "127.0.0.1", () => resume(Effect.succeed({ srv, port: ((srv as any).server as net.Server).address().port, mails })))
  }),
  ({ srv }) => Effect.async<void>((r) => void srv.close(() => r(Effect.void)))
)

const program = Effect.gen(function*() {
  const { port, mails } = yield* server
  const base = { server: "127.0.0.1", port, from: "alice@example.com" }
  const longSubject = "Größenänderung der Übersetzung — 日本語の件名です ".repeat(8)
  const body = [
    "Grüße aus Köln!",
    ".",
    "..two dots",
    ".leading dot",
    "x".repeat(3000),
    "end"
  ].join("\n") + "\n"
  const att = new Uint8Array(100_000).map((_, i) => (i * 31) & 0xff)
  const r = yield* Smtp.send({
    ...base,
    rcpt: ["bob@example.com", "<carol@example.com>"],
    message: {
      headers: {
        from: "Jürgen Müller <alice@example.com>",
        to: "\"Bob, the Builder\" <bob@example.com>, Carol <carol@example.com>",
        cc: "Zoë <zoe@example.com>",
        subject: longSubject
      },
      body: [
        { headers: { "content-type": "multipart/alternative" }, body: [
          { body },
          { headers: { "content-type": "text/html; charset=utf-8" }, body: "<p>Grüße</p>\n" }
        ] },
        { headers: { "content-type": "application/octet-stream", "content-disposition": "attachment; filename=\"data.bin\"" }, body: att },
        { headers: { "content-type": "text/plain", "content-disposition": "attachment; filename=\"ünï.txt\"" }, body: Stream.make(new TextEncoder().encode("streamed attachment\n")) }
      ]
    }
  })
  yield* Console.log("send:", JSON.stringify(r))
  const raw = mails[0]!.raw
  const lines = raw.toString("latin1").split("\r\n")
  yield* Console.log(`raw: ${raw.length} bytes, longest line ${Math.max(...lines.map((l) => l.length))}; header lines > 78: ${lines.slice(0, lines.indexOf("")).filter((l) => l.length > 78).map((l) => l.length)}`)
  yield* Console.log(lines.slice(0, lines.indexOf("")).map((l) => l.slice(0, 120)).join("\n"))
  const parsed = yield* Effect.promise(() => simpleParser(raw))
  yield* Console.log(`subject ok: ${parsed.subject === longSubject.trim() || parsed.subject === longSubject} ${JSON.stringify(parsed.subject)}`)
  yield* Console.log(`from: ${JSON.stringify(parsed.from?.value)} to: ${JSON.stringify((parsed.to as any)?.value)} cc: ${JSON.stringify((parsed.cc as any)?.value)}`)
  yield* Console.log(`text ok: ${parsed.text === body} ${JSON.stringify(parsed.text?.slice(0, 80))}`)
  yield* Console.log(`attachments: ${parsed.attachments.map((a) => `${a.filename} ${a.size} ${a.contentType} ${a.filename === "data.bin" ? Buffer.compare(a.content, Buffer.from(att)) === 0 : a.content.toString()}`).join(" | ")}`)
  // source string with dots, bare CR, no final newline
  yield* Smtp.send({ ...base, rcpt: "bob@example.com", source: "Subject: dots\r\n\r\n.\r\n.\n..\r.x\nlast" })
  yield* Console.log(`dots: ${JSON.stringify(mails[1]!.raw.toString())}`)
  // source stream with \r and \n split across chunks and dot at chunk start
  yield* Smtp.send({ ...base, rcpt: "bob@example.com", source: Stream.make("Subject: s\r", "\n\r\n", "a\r", "\n", ".b\r\n", ".", "\r\n", "end") })
  yield* Console.log(`split: ${JSON.stringify(mails[2]!.raw.toString())}`)
  // address forms
  const e1 = yield* Effect.either(Smtp.send({ ...base, rcpt: "Bob <bob@example.com>", source: "x" }))
  yield* Console.log(`display-name rcpt: ${e1._tag === "Left" ? `${(e1.left as any).code} ${(e1.left as any).text} ${(e1.left as any).command}` : "ok " + JSON.stringify(mails.at(-1)!.to)}`)
  const e2 = yield* Effect.either(Smtp.send({ ...base, from: "", rcpt: "bob@example.com", source: "x" }))
  yield* Console.log(`null sender: ${e2._tag === "Left" ? `${(e2.left as any).code} ${(e2.left as any).text} ${(e2.left as any).command}` : "ok from=" + JSON.stringify(mails.at(-1)!.from)}`)
  const e3 = yield* Effect.either(Smtp.send({ ...base, from: "<>", rcpt: "bob@example.com", source: "x" }))
  yield* Console.log(`null sender <>: ${e3._tag === "Left" ? `${(e3.left as any).code} ${(e3.left as any).text}` : "ok from=" + JSON.stringify(mails.at(-1)!.from)}`)
})

Effect.runPromise(NodeCopas.run(Effect.scoped(program))).then(() => { console.log("done"); process.exit(0) }, (e) => { console.error("ERR", e); process.exit(1) })

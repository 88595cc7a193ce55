/**
 * Several mails sent at once, each a Copas task: a plain note, a message with an attachment
 * built by `Smtp.message`, and one whose recipients are partly unknown to the server. The loop
 * ends by itself when every task is done.
 *
 * There is no internet here, so the example first starts a local SMTP server (smtp-server, a
 * dev dependency) on a free port; it knows every mailbox but "nobody@example.com", prints a line
 * per mail it receives, and is closed at the end.
 *
 *   npx tsx examples/smtp.ts
 */
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Smtp from "effect-copas/Smtp"
import type { AddressInfo, Server } from "node:net"
import { SMTPServer } from "smtp-server"

/** a local mail server, closed at the end */
const localMailServer = Effect.acquireRelease(
  Effect.async<{ server: SMTPServer; port: number }>((resume) => {
    const server = new SMTPServer({
      logger: false,
      authOptional: true,
      onRcptTo(address, _session, cb) {
        if (address.address === "nobody@example.com") {
          cb(Object.assign(new Error("no such mailbox"), { responseCode: 550 }))
        } else cb()
      },
      onData(stream, session, cb) {
        let size = 0
        stream.on("data", (chunk: Buffer) => (size += chunk.length))
        stream.on("end", () => {
          const to = session.envelope.rcptTo.map((r) => r.address).join(", ")
          console.log(`server: got ${size} bytes for ${to}`)
          cb()
        })
      }
    })
    server.listen(0, "127.0.0.1", () =>
      resume(Effect.succeed({ server, port: ((server as unknown as { server: Server }).server.address() as AddressInfo).port })))
  }),
  ({ server }) => Effect.async<void>((resume) => void server.close(() => resume(Effect.void)))
)

const program = Effect.gen(function*() {
  const { port } = yield* localMailServer
  const via = { server: "127.0.0.1", port, from: "<robot@example.com>" }

  const note = Smtp.send({
    ...via,
    rcpt: "<alice@example.com>",
    message: {
      headers: { from: "Robot <robot@example.com>", to: "alice@example.com", subject: "Hello" },
      body: "Hello Alice,\n.this line starts with a dot and arrives as it is.\n"
    }
  })

  const report = Smtp.send({
    ...via,
    rcpt: ["<bob@example.com>", "<carol@example.com>"],
    message: {
      headers: { from: "Robot <robot@example.com>", to: "bob, carol", subject: "Nightly report" },
      body: [
        { body: "The report is attached.\n" },
        {
          headers: { "content-type": "text/csv", "content-disposition": "attachment; filename=\"report.csv\"" },
          body: new TextEncoder().encode("day,builds,failures\nmon,12,0\ntue,15,1\n")
        }
      ]
    }
  })

  const partly = Smtp.send({
    ...via,
    rcpt: ["<dave@example.com>", "<nobody@example.com>"],
    source: "Subject: Who is there?\r\n\r\nSomeone will read this.\r\n",
    partial: true
  })

  const task = (name: string, send: typeof note) =>
    Copas.addThread(send.pipe(
      Effect.flatMap((r) =>
        Console.log(
          `${name}: sent to ${r.accepted.join(", ")}` +
            (r.refused.length > 0 ? `; refused ${r.refused.map((x) => `${x.recipient} (${x.code})`).join(", ")}` : "")
        )
      ),
      Effect.catchAll((e) => Console.log(`${name}: failed: ${e.message}`))
    ))

  yield* NodeCopas.run(Effect.all([task("note", note), task("report", report), task("partly", partly)]))
  yield* Console.log("all mails done")
})

Effect.runPromise(Effect.scoped(program))

/**
 * The machinery behind `Smtp.send`: LuaSocket's `socket.smtp` on our sockets, with STARTTLS
 * through `Socket.doHandshake` and implicit TLS through a TLS socket.
 *
 * @internal
 */
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { Copas } from "../Copas.js"
import type { ClosedError, ConnectError, LineTooLongError, SocketError, TimeoutError, TlsError } from "../Errors.js"
import { SmtpError } from "../Errors.js"
import * as Socket from "../Socket.js"
import { dataEncoding } from "./smtpMessage.js"
import * as Tp from "./tp.js"

/** Every failure of `Smtp.send`. */
export type Failure = SmtpError | ConnectError | TimeoutError | ClosedError | SocketError | LineTooLongError | TlsError

export interface Plan {
  readonly server: string
  readonly port: number
  readonly domain: string
  readonly from: string
  readonly rcpt: ReadonlyArray<string>
  readonly user: string | undefined
  readonly password: string | undefined
  readonly auth: "PLAIN" | "LOGIN" | undefined
  readonly tls: false | "starttls" | "implicit"
  readonly tlsOptions: Socket.TlsOptions
  readonly timeout: Duration.DurationInput | undefined
  readonly partial: boolean
}

export interface Refusal {
  readonly recipient: string
  readonly code: number
  readonly text: string
}

export interface Result {
  readonly accepted: ReadonlyArray<string>
  readonly refused: ReadonlyArray<Refusal>
  readonly reply: Tp.Reply
}

type R = Copas | Socket.Sockets

const smtpError = (f: Tp.ProtocolFailure): SmtpError =>
  new SmtpError({ code: f.code, text: f.text, command: f.command })

const exchange = (sock: Socket.CopasSocket, verb: string, argument: string | undefined, expect: Tp.Expect, shown?: string) =>
  Tp.exchange(sock, verb, argument, expect, smtpError, shown)

/**
 * The SMTP path of an address: `a@b` becomes `<a@b>`, `<a@b>` stays, and a mailbox with a display
 * name (`Alice <a@b>`, as in a From header) gives its `<a@b>`: sent as it was, the server answered
 * 501 to `<Alice <a@b>>` (LuaSocket sends what it is given; a header-style value is what users have).
 */
export const path = (address: string): string => {
  const a = address.trim()
  if (a.startsWith("<")) return a
  const bracketed = /<([^<>]*)>$/.exec(a)
  return bracketed !== null ? `<${bracketed[1]}>` : `<${a}>`
}

/** The EHLO keywords, upper-cased (the first line is the greeting, skipped). */
const extensions = (r: Tp.Reply): Array<string> => r.text.split("\n").slice(1).map((l) => l.trim().toUpperCase())

/** EHLO, or HELO when the server does not know EHLO (a 5xx); returns the extensions. */
const hello = (sock: Socket.CopasSocket, domain: string): Effect.Effect<Array<string>, Failure> =>
  Effect.gen(function*() {
    yield* Tp.command(sock, "EHLO", domain)
    const r = yield* Tp.readReply(sock, smtpError)
    if (r.code >= 200 && r.code < 300) return extensions(r)
    if (r.code < 500) return yield* new SmtpError({ code: r.code, text: r.text, command: `EHLO ${domain}` })
    yield* exchange(sock, "HELO", domain, 2)
    return []
  })

const authMechanisms = (ext: ReadonlyArray<string>): Set<string> => {
  const out = new Set<string>()
  for (const e of ext) {
    const m = /^AUTH[ =](.*)$/.exec(e)
    if (m !== null) for (const w of m[1]!.split(/\s+/)) if (w !== "") out.add(w)
  }
  return out
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64")

/** AUTH LOGIN or PLAIN (LuaSocket's order: LOGIN if offered, then PLAIN) unless told which. */
const authenticate = (sock: Socket.CopasSocket, plan: Plan, ext: ReadonlyArray<string>): Effect.Effect<void, Failure> =>
  Effect.gen(function*() {
    if (plan.user === undefined || plan.password === undefined) return
    const offered = authMechanisms(ext)
    const method = plan.auth ?? (offered.has("LOGIN") ? "LOGIN" : offered.has("PLAIN") ? "PLAIN" : undefined)
    if (method === undefined || (plan.auth === undefined && !offered.has(method))) {
      return yield* new SmtpError({ text: "authentication not supported", command: "AUTH" })
    }
    if (method === "PLAIN") {
      yield* exchange(sock, "AUTH", `PLAIN ${b64(`\0${plan.user}\0${plan.password}`)}`, 235, "AUTH PLAIN ***")
      return
    }
    yield* exchange(sock, "AUTH", "LOGIN", 334, "AUTH LOGIN")
    yield* exchange(sock, b64(plan.user), undefined, 334, "AUTH LOGIN (user)")
    yield* exchange(sock, b64(plan.password), undefined, 235, "AUTH LOGIN (password)")
  })

const toBytes = (c: Uint8Array | string): Uint8Array => typeof c === "string" ? Buffer.from(c, "utf8") : c

/** Connect, greet, (STARTTLS,) authenticate, MAIL, RCPT..., DATA, QUIT. */
export const send = <E, R2>(
  plan: Plan,
  source: Stream.Stream<Uint8Array | string, E, R2>
): Effect.Effect<Result, Failure | E, R | R2> =>
  Effect.scoped(Effect.gen(function*() {
    const sock = yield* Effect.acquireRelease(
      Socket.tcp({
        name: `smtp ${plan.server}:${plan.port}`,
        ...(plan.tls === "implicit" ? { tls: plan.tlsOptions } : {})
      }),
      Socket.close
    )
    if (plan.timeout !== undefined) yield* Socket.setTimeout(sock, plan.timeout)
    yield* Socket.connect(sock, plan.server, plan.port)
    yield* Tp.check(sock, 2, smtpError, "(greeting)")
    let ext = yield* hello(sock, plan.domain)
    if (plan.tls === "starttls") {
      if (!ext.includes("STARTTLS")) {
        return yield* new SmtpError({ text: "the server does not offer STARTTLS", command: "STARTTLS" })
      }
      yield* exchange(sock, "STARTTLS", undefined, 220)
      yield* Socket.doHandshake(sock, plan.tlsOptions)
      ext = yield* hello(sock, plan.domain)
    }
    yield* authenticate(sock, plan, ext)
    yield* exchange(sock, "MAIL", `FROM:${path(plan.from)}`, 2)
    const accepted: Array<string> = []
    const refused: Array<Refusal> = []
    for (const to of plan.rcpt) {
      yield* Tp.command(sock, "RCPT", `TO:${path(to)}`)
      const r = yield* Tp.readReply(sock, smtpError)
      if (r.code >= 200 && r.code < 300) accepted.push(to)
      else if (!plan.partial) {
        return yield* new SmtpError({ code: r.code, text: r.text, command: `RCPT TO:${path(to)}` })
      } else refused.push({ recipient: to, code: r.code, text: r.text })
    }
    if (accepted.length === 0) {
      const first = refused[0]
      return yield* new SmtpError({
        code: first?.code,
        text: first === undefined ? "no recipients" : `no recipient accepted: ${first.text}`,
        command: first === undefined ? "RCPT" : `RCPT TO:${path(first.recipient)}`
      })
    }
    yield* exchange(sock, "DATA", undefined, 354)
    yield* Stream.runForEach(dataEncoding(Stream.map(source, toBytes)), (chunk) => Socket.send(sock, chunk))
    const reply = yield* Tp.check(sock, 2, smtpError, "DATA (end of message)")
    yield* Tp.quit(sock, smtpError)
    return { accepted, refused, reply }
  }))

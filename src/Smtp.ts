/**
 * Copas's `copas.smtp` (LuaSocket's `socket.smtp` on Copas sockets): {@link send} delivers a
 * message to an SMTP server, {@link message} builds a MIME message as LuaSocket's
 * `smtp.message` does. Our own client on `CopasSocket`, so a send is a task that suspends on
 * I/O while the other tasks run.
 *
 * `send` greets with EHLO (HELO when the server does not know EHLO), upgrades with STARTTLS
 * (`tls: "starttls"`, through `Socket.doHandshake`) or starts in TLS (`tls: "implicit"`, port
 * 465), authenticates with AUTH LOGIN or PLAIN when given a user and password, then sends MAIL,
 * one RCPT per recipient, DATA and QUIT. The message goes out as it is produced (a `Stream` is
 * never held whole), with CRLF line ends and dot-stuffing.
 *
 * Differences from Copas, on purpose: TLS (STARTTLS or implicit) is built in and verifies the
 * server's certificate and host name by default (opt out with `tlsOptions: { verify: false }`;
 * a private CA goes in `tlsOptions.ca`); a STARTTLS that the server does not offer fails rather
 * than going on in plain text; `partial: true` delivers to the recipients that were accepted
 * (Copas fails the whole send on the first refused one, which stays the default); `send`
 * returns who was accepted and refused and the server's final reply; `message` adds a
 * Message-ID, uses UTF-8 (encoding non-ASCII header words as RFC 2047 says, and non-ASCII
 * parameters such as a file name as RFC 2231 says) and base64-encodes byte bodies.
 *
 * Failures: `SmtpError` with the server's reply `code` and `text` and the `command` refused
 * (secrets hidden), e.g. 535 for a wrong password or 550 for an unknown mailbox; the
 * connection's own typed errors (`ConnectError`, `ClosedError`, `TimeoutError`, `TlsError` ...).
 * Every socket operation has a limit of {@link TIMEOUT} (60 seconds) unless `timeout` says
 * otherwise.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as NodeCopas from "effect-copas/NodeCopas"
 * import * as Smtp from "effect-copas/Smtp"
 *
 * Effect.runPromise(NodeCopas.run(
 *   Smtp.send({
 *     from: "<alice@example.com>",
 *     rcpt: ["<bob@example.com>", "<carol@example.com>"],
 *     message: {
 *       headers: { from: "Alice <alice@example.com>", to: "Bob <bob@example.com>", subject: "Lunch?" },
 *       body: "Noon at the usual place?\n"
 *     },
 *     server: "127.0.0.1",
 *     port: 2525
 *   })
 * ))
 * ```
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { Copas } from "./Copas.js"
import * as internal from "./internal/smtp.js"
import * as mime from "./internal/smtpMessage.js"
import type * as Socket from "./Socket.js"

/**
 * LuaSocket's `smtp.SERVER`: the default server.
 * @example
 * ```ts
 * import * as Smtp from "effect-copas/Smtp"
 * Smtp.SERVER // "localhost"
 * ```
 * @since 0.1.0
 */
export const SERVER = "localhost"

/**
 * LuaSocket's `smtp.PORT`: the default port (465 with `tls: "implicit"`).
 * @example
 * ```ts
 * import * as Smtp from "effect-copas/Smtp"
 * Smtp.PORT // 25
 * ```
 * @since 0.1.0
 */
export const PORT = 25

/**
 * LuaSocket's `smtp.DOMAIN`: the name given in EHLO (`SERVER_NAME` from the environment, or
 * "localhost").
 * @example
 * ```ts
 * import * as Smtp from "effect-copas/Smtp"
 * Smtp.DOMAIN // "localhost" unless SERVER_NAME is set
 * ```
 * @since 0.1.0
 */
export const DOMAIN: string = globalThis.process?.env?.["SERVER_NAME"] || "localhost"

/**
 * LuaSocket's `smtp.TIMEOUT`: the default limit of every socket operation (60 seconds).
 * @example
 * ```ts
 * import * as Smtp from "effect-copas/Smtp"
 * Smtp.TIMEOUT // Duration 60 seconds
 * ```
 * @since 0.1.0
 */
export const TIMEOUT: Duration.Duration = Duration.seconds(60)

/**
 * LuaSocket's `smtp.ZONE`: the time zone written in a generated `Date` header (the date is UTC).
 * @example
 * ```ts
 * import * as Smtp from "effect-copas/Smtp"
 * Smtp.ZONE // "-0000"
 * ```
 * @since 0.1.0
 */
export const ZONE = "-0000"

/**
 * The `X-Mailer` header {@link message} adds unless given one.
 * @example
 * ```ts
 * import * as Smtp from "effect-copas/Smtp"
 * Smtp.MAILER // "effect-copas 0.1.0"
 * ```
 * @since 0.1.0
 */
export const MAILER = "effect-copas 0.1.0"

/**
 * Every failure of {@link send}: the server's refusal (`SmtpError`) or the connection's.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Smtp from "effect-copas/Smtp"
 * const logged = <A>(e: Effect.Effect<A, Smtp.Failure, any>) =>
 *   e.pipe(Effect.tapError((err) => Effect.logWarning(`mail not sent: ${err.message}`)))
 * ```
 * @since 0.1.0
 * @category errors
 */
export type Failure = internal.Failure

/**
 * A message or a part of one (LuaSocket's message table). Header names are case-insensitive
 * (sent in canonical form, e.g. `Content-Type`); a value with CR or LF is a defect. Non-ASCII
 * values are encoded: RFC 2047 words (in address headers, only the display names), RFC 2231
 * parameters in `Content-Type` and `Content-Disposition` (`filename*=UTF-8''...`).
 *
 * The body is one of:
 * - a string: sent as UTF-8 as it is (already in its transfer encoding; default content type
 *   `text/plain; charset=utf-8`, and `Content-Transfer-Encoding: 8bit` if it is not ASCII);
 * - bytes or a `Stream` of bytes: an attachment, base64-encoded in 76-character lines (default
 *   `application/octet-stream`) unless a `content-transfer-encoding` other than base64 is given,
 *   in which case the bytes are sent as they are;
 * - a list of parts, or `{ preamble, parts, epilogue }`: a multipart body (default
 *   `multipart/mixed`; the boundary is added to the content type).
 * @example
 * ```ts
 * import type * as Smtp from "effect-copas/Smtp"
 * const m: Smtp.Message = {
 *   headers: { subject: "Report", from: "<me@example.com>" },
 *   body: [
 *     { body: "The report is attached.\n" },
 *     {
 *       headers: { "content-type": "application/pdf", "content-disposition": "attachment; filename=\"report.pdf\"" },
 *       body: new Uint8Array([37, 80, 68, 70])
 *     }
 *   ]
 * }
 * ```
 * @since 0.1.0
 * @category models
 */
export type Message<E = never, R = never> = mime.Message<E, R>

/**
 * A multipart body with a preamble and an epilogue (LuaSocket's `body.preamble`, `body.epilogue`).
 * @example
 * ```ts
 * import type * as Smtp from "effect-copas/Smtp"
 * const b: Smtp.Multipart = { preamble: "This is a MIME message.", parts: [{ body: "hi" }], epilogue: "" }
 * ```
 * @since 0.1.0
 * @category models
 */
export type Multipart<E = never, R = never> = mime.Multipart<E, R>

/**
 * A server's reply: `code`, `text` (the lines without their codes, joined with "\n"), `lines`.
 * @example
 * ```ts
 * import type * as Smtp from "effect-copas/Smtp"
 * const queued = (r: Smtp.Reply) => r.text.includes("queued")
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Reply {
  readonly code: number
  readonly text: string
  readonly lines: ReadonlyArray<string>
}

/**
 * A recipient the server refused (with `partial: true`).
 * @example
 * ```ts
 * import type * as Smtp from "effect-copas/Smtp"
 * const show = (r: Smtp.Refusal) => `${r.recipient}: ${r.code} ${r.text}`
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Refusal {
  readonly recipient: string
  readonly code: number
  readonly text: string
}

/**
 * What {@link send} returns: the recipients accepted and refused, and the reply to the message.
 * @example
 * ```ts
 * import type * as Smtp from "effect-copas/Smtp"
 * const summary = (r: Smtp.SendResult) => `${r.accepted.length} accepted, ${r.refused.length} refused`
 * ```
 * @since 0.1.0
 * @category models
 */
export interface SendResult {
  readonly accepted: ReadonlyArray<string>
  readonly refused: ReadonlyArray<Refusal>
  readonly reply: Reply
}

/**
 * Options of {@link send} (LuaSocket's mail table, plus TLS).
 * @example
 * ```ts
 * import type * as Smtp from "effect-copas/Smtp"
 * const o: Smtp.SendOptions = {
 *   from: "<me@example.com>",
 *   rcpt: "<you@example.com>",
 *   source: "Subject: hi\r\n\r\nhello\r\n",
 *   server: "mail.example.com",
 *   port: 587,
 *   user: "me",
 *   password: "secret",
 *   tls: "starttls"
 * }
 * ```
 * @since 0.1.0
 * @category models
 */
export interface SendOptions<E = never, R = never> {
  /** the envelope sender: `<a@b>`, `a@b`, or a mailbox with a display name (`Alice <a@b>`: its `<a@b>` is sent) */
  readonly from: string
  /** the envelope recipients, written as `from` */
  readonly rcpt: string | ReadonlyArray<string>
  /** the message as it is (headers, blank line, body), or a stream of it; or give `message` */
  readonly source?: string | Uint8Array | Stream.Stream<Uint8Array | string, E, R> | undefined
  /** a message for {@link message} to build; or give `source` */
  readonly message?: Message<E, R> | undefined
  /** default {@link SERVER} */
  readonly server?: string | undefined
  /** default {@link PORT} (465 with `tls: "implicit"`) */
  readonly port?: number | undefined
  /** the EHLO name; default {@link DOMAIN} */
  readonly domain?: string | undefined
  readonly user?: string | undefined
  readonly password?: string | undefined
  /** default: LOGIN if the server offers it, else PLAIN (LuaSocket's order) */
  readonly auth?: "PLAIN" | "LOGIN" | undefined
  /** default `false` (plain); `"starttls"` upgrades after EHLO; `"implicit"` starts in TLS */
  readonly tls?: false | "starttls" | "implicit" | undefined
  /** certificates, CA, `verify: false` to opt out of verification ... (Socket.TlsOptions) */
  readonly tlsOptions?: Socket.TlsOptions | undefined
  /** the limit of every socket operation; default {@link TIMEOUT}; `null` = none */
  readonly timeout?: Duration.DurationInput | null | undefined
  /** `true`: deliver to the accepted recipients when some are refused (default: fail, as Copas) */
  readonly partial?: boolean | undefined
}

/**
 * LuaSocket's `smtp.message(mesgt)`: builds a MIME message as a stream of bytes (headers, then
 * the body; multipart bodies with their boundaries; byte bodies in base64). The top level gets
 * `Date` (now, UTC), `Message-ID`, `X-Mailer` unless given, and `MIME-Version: 1.0`. Give it to
 * {@link send} as `source`, or give the message itself as `message`.
 * @example
 * ```ts
 * import { Stream } from "effect"
 * import * as Smtp from "effect-copas/Smtp"
 *
 * const source = Smtp.message({
 *   headers: { from: "Ann <ann@example.com>", to: "<bo@example.com>", subject: "Photos" },
 *   body: {
 *     preamble: "If you can read this, your mail reader does not know MIME.",
 *     parts: [
 *       { body: "Two photos from the trip.\n" },
 *       { headers: { "content-type": "image/png", "content-disposition": "attachment; filename=\"a.png\"" }, body: new Uint8Array(16) }
 *     ]
 *   }
 * })
 * const asText = Stream.decodeText(source).pipe(Stream.mkString) // Effect<string>
 * ```
 * @since 0.1.0
 * @category messages
 */
export const message = <E = never, R = never>(mesgt: Message<E, R>): Stream.Stream<Uint8Array, E, R> =>
  mime.message(mesgt, { zone: ZONE, mailer: MAILER, now: new Date() })

const planOf = (o: SendOptions<unknown, unknown>): internal.Plan => {
  if (typeof o !== "object" || o === null) throw new TypeError("Smtp.send: options expected")
  if (typeof o.from !== "string") throw new TypeError("Smtp.send: `from` must be a string")
  const rcpt = typeof o.rcpt === "string" ? [o.rcpt] : o.rcpt
  if (!Array.isArray(rcpt) || rcpt.length === 0 || rcpt.some((r) => typeof r !== "string")) {
    throw new TypeError("Smtp.send: `rcpt` must be an address or a non-empty list of addresses")
  }
  for (const a of [o.from, ...rcpt]) {
    if (/[\r\n]/.test(a)) throw new TypeError(`Smtp.send: an address must not contain CR or LF: ${JSON.stringify(a)}`)
  }
  const tls = o.tls ?? false
  if (tls !== false && tls !== "starttls" && tls !== "implicit") {
    throw new TypeError(`Smtp.send: tls must be false, "starttls" or "implicit", got ${String(tls)}`)
  }
  if (o.auth !== undefined && o.auth !== "PLAIN" && o.auth !== "LOGIN") {
    throw new TypeError(`Smtp.send: auth must be "PLAIN" or "LOGIN", got ${String(o.auth)}`)
  }
  const port = o.port ?? (tls === "implicit" ? 465 : PORT)
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`Smtp.send: port must be in 1..65535, got ${port}`)
  const timeout = o.timeout === null ? undefined : o.timeout ?? TIMEOUT
  if (typeof timeout === "number" && !(timeout >= 0)) throw new RangeError(`Smtp.send: timeout must not be negative, got ${timeout}`)
  return {
    server: o.server ?? SERVER,
    port,
    domain: o.domain ?? DOMAIN,
    from: o.from,
    rcpt,
    user: o.user,
    password: o.password,
    auth: o.auth,
    tls,
    tlsOptions: o.tlsOptions ?? {},
    timeout,
    partial: o.partial === true
  }
}

/**
 * Copas's `smtp.send(mailt)`: delivers a message (`source`, or `message` built by
 * {@link message}) from `from` to every `rcpt` through `server`. Fails with `SmtpError` when the
 * server refuses a step (with `partial: true`, a refused recipient is only reported, unless all
 * are refused).
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Smtp from "effect-copas/Smtp"
 *
 * const notify = Smtp.send({
 *   from: "<robot@example.com>",
 *   rcpt: ["<ops@example.com>", "<dev@example.com>"],
 *   message: { headers: { subject: "build failed", to: "ops, dev" }, body: "see the log\n" },
 *   server: "mail.example.com",
 *   port: 587,
 *   tls: "starttls",
 *   user: "robot",
 *   password: "secret",
 *   partial: true
 * }).pipe(Effect.map((r) => r.refused))
 * ```
 * @since 0.1.0
 * @category sending
 */
export const send = <E = never, R = never>(
  options: SendOptions<E, R>
): Effect.Effect<SendResult, Failure | E, Copas | Socket.Sockets | R> =>
  Effect.suspend(() => {
    const plan = planOf(options as SendOptions<unknown, unknown>)
    const { message: m, source } = options
    if ((m === undefined) === (source === undefined)) {
      throw new TypeError("Smtp.send: give either `source` or `message`")
    }
    const stream: Stream.Stream<Uint8Array | string, E, R> = m !== undefined
      ? message(m)
      : typeof source === "string" || source instanceof Uint8Array
      ? Stream.make(source)
      : source!
    return internal.send(plan, stream)
  })

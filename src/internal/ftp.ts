/**
 * The machinery behind `Ftp`: LuaSocket's `socket.ftp` on our sockets. A session is a control
 * connection that has greeted and logged in; transfers open a passive data connection (EPSV,
 * falling back to PASV) to the control connection's peer address.
 *
 * @internal
 */
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { Copas } from "../Copas.js"
import type { ClosedError, ConnectError, LineTooLongError, SocketError, TimeoutError } from "../Errors.js"
import { FtpError } from "../Errors.js"
import * as Socket from "../Socket.js"
import type { SocketImpl } from "./socket.js"
import * as Tp from "./tp.js"

/** Every failure of an ftp operation. */
export type Failure = FtpError | ConnectError | TimeoutError | ClosedError | SocketError | LineTooLongError

/** Everything a request needs, resolved from the URL and the options. */
export interface Plan {
  readonly host: string
  readonly port: number
  readonly user: string
  readonly password: string
  /** directories to CWD into, in order */
  readonly dirs: ReadonlyArray<string>
  /** the last path segment ("" when the path names a directory) */
  readonly name: string
  readonly type: "i" | "a" | undefined
  readonly timeout: Duration.DurationInput | undefined
  readonly passive: "epsv" | "pasv" | undefined
}

export interface Session {
  readonly control: Socket.CopasSocket
  readonly plan: Plan
}

type R = Copas | Socket.Sockets

const ftpError = (f: Tp.ProtocolFailure): FtpError =>
  new FtpError({ code: f.code, text: f.text, command: f.command })

/** Socket.connect fails with TlsError only for TLS sockets; ours are plain. */
const connectPlain = (sock: Socket.CopasSocket, host: string, port: number) =>
  Effect.catchTag(Socket.connect(sock, host, port), "TlsError", (e) => Effect.die(e))

/** A TCP socket closed with the scope. */
const openSocket = (plan: Plan, host: string, port: number, name: string) =>
  Effect.acquireRelease(
    Effect.tap(Socket.tcp({ name }), (sock) => plan.timeout === undefined ? Effect.void : Socket.setTimeout(sock, plan.timeout)),
    Socket.close
  ).pipe(Effect.tap((sock) => connectPlain(sock, host, port)))

/** Sends a command and checks its reply. */
export const exchange = (
  s: Session,
  verb: string,
  argument: string | undefined,
  expect: Tp.Expect
): Effect.Effect<Tp.Reply, Failure> =>
  Tp.exchange(s.control, verb, argument, expect, ftpError)

/**
 * Opens the control connection, reads the greeting (a 120 "ready in n minutes" is followed by
 * the 220), logs in, sets the type and changes into the directories. Closed with the scope.
 */
export const open = (plan: Plan): Effect.Effect<Session, Failure, R | Scope.Scope> =>
  Effect.gen(function*() {
    const control = yield* openSocket(plan, plan.host, plan.port, `ftp ${plan.host}:${plan.port}`)
    const s: Session = { control, plan }
    const greeting = yield* Tp.check(control, [1, 2], ftpError, "(greeting)")
    if (greeting.code < 200) yield* Tp.check(control, 2, ftpError, "(greeting)")
    const user = yield* exchange(s, "USER", plan.user, [2, 331, 332])
    if (user.code === 331) yield* exchange(s, "PASS", plan.password, [2])
    else if (user.code === 332) {
      return yield* new FtpError({ code: 332, text: `${user.text} (ACCT is not supported)`, command: `USER ${plan.user}` })
    }
    if (plan.type !== undefined) yield* exchange(s, "TYPE", plan.type.toUpperCase(), [2])
    for (const dir of plan.dirs) yield* exchange(s, "CWD", dir, [2])
    return s
  })

/** QUIT (see {@link Tp.quit}), then the control connection is closed. */
export const quit = (s: Session): Effect.Effect<void> =>
  Effect.zipRight(Tp.quit(s.control, ftpError), Socket.close(s.control))

const EPSV = /\((.)\1\1(\d+)\1\)/
const PASV = /(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)/

/**
 * Opens a passive data connection: EPSV (RFC 2428) unless `passive: "pasv"`, falling back to PASV
 * when the server does not know EPSV. The data connection goes to the control connection's peer
 * address (the address in a PASV reply is ignored, as curl does by default: it may be a private
 * address behind NAT, or someone else's).
 */
const openData = (s: Session): Effect.Effect<Socket.CopasSocket, Failure, R | Scope.Scope> =>
  Effect.gen(function*() {
    const peer = yield* Socket.getPeerName(s.control)
    let port: number | undefined
    if (s.plan.passive !== "pasv") {
      yield* Tp.command(s.control, "EPSV")
      const r = yield* Tp.readReply(s.control, ftpError)
      if (r.code === 229) {
        const m = EPSV.exec(r.text)
        if (m === null) return yield* new FtpError({ code: r.code, text: `malformed EPSV reply: ${r.text}`, command: "EPSV" })
        port = Number(m[2])
      } else if (s.plan.passive === "epsv" || r.code < 500) {
        return yield* new FtpError({ code: r.code, text: r.text, command: "EPSV" })
      }
    }
    if (port === undefined) {
      const r = yield* exchange(s, "PASV", undefined, [227])
      const m = PASV.exec(r.text)
      if (m === null) return yield* new FtpError({ code: r.code, text: `malformed PASV reply: ${r.text}`, command: "PASV" })
      port = Number(m[5]) * 256 + Number(m[6])
    }
    if (!(port > 0 && port < 65536)) {
      return yield* new FtpError({ text: `invalid data port ${port}`, command: "EPSV" })
    }
    return yield* openSocket(s.plan, peer.address, port, `ftp data ${peer.address}:${port}`)
  })

/**
 * Starts a data transfer: `verb argument` must be answered 1xx (data follows) or 2xx (nothing to
 * transfer, e.g. an empty listing on some servers).
 */
const startTransfer = (
  s: Session,
  verb: string,
  argument: string | undefined
): Effect.Effect<Tp.Reply, Failure> => exchange(s, verb, argument, [1, 2])

/** After the data connection has ended: the transfer's final reply (226/250). */
const endTransfer = (s: Session, data: Socket.CopasSocket, verb: string, argument: string | undefined) =>
  Effect.zipRight(Socket.close(data), Tp.check(s.control, 2, ftpError, Tp.shown(verb, argument)))

/** The data connection's bytes as a stream that ends at the data connection's end. */
const dataStream = (data: Socket.CopasSocket): Stream.Stream<Uint8Array, Failure> =>
  Stream.repeatEffectOption(
    Effect.matchEffect(Tp.receiveChunk(data), {
      onFailure: (e) => Effect.fail(Option.some<Failure>(e)),
      onSuccess: (chunk) => chunk.length === 0 ? Effect.fail(Option.none()) : Effect.succeed(chunk)
    })
  )

/** A transfer that needs a file name got none (the path ends in "/", or there is none). */
const missingName = (verb: string) => new FtpError({ text: "missing file name in the path", command: verb })

/** The argument of a transfer: `argument` as given, or the file name from the path. */
const argumentOf = (plan: Plan, argument: string | undefined): string | undefined =>
  argument ?? (plan.name === "" ? undefined : plan.name)

/**
 * A whole download (or listing) as a stream: the connections open when the stream starts and
 * close when it ends (or fails, or is interrupted). The final reply is checked before the stream
 * ends, so a transfer the server reports as failed (426, 451 ...) fails the stream.
 */
export const download = (
  plan: Plan,
  verb: string,
  argument: string | undefined
): Stream.Stream<Uint8Array, Failure, R> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    const arg = argumentOf(plan, argument)
    // checked before connecting: a bare RETR (a URL ending in "/", or without a path) would get
    // whatever the server makes of it (ftp-srv: 551 and its own internal error)
    if (arg === undefined && verb.toUpperCase() === "RETR") return yield* missingName(verb)
    const s = yield* open(plan)
    const data = yield* openData(s)
    const follows = (yield* startTransfer(s, verb, arg)).code < 200
    const finish = Effect.zipRight(
      follows ? endTransfer(s, data, verb, arg) : Socket.close(data),
      quit(s)
    )
    if (!follows) return Stream.drain(Stream.fromEffect(finish))
    return Stream.concat(dataStream(data), Stream.drain(Stream.fromEffect(finish)))
  }))

/** how long an aborted upload waits for the ABOR replies (best effort, see `abortTransfer`) */
const ABORT_WAIT = Duration.seconds(2)

/**
 * An upload whose source failed (or was interrupted) must not end like a complete one: a graceful
 * close of the data connection tells the server "end of file" and it keeps a truncated file as
 * if whole. So the data connection is reset (RST, nothing queued is sent), then ABOR (RFC 959
 * §4.1.3) is sent and its replies read: the transfer's (426, or whatever the reset led to) and
 * the ABOR's own (225/226), for at most `ABORT_WAIT`. When interrupted only the reset is done (no
 * waiting on the server). Best effort: the caller gets the source's error whatever the server
 * answers.
 */
const abortTransfer = (s: Session, data: Socket.CopasSocket, interrupted: boolean): Effect.Effect<void> =>
  Effect.zipRight(
    Effect.sync(() => (data as unknown as SocketImpl).resetNow()),
    interrupted ? Effect.void : Effect.ignore(
      Effect.gen(function*() {
        yield* Tp.command(s.control, "ABOR")
        yield* Tp.readReply(s.control, ftpError)
        yield* Tp.readReply(s.control, ftpError)
        yield* quit(s)
      }).pipe(
        // a server that sends one reply, or none, must not hold the caller's error for a whole
        // receive timeout (60 s by default): the session is closed with the scope anyway.
        // (Interruptible: this runs as `onError`'s cleanup, where the timeout could not stop it.)
        Effect.interruptible,
        Effect.timeout(ABORT_WAIT)
      )
    )
  )

/** An upload: `verb` (STOR, APPE, STOU) with the content sent on the data connection. */
export const upload = <E, R2>(
  plan: Plan,
  verb: string,
  argument: string | undefined,
  content: string | Uint8Array | Stream.Stream<Uint8Array, E, R2>
): Effect.Effect<Tp.Reply, Failure | E, R | R2> =>
  Effect.scoped(Effect.gen(function*() {
    const arg = argumentOf(plan, argument)
    if (arg === undefined && verb.toUpperCase() !== "STOU") return yield* missingName(verb)
    const s = yield* open(plan)
    const data = yield* openData(s)
    const started = yield* startTransfer(s, verb, arg)
    const follows = started.code < 200
    if (follows) {
      const sending = typeof content === "string" || content instanceof Uint8Array
        ? content.length > 0
          ? Socket.send(data, typeof content === "string" ? Buffer.from(content, "utf8") : content)
          : Effect.void
        : Stream.runForEach(content, (chunk) => Socket.send(data, chunk))
      yield* Effect.onError(sending, (cause) => abortTransfer(s, data, Cause.isInterruptedOnly(cause)))
    }
    const done = follows ? yield* endTransfer(s, data, verb, arg) : yield* Effect.as(Socket.close(data), started)
    yield* quit(s)
    return done
  }))

/** One step of `Ftp.command`. */
export interface Step {
  readonly command: string
  readonly argument?: string | undefined
  readonly check?: Tp.Expect | undefined
}

/** A reply, with the text received on the data connection for LIST, NLST, MLSD and RETR. */
export interface CommandReply extends Tp.Reply {
  readonly data?: string | undefined
}

const DATA_VERBS = new Set(["LIST", "NLST", "MLSD", "RETR"])

/**
 * Runs commands in one session (after login, TYPE and CWD). A data command gets a data
 * connection and its text; any other command's reply must match its `check` (default 2xx or 3xx).
 */
export const commands = (plan: Plan, steps: ReadonlyArray<Step>): Effect.Effect<Array<CommandReply>, Failure, R> =>
  Effect.scoped(Effect.gen(function*() {
    const s = yield* open(plan)
    const replies: Array<CommandReply> = []
    for (const step of steps) {
      const verb = step.command.trim().toUpperCase()
      if (verb === "STOR" || verb === "APPE" || verb === "STOU") {
        return yield* Effect.die(new TypeError(`Ftp.command cannot send data; use Ftp.put({ command: "${verb}" })`))
      }
      if (!DATA_VERBS.has(verb)) {
        replies.push(yield* exchange(s, step.command.trim(), step.argument, step.check ?? [2, 3]))
        continue
      }
      const reply = yield* Effect.scoped(Effect.gen(function*() {
        const data = yield* openData(s)
        const arg = argumentOf(plan, step.argument)
        const started = yield* startTransfer(s, verb, arg)
        if (started.code >= 200) return { ...started, data: "" }
        const chunks: Array<Uint8Array> = []
        yield* Stream.runForEach(dataStream(data), (c) => Effect.sync(() => chunks.push(c)))
        const done = yield* endTransfer(s, data, verb, arg)
        return { ...done, data: Buffer.concat(chunks).toString("utf8") }
      }))
      replies.push(reply)
    }
    yield* quit(s)
    return replies
  }))

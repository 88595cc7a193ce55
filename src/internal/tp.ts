/**
 * LuaSocket's `socket.tp` ("transfer protocol") for the ftp and smtp clients: read a numbered
 * reply (one line `250 OK`, or several: `250-first` ... `250 last`), send a command line, check a
 * reply against the codes expected. Failures are built by the caller's error constructor, so ftp
 * gets `FtpError` and smtp `SmtpError`.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import type { ClosedError, LineTooLongError, SocketError, TimeoutError } from "../Errors.js"
import * as Socket from "../Socket.js"
import type { SocketImpl } from "./socket.js"

/** A server's reply: the code, the text (the lines without their codes, joined with "\n"). */
export interface Reply {
  readonly code: number
  readonly text: string
  /** every line as received (with the codes) */
  readonly lines: ReadonlyArray<string>
}

/** What the caller's error class is built from. */
export interface ProtocolFailure {
  readonly code?: number | undefined
  readonly text: string
  readonly command?: string | undefined
}

export type IoError = TimeoutError | ClosedError | SocketError | LineTooLongError

/** `code text`, `code-text`, or a bare `code` (RFC 5321 §4.2: the text is optional; LuaSocket accepts it) */
const REPLY = /^(\d{3})(?:([ -])(.*))?$/

/**
 * Reads one reply. Multi-line replies end with a line starting with the same code and a space
 * (RFC 959 §4.2: lines in between may be anything; SMTP puts `code-` on every line).
 */
export const readReply = <E>(
  sock: Socket.CopasSocket,
  fail: (f: ProtocolFailure) => E
): Effect.Effect<Reply, E | IoError> =>
  Effect.flatMap(Socket.receive(sock), (first): Effect.Effect<Reply, E | IoError> => {
    const m = REPLY.exec(first)
    if (m === null) return Effect.fail(fail({ text: `malformed reply '${first.slice(0, 200)}'` }))
    const code = Number(m[1])
    if (m[2] !== "-") return Effect.succeed({ code, text: m[3] ?? "", lines: [first] })
    const lines = [first]
    const texts = [m[3] ?? ""]
    const end = `${m[1]} `
    const more: Effect.Effect<Reply, E | IoError> = Effect.flatMap(Socket.receive(sock), (line) => {
      lines.push(line)
      if (line.startsWith(end) || line === m[1]) {
        texts.push(line.slice(4))
        return Effect.succeed({ code, text: texts.join("\n"), lines })
      }
      // "250-PIPELINING" in smtp, free text in ftp
      texts.push(line.startsWith(`${m[1]}-`) ? line.slice(4) : line)
      if (lines.length > 10_000) return Effect.fail(fail({ code, text: "reply too long" }))
      return more
    })
    return more
  })

/** A code matches an expectation: an exact code, or a class (2 = any 2xx). */
export type Expect = number | ReadonlyArray<number>

const matches = (code: number, expect: Expect): boolean => {
  const list = typeof expect === "number" ? [expect] : expect
  for (const e of list) {
    if (e < 10 ? Math.floor(code / 100) === e : code === e) return true
  }
  return false
}

/** Reads a reply and fails with the caller's error unless its code is expected. */
export const check = <E>(
  sock: Socket.CopasSocket,
  expect: Expect,
  fail: (f: ProtocolFailure) => E,
  command?: string
): Effect.Effect<Reply, E | IoError> =>
  Effect.flatMap(readReply(sock, fail), (r) =>
    matches(r.code, expect) ? Effect.succeed(r) : Effect.fail(fail({ code: r.code, text: r.text, command })))

/** Sends `VERB argument\r\n` (a CR or LF inside would smuggle a second command: a defect). */
export const command = (
  sock: Socket.CopasSocket,
  verb: string,
  argument?: string
): Effect.Effect<number, TimeoutError | ClosedError | SocketError> =>
  Effect.suspend(() => {
    const line = argument === undefined || argument === "" ? verb : `${verb} ${argument}`
    if (/[\r\n]/.test(line)) {
      return Effect.die(new TypeError(`a command must not contain CR or LF: ${JSON.stringify(line)}`))
    }
    return Socket.send(sock, `${line}\r\n`)
  })

/** Sends a command and checks its reply (the command shown in errors: {@link shown} unless given). */
export const exchange = <E>(
  sock: Socket.CopasSocket,
  verb: string,
  argument: string | undefined,
  expect: Expect,
  fail: (f: ProtocolFailure) => E,
  shownAs: string = shown(verb, argument)
): Effect.Effect<Reply, E | IoError> => Effect.zipRight(command(sock, verb, argument), check(sock, expect, fail, shownAs))

/** QUIT, politely: the reply is read, but a failure there changes nothing (the work is done). */
export const quit = <E>(sock: Socket.CopasSocket, fail: (f: ProtocolFailure) => E): Effect.Effect<void> =>
  Effect.ignore(Effect.zipRight(command(sock, "QUIT"), readReply(sock, fail)))

/** The command as shown in errors (passwords hidden). */
export const shown = (verb: string, argument?: string): string =>
  argument === undefined || argument === ""
    ? verb
    : /^(PASS|AUTH)$/i.test(verb) || verb === ""
    ? `${verb} ***`
    : `${verb} ${argument}`

/**
 * The next chunk of a stream socket as bytes: whatever is buffered (at least one byte), or an
 * empty array at the end of the stream. Copas's `receivepartial(skt, "*a")`, byte exact.
 */
export const receiveChunk = (sock: Socket.CopasSocket): Effect.Effect<Uint8Array, IoError> =>
  (sock as unknown as SocketImpl).receive("*a", undefined, true, true) as Effect.Effect<Uint8Array, IoError>

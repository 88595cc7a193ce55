/**
 * Copas's `copas.ftp` (LuaSocket's `socket.ftp` on Copas sockets): `get`, `put` and `command`,
 * with a URL string or options. Our own client on `CopasSocket`, so each transfer is a task
 * that suspends on I/O while the other tasks run.
 *
 * A URL is `ftp://[user[:password]@]host[:port]/dir/sub/file[;type=a|i]`. The directories are
 * entered one `CWD` at a time (RFC 1738) and the last segment is the file; user and password
 * come from the URL (percent-decoded) or the options, anonymous (`ftp` / `anonymous@anonymous.org`)
 * otherwise. The transfer type is binary (`TYPE I`) unless `;type=a` or `type: "a"` asks for
 * ASCII. Data connections are passive: `EPSV`, falling back to `PASV` (whose address is ignored:
 * the data connection goes to the control connection's peer, as curl does by default).
 *
 * Differences from Copas, on purpose: URL strings work (Copas's `get(url)` / `put(url, body)`
 * throw, reference §2.17); the path is entered with `CWD` (LuaSocket passes it whole to `RETR`);
 * the type is binary by default; active mode (`PORT`) is not offered (passive works through NAT
 * and firewalls). A large download streams without being held whole: {@link getStream}, or
 * {@link get} with a `sink`. An upload can be a `Stream`.
 *
 * Failures: `FtpError` with the server's reply `code` and `text` (and the `command` refused, the
 * password hidden), e.g. 530 for a wrong password or 550 for a missing file; a connection that
 * fails or breaks gives the socket's own typed error (`ConnectError`, `ClosedError`,
 * `TimeoutError`, `SocketError`). A bad URL is an `FtpError` without a code. Every socket
 * operation has a limit of {@link TIMEOUT} (60 seconds, LuaSocket's) unless `timeout` says
 * otherwise.
 *
 * @example
 * ```ts
 * import { Console, Effect } from "effect"
 * import * as Ftp from "effect-copas/Ftp"
 * import * as NodeCopas from "effect-copas/NodeCopas"
 *
 * Effect.runPromise(NodeCopas.run(Effect.gen(function*() {
 *   yield* Ftp.put("ftp://me:secret@127.0.0.1:2121/notes/today.txt", "remember the milk\n")
 *   const bytes = yield* Ftp.get("ftp://me:secret@127.0.0.1:2121/notes/today.txt")
 *   yield* Console.log(new TextDecoder().decode(bytes))
 * })))
 * ```
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Sink from "effect/Sink"
import * as Stream from "effect/Stream"
import type { Copas } from "./Copas.js"
import { FtpError } from "./Errors.js"
import * as internal from "./internal/ftp.js"
import type { Sockets } from "./Socket.js"

/**
 * LuaSocket's `ftp.PORT`: the default control port.
 * @example
 * ```ts
 * import * as Ftp from "effect-copas/Ftp"
 * Ftp.PORT // 21
 * ```
 * @since 0.1.0
 */
export const PORT = 21

/**
 * LuaSocket's `ftp.TIMEOUT`: the default limit of every socket operation (60 seconds).
 * @example
 * ```ts
 * import * as Ftp from "effect-copas/Ftp"
 * Ftp.TIMEOUT // Duration 60 seconds
 * ```
 * @since 0.1.0
 */
export const TIMEOUT: Duration.Duration = Duration.seconds(60)

/**
 * LuaSocket's `ftp.USER`: the anonymous user name.
 * @example
 * ```ts
 * import * as Ftp from "effect-copas/Ftp"
 * Ftp.USER // "ftp"
 * ```
 * @since 0.1.0
 */
export const USER = "ftp"

/**
 * LuaSocket's `ftp.PASSWORD`: the anonymous password.
 * @example
 * ```ts
 * import * as Ftp from "effect-copas/Ftp"
 * Ftp.PASSWORD // "anonymous@anonymous.org"
 * ```
 * @since 0.1.0
 */
export const PASSWORD = "anonymous@anonymous.org"

/**
 * Every failure of an ftp operation: the server's refusal (`FtpError`) or the connection's.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Ftp from "effect-copas/Ftp"
 * const orEmpty = (e: Effect.Effect<Uint8Array, Ftp.Failure, any>) =>
 *   e.pipe(Effect.catchTag("FtpError", (err) => err.code === 550 ? Effect.succeed(new Uint8Array(0)) : Effect.fail(err)))
 * ```
 * @since 0.1.0
 * @category errors
 */
export type Failure = internal.Failure

/**
 * A server's reply: `code`, `text` (the lines without their codes, joined with "\n") and the raw
 * `lines`. {@link command} adds `data`, the text of a listing.
 * @example
 * ```ts
 * import type * as Ftp from "effect-copas/Ftp"
 * const ok = (r: Ftp.Reply) => r.code >= 200 && r.code < 300
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Reply {
  readonly code: number
  readonly text: string
  readonly lines: ReadonlyArray<string>
  /** {@link command} with LIST, NLST, MLSD or RETR: what came on the data connection (UTF-8) */
  readonly data?: string | undefined
}

/**
 * Reply codes a command may get: an exact code (`250`), a class (`2` = any 2xx), or a list.
 * @example
 * ```ts
 * import type * as Ftp from "effect-copas/Ftp"
 * const created: Ftp.Expect = [257, 250]
 * ```
 * @since 0.1.0
 * @category models
 */
export type Expect = number | ReadonlyArray<number>

/**
 * Where to connect and how (LuaSocket's request table). Fields given here win over the URL's.
 * @example
 * ```ts
 * import type * as Ftp from "effect-copas/Ftp"
 * const o: Ftp.Options = { host: "127.0.0.1", port: 2121, user: "me", password: "secret", path: "pub/a.txt" }
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** `ftp://[user[:password]@]host[:port]/path[;type=a|i]` */
  readonly url?: string | URL | undefined
  readonly host?: string | undefined
  /** default {@link PORT} */
  readonly port?: number | undefined
  /** default {@link USER} (anonymous) */
  readonly user?: string | undefined
  /** default {@link PASSWORD} */
  readonly password?: string | undefined
  /**
   * `dir/sub/file`: each directory is entered with CWD (relative to the login directory, as in
   * a URL; a leading "/" is dropped), the last segment is the file. Not percent-decoded.
   */
  readonly path?: string | undefined
  /** `"i"` binary (default) or `"a"` ASCII (only announced: the bytes are sent as they are) */
  readonly type?: "i" | "a" | undefined
  /** the limit of every socket operation; default {@link TIMEOUT}; `null` = none */
  readonly timeout?: Duration.DurationInput | null | undefined
  /** `"epsv"` or `"pasv"` only; default: EPSV, then PASV if the server does not know EPSV */
  readonly passive?: "epsv" | "pasv" | undefined
}

/**
 * Options of {@link get} and {@link getStream}.
 * @example
 * ```ts
 * import type * as Ftp from "effect-copas/Ftp"
 * const listing: Ftp.GetOptions = { url: "ftp://127.0.0.1:2121/pub/", command: "NLST" }
 * ```
 * @since 0.1.0
 * @category models
 */
export interface GetOptions extends Options {
  /** default `"RETR"`; `"LIST"`, `"NLST"` or `"MLSD"` read a directory listing */
  readonly command?: string | undefined
  /** the command's argument; default: the last path segment (nothing if the path ends in "/") */
  readonly argument?: string | undefined
}

/**
 * What {@link put} uploads: a string (sent as UTF-8), bytes, or a stream of bytes (sent as it
 * comes, never held whole).
 * @example
 * ```ts
 * import { Stream } from "effect"
 * import type * as Ftp from "effect-copas/Ftp"
 * const c: Ftp.Content = Stream.make(new Uint8Array([1, 2]), new Uint8Array([3]))
 * ```
 * @since 0.1.0
 * @category models
 */
export type Content<E = never, R = never> = string | Uint8Array | Stream.Stream<Uint8Array, E, R>

/**
 * Options of {@link put}.
 * @example
 * ```ts
 * import type * as Ftp from "effect-copas/Ftp"
 * const o: Ftp.PutOptions = { url: "ftp://127.0.0.1:2121/log.txt", content: "one more line\n", command: "APPE" }
 * ```
 * @since 0.1.0
 * @category models
 */
export interface PutOptions<E = never, R = never> extends Options {
  readonly content: Content<E, R>
  /** default `"STOR"`; `"APPE"` appends, `"STOU"` stores under a unique name */
  readonly command?: "STOR" | "APPE" | "STOU" | undefined
  /** the command's argument; default: the last path segment */
  readonly argument?: string | undefined
}

/**
 * One command of {@link command}: `check` lists the codes that count as success (default: any
 * 2xx or 3xx; for LIST, NLST, MLSD and RETR the transfer's own rules apply).
 * @example
 * ```ts
 * import type * as Ftp from "effect-copas/Ftp"
 * const mkdir: Ftp.Step = { command: "MKD", argument: "uploads", check: 257 }
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Step {
  readonly command: string
  readonly argument?: string | undefined
  readonly check?: Expect | undefined
}

/**
 * Options of {@link command}: one command (`command`, `argument`, `check`) or several in one
 * session (`command: [steps]`).
 * @example
 * ```ts
 * import type * as Ftp from "effect-copas/Ftp"
 * const o: Ftp.CommandOptions = { url: "ftp://127.0.0.1:2121/", command: "DELE", argument: "old.txt", check: 250 }
 * ```
 * @since 0.1.0
 * @category models
 */
export interface CommandOptions extends Options {
  readonly command: string | ReadonlyArray<Step>
  readonly argument?: string | undefined
  readonly check?: Expect | undefined
}

// ---- resolving a request ---------------------------------------------------------------------

const intOption = (v: number | undefined, what: string, min: number, max: number): number | undefined => {
  if (v === undefined) return undefined
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${what} must be an integer in ${min}..${max}, got ${v}`)
  return v
}

const segments = (path: string, decode: boolean): Array<string> | FtpError => {
  const parts = path.split("/")
  if (parts[0] === "") parts.shift()
  const out: Array<string> = []
  for (const p of parts) {
    let seg = p
    if (decode) {
      try {
        seg = decodeURIComponent(p)
      } catch (cause) {
        return new FtpError({ text: `invalid path '${path}'`, cause })
      }
    }
    if (/[\r\n]/.test(seg)) return new FtpError({ text: `invalid path '${path}'` })
    out.push(seg)
  }
  return out
}

const decoded = (s: string): string => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** URL + options → a plan; a bad URL is an FtpError, a bad option a defect. */
const planOf = (o: Options): internal.Plan | FtpError => {
  let host = o.host
  let port = intOption(o.port, "port", 1, 65535)
  let user = o.user
  let password = o.password
  let parts: Array<string> = []
  let type = o.type
  if (o.url !== undefined) {
    let url: URL
    try {
      url = new URL(String(o.url))
    } catch (cause) {
      return new FtpError({ text: `invalid url '${String(o.url)}'`, cause })
    }
    if (url.protocol !== "ftp:") return new FtpError({ text: `unknown scheme '${url.protocol.slice(0, -1)}' in '${url.href}'` })
    host ??= url.hostname.replace(/^\[(.*)\]$/, "$1")
    port ??= url.port === "" ? undefined : Number(url.port)
    if (url.username !== "") user ??= decoded(url.username)
    if (url.password !== "") password ??= decoded(url.password)
    let path = url.pathname
    const t = /;type=([aAiI])$/.exec(path)
    if (t !== null) {
      path = path.slice(0, t.index)
      type ??= t[1]!.toLowerCase() as "a" | "i"
    }
    if (o.path === undefined) {
      const segs = segments(path, true)
      if (segs instanceof FtpError) return segs
      parts = segs
    }
  }
  if (o.path !== undefined) {
    const segs = segments(o.path, false)
    if (segs instanceof FtpError) return segs
    parts = segs
  }
  if (host === undefined || host === "") return new FtpError({ text: "missing hostname" })
  if (type !== undefined && type !== "i" && type !== "a") throw new TypeError(`type must be "i" or "a", got ${String(type)}`)
  if (o.passive !== undefined && o.passive !== "epsv" && o.passive !== "pasv") {
    throw new TypeError(`passive must be "epsv" or "pasv", got ${String(o.passive)}`)
  }
  const name = parts.length === 0 ? "" : parts[parts.length - 1]!
  const dirs = parts.slice(0, -1).filter((d) => d !== "")
  const timeout = o.timeout === null ? undefined : o.timeout ?? TIMEOUT
  if (typeof timeout === "number" && !(timeout >= 0)) throw new RangeError(`timeout must not be negative, got ${timeout}`)
  return {
    host,
    port: port ?? PORT,
    user: user ?? USER,
    password: password ?? PASSWORD,
    dirs,
    name,
    type: type ?? "i",
    timeout,
    passive: o.passive
  }
}

const withPlan = <A, E, R>(
  o: Options,
  f: (plan: internal.Plan) => Effect.Effect<A, E, R>
): Effect.Effect<A, E | FtpError, R> =>
  Effect.suspend((): Effect.Effect<A, E | FtpError, R> => {
    const plan = planOf(o)
    return plan instanceof FtpError ? Effect.fail(plan) : f(plan)
  })

const optionsOf = <O extends Options>(input: string | URL | O): O =>
  (typeof input === "string" || input instanceof URL ? { url: input } : input) as O

// ---- the operations -----------------------------------------------------------------------------

/**
 * A download as a `Stream` of byte chunks: nothing is held whole, so a file of any size goes
 * straight to its destination (`Stream.run(Ftp.getStream(url), sink)`). The connections open
 * when the stream is run and close when it ends, fails or is interrupted; the server's final
 * reply is checked before the stream ends (a 426 "transfer aborted" fails it).
 * @example
 * ```ts
 * import { Stream } from "effect"
 * import * as Ftp from "effect-copas/Ftp"
 *
 * // count the bytes of a large file without keeping it
 * const size = Ftp.getStream("ftp://127.0.0.1:2121/big.iso").pipe(
 *   Stream.runFold(0, (n, chunk) => n + chunk.length)
 * )
 * ```
 * @since 0.1.0
 * @category downloading
 */
export const getStream = (input: string | URL | GetOptions): Stream.Stream<Uint8Array, Failure, Copas | Sockets> => {
  const o = optionsOf<GetOptions>(input)
  return Stream.unwrap(withPlan(o, (plan) =>
    Effect.succeed(internal.download(plan, (o.command ?? "RETR").trim().toUpperCase(), o.argument))))
}

/**
 * Copas's `ftp.get(url)` / `ftp.get{...}`: downloads a file (or, with `command: "LIST"` /
 * `"NLST"`, a directory listing) and returns its bytes. With a `sink` (an Effect `Sink` of byte
 * chunks) the data flows into the sink as it arrives, never held whole, and the sink's result is
 * returned: Copas's LTN12 sink, Effect-style.
 * @example
 * ```ts
 * import { Sink } from "effect"
 * import * as Ftp from "effect-copas/Ftp"
 *
 * const file = Ftp.get("ftp://127.0.0.1:2121/pub/readme.txt")        // Uint8Array
 * const names = Ftp.get({ url: "ftp://127.0.0.1:2121/pub/", command: "NLST" })
 * // stream into a sink: here, count the chunks and bytes
 * const counted = Ftp.get({
 *   url: "ftp://127.0.0.1:2121/big.bin",
 *   sink: Sink.foldLeft({ chunks: 0, bytes: 0 }, (acc, c: Uint8Array) => ({ chunks: acc.chunks + 1, bytes: acc.bytes + c.length }))
 * })
 * ```
 * @since 0.1.0
 * @category downloading
 */
export const get: {
  <A, E, R>(
    options: GetOptions & { readonly sink: Sink.Sink<A, Uint8Array, unknown, E, R> }
  ): Effect.Effect<A, Failure | E, Copas | Sockets | R>
  (input: string | URL | GetOptions): Effect.Effect<Uint8Array, Failure, Copas | Sockets>
} = ((input: string | URL | (GetOptions & { readonly sink?: Sink.Sink<unknown, Uint8Array, unknown, unknown, unknown> })) => {
  const o = optionsOf(input)
  const stream = getStream(o)
  if (o.sink !== undefined) return Stream.run(stream, o.sink)
  return Effect.map(
    Stream.runFold(stream, [] as Array<Uint8Array>, (acc, c) => {
      acc.push(c)
      return acc
    }),
    (chunks) => {
      const all = Buffer.concat(chunks)
      return new Uint8Array(all.buffer, all.byteOffset, all.byteLength)
    }
  )
}) as never

/**
 * Copas's `ftp.put(url, content)` / `ftp.put{...}`: uploads a string (UTF-8), bytes or a stream
 * of bytes (sent as it comes) with STOR (or `command: "APPE"` / `"STOU"`), and returns the
 * server's final reply (226 ...). A stream that fails, or an upload that is interrupted, aborts
 * the transfer: the data connection is reset (never closed as if the file were complete) and,
 * after a failure, `ABOR` is sent; the put fails with the stream's own error.
 * @example
 * ```ts
 * import { Stream } from "effect"
 * import * as Ftp from "effect-copas/Ftp"
 *
 * const text = Ftp.put("ftp://me:secret@127.0.0.1:2121/hello.txt", "hello\n")
 * const appended = Ftp.put({ url: "ftp://127.0.0.1:2121/log.txt", content: "more\n", command: "APPE" })
 * const streamed = Ftp.put({
 *   url: "ftp://127.0.0.1:2121/numbers.bin",
 *   content: Stream.range(0, 255).pipe(Stream.map((n) => new Uint8Array([n])))
 * })
 * ```
 * @since 0.1.0
 * @category uploading
 */
export const put: {
  <E = never, R = never>(url: string | URL, content: Content<E, R>): Effect.Effect<Reply, Failure | E, Copas | Sockets | R>
  <E = never, R = never>(options: PutOptions<E, R>): Effect.Effect<Reply, Failure | E, Copas | Sockets | R>
} = ((input: string | URL | PutOptions<unknown, unknown>, content?: Content<unknown, unknown>) => {
  const o: PutOptions<unknown, unknown> = typeof input === "string" || input instanceof URL
    ? { url: input, content: content! }
    : input
  return withPlan(o, (plan) => {
    if (o.content === undefined || o.content === null) {
      return Effect.die(new TypeError("Ftp.put: missing content"))
    }
    return internal.upload(plan, (o.command ?? "STOR").toUpperCase(), o.argument, o.content)
  })
}) as never

/**
 * Copas's `ftp.command{...}`: logs in, enters the path's directories and sends one command (or
 * several, in one session) and returns its reply (or theirs). A reply outside `check` (default:
 * 2xx or 3xx) fails with `FtpError`. LIST, NLST, MLSD and RETR open a data connection and the
 * reply carries what came on it as `data`.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Ftp from "effect-copas/Ftp"
 *
 * const url = "ftp://me:secret@127.0.0.1:2121/"
 * const listing = Ftp.command({ url, command: "LIST" }).pipe(Effect.map((r) => r.data ?? ""))
 * const tidy = Ftp.command({
 *   url,
 *   command: [
 *     { command: "MKD", argument: "archive", check: 257 },
 *     { command: "RNFR", argument: "old.txt", check: 350 },
 *     { command: "RNTO", argument: "archive/old.txt", check: 250 }
 *   ]
 * })
 * ```
 * @since 0.1.0
 * @category commands
 */
export const command: {
  (options: CommandOptions & { readonly command: string }): Effect.Effect<Reply, Failure, Copas | Sockets>
  (options: CommandOptions & { readonly command: ReadonlyArray<Step> }): Effect.Effect<ReadonlyArray<Reply>, Failure, Copas | Sockets>
} = ((o: CommandOptions) =>
  withPlan(o, (plan): Effect.Effect<Reply | ReadonlyArray<Reply>, Failure, Copas | Sockets> => {
    if (typeof o.command === "string") {
      if (o.command.trim() === "") return Effect.die(new TypeError("Ftp.command: empty command"))
      return Effect.map(
        internal.commands(plan, [{ command: o.command, argument: o.argument, check: o.check }]),
        (replies) => replies[0]!
      )
    }
    if (!Array.isArray(o.command)) return Effect.die(new TypeError("Ftp.command: command must be a string or a list of steps"))
    return internal.commands(plan, o.command as ReadonlyArray<Step>)
  })) as never

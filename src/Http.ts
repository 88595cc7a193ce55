/**
 * Copas's `copas.http`: `request(url[, body])` and `request(options)`, on `@effect/platform`'s
 * `HttpClient` with `NodeHttpClient` (http and https through node:http / node:https).
 *
 * Differences from Copas, on purpose: certificates and host names are verified by default (Copas
 * verifies nothing, #222; opt out with `tls: { verify: false }` or `rejectUnauthorized: false`); `maxRedirects` is
 * honoured (Copas documents it but always stops at 5) and going over it is an
 * `HttpError("too-many-redirects")`, where Copas returns the last 3xx; a request body can be a
 * string, bytes or a `Stream` (one that fails aborts the request and its error is the request's);
 * the response body is returned as a string (or bytes with `responseType: "bytes"`) in both forms,
 * or streamed: into a `Sink` (`sink`, LuaSocket's `reqt.sink`) or as a `Stream`
 * ({@link requestStream}).
 *
 * Copas's rules are kept: redirects only for GET/HEAD without a body, only 301/302/303/307, never
 * https → http unless `redirect: "all"`, the final `headers.location` names the last hop; repeated
 * response headers are joined with `", "`; header names are lower-case; user and password in the
 * URL become Basic auth; the timeout is 60 seconds per stage (`connect`, `send`, `receive`), each an
 * idle limit (every byte moved restarts it), as Copas's per-operation socket timeouts.
 *
 * Each request uses its own connection (no keep-alive pool), as LuaSocket's `connection: close`.
 * It needs no service: `Http.request("http://...")` works in a Copas task or any Effect.
 *
 * `proxy` sends requests through an http proxy, as LuaSocket's `proxy` field: an http URL is asked
 * of the proxy in absolute form (`GET http://host/path HTTP/1.1`); an https URL goes through a
 * `CONNECT` tunnel with TLS to the target inside it (Copas would speak TLS to the proxy itself).
 *
 * @example
 * ```ts
 * import { Console, Effect } from "effect"
 * import * as Copas from "effect-copas/Copas"
 * import * as Http from "effect-copas/Http"
 *
 * Effect.runPromise(Copas.run(Effect.gen(function*() {
 *   const { body, code, headers } = yield* Http.request("http://127.0.0.1:8080/")
 *   yield* Console.log(code, headers["content-type"], body.length)
 * })))
 * ```
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type * as Sink from "effect/Sink"
import * as Stream from "effect/Stream"
import type * as Tls from "node:tls"
import { HttpError } from "./Errors.js"
import type * as Impl from "./internal/httpClient.js"

/**
 * Copas's `http.TIMEOUT`: the default limit of each stage (60 seconds).
 * @example
 * ```ts
 * import * as Http from "effect-copas/Http"
 * Http.TIMEOUT // Duration 60 seconds
 * ```
 * @since 0.1.0
 */
export const TIMEOUT: Duration.Duration = Duration.seconds(60)

/**
 * Copas's `http.USERAGENT`: the `user-agent` header sent unless the caller gives one.
 * @example
 * ```ts
 * import * as Http from "effect-copas/Http"
 * Http.USERAGENT // "effect-copas/0.1.0"
 * ```
 * @since 0.1.0
 */
export const USERAGENT = "effect-copas/0.1.0"

/**
 * Limits per stage (Copas's timeout table). A missing key gets {@link TIMEOUT}.
 * `connect` covers DNS, TCP and the TLS handshake; `send` the request being written; `receive` the
 * wait for the response and every pause while it arrives.
 * @example
 * ```ts
 * import type * as Http from "effect-copas/Http"
 * const t: Http.Timeouts = { connect: "2 seconds", receive: "30 seconds" }
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Timeouts {
  readonly connect?: Duration.DurationInput | undefined
  readonly send?: Duration.DurationInput | undefined
  readonly receive?: Duration.DurationInput | undefined
}

/**
 * TLS options for https (node:tls client options). Verification is on unless
 * `verify: false` (as in `Socket.TlsOptions`; or Node's `rejectUnauthorized: false`); a private
 * CA goes in `ca`.
 * @example
 * ```ts
 * import type * as Http from "effect-copas/Http"
 * const tls: Http.TlsOptions = { ca: "-----BEGIN CERTIFICATE-----\n..." }
 * ```
 * @since 0.1.0
 * @category models
 */
export type TlsOptions =
  & Pick<
    Tls.ConnectionOptions,
    | "ca"
    | "cert"
    | "key"
    | "passphrase"
    | "pfx"
    | "rejectUnauthorized"
    | "servername"
    | "checkServerIdentity"
    | "minVersion"
    | "maxVersion"
    | "ciphers"
    | "ALPNProtocols"
  >
  & {
    /** `false` or `"none"`: accept any certificate and host name (Copas's default; not ours) */
    readonly verify?: boolean | "none" | "peer" | undefined
  }

/**
 * The options form (Copas's request table).
 * @example
 * ```ts
 * import type * as Http from "effect-copas/Http"
 * const o: Http.RequestOptions = {
 *   url: "https://127.0.0.1:8443/upload",
 *   method: "PUT",
 *   headers: { "content-type": "application/json" },
 *   body: JSON.stringify({ a: 1 }),
 *   timeout: { connect: "1 second", receive: "10 seconds" },
 *   redirect: false
 * }
 * ```
 * @since 0.1.0
 * @category models
 */
export interface RequestOptions<E = never, R = never> {
  readonly url: string | URL
  /** default `"GET"` */
  readonly method?: string | undefined
  /** merged over the defaults; names are case-insensitive; an array is sent joined with ", " */
  readonly headers?: Readonly<Record<string, string | ReadonlyArray<string>>> | undefined
  /**
   * A stream without a `content-length` header is sent chunked, as LuaSocket does with a source.
   * A stream that fails aborts the request (the server never sees it complete: no terminating
   * chunk) and the request fails with the stream's own error `E`.
   */
  readonly body?: string | Uint8Array | Stream.Stream<Uint8Array, E, R> | undefined
  /** one limit for every stage, or one per stage; default {@link TIMEOUT} */
  readonly timeout?: Duration.DurationInput | Timeouts | undefined
  /** default `true`; `"all"` also allows https → http */
  readonly redirect?: boolean | "all" | undefined
  /** default 5 */
  readonly maxRedirects?: number | undefined
  readonly tls?: TlsOptions | undefined
  /** `"bytes"` returns the body as a `Uint8Array`; default `"text"` (UTF-8) */
  readonly responseType?: "text" | "bytes" | undefined
  /**
   * An http proxy to go through, as LuaSocket's `proxy` field (Copas's module-wide `PROXY` has no
   * counterpart: give it per request). Only an `http:` URL is accepted (anything else is a defect);
   * without a port it is port 80 (LuaSocket assumes 3128). `user:password@` in it is sent as
   * `proxy-authorization: Basic ...` (a `proxy-authorization` header you give wins).
   *
   * An `http:` target is asked of the proxy with the absolute URI as the request target (the Host
   * header stays the target's). An `https:` target gets a `CONNECT host:port` tunnel, then TLS to
   * the target over it, verified as a direct request is (its certificate and host name, SNI, `tls`
   * options); the proxy's credentials go only on the `CONNECT`. A `CONNECT` answered with a
   * non-2xx status is `HttpError("proxy")` with the status in `code`; any other answer of the proxy
   * is a response like any other. The `connect` timeout covers reaching the proxy, the `CONNECT`
   * exchange and the TLS handshake. Every redirect hop goes through the proxy too.
   *
   * @example
   * ```ts
   * import * as Http from "effect-copas/Http"
   * const viaProxy = Http.request({
   *   url: "https://example.com/",
   *   proxy: "http://me:secret@127.0.0.1:3128"
   * })
   * ```
   */
  readonly proxy?: string | URL | undefined
}

/**
 * What a request returns (Copas's `body, code, headers, status`).
 * @example
 * ```ts
 * import type * as Http from "effect-copas/Http"
 * const show = (r: Http.Response) => `${r.status}: ${r.headers["content-length"]} bytes`
 * ```
 * @since 0.1.0
 * @category models
 */
export interface Response<B = string> {
  readonly body: B
  /** the status code, e.g. 200 */
  readonly code: number
  /** lower-case names; repeated headers joined with ", "; a chunked body's trailer fields too (as LuaSocket) */
  readonly headers: Readonly<Record<string, string>>
  /** the status line, e.g. `"HTTP/1.1 200 OK"` */
  readonly status: string
}

let loaded: Promise<typeof Impl> | undefined
const impl = Effect.promise(() => loaded ??= import("./internal/httpClient.js"))

const TIMEOUT_KEYS = new Set(["connect", "send", "receive"])

const millis = (input: Duration.DurationInput, what: string): number => {
  // Duration clamps a negative number to zero; Copas asserts instead
  if (typeof input === "number" && input < 0) throw new RangeError(`${what} must not be negative`)
  const d = Duration.decodeUnknown(input)
  if (d._tag === "None") throw new TypeError(`invalid ${what}: ${String(input)}`)
  const ms = Duration.toMillis(d.value)
  if (Number.isNaN(ms) || ms < 0) throw new RangeError(`${what} must not be negative`)
  // 0 means "now" (a limit that is already over), Infinity means none (0 for node)
  return ms === Infinity ? 0 : Math.max(1, Math.ceil(ms))
}

const timeoutsOf = (t: RequestOptions["timeout"]): Record<Impl.Stage, number> => {
  const dflt = Duration.toMillis(TIMEOUT)
  if (t === undefined) return { connect: dflt, send: dflt, receive: dflt }
  if (typeof t === "object" && !Duration.isDuration(t) && !Array.isArray(t)) {
    const table = t as Timeouts
    for (const k of Object.keys(table)) {
      if (!TIMEOUT_KEYS.has(k)) throw new TypeError(`'${k}' is not a valid timeout option. Valid: 'connect', 'send', 'receive'`)
    }
    return {
      connect: table.connect === undefined ? dflt : millis(table.connect, "timeout.connect"),
      send: table.send === undefined ? dflt : millis(table.send, "timeout.send"),
      receive: table.receive === undefined ? dflt : millis(table.receive, "timeout.receive")
    }
  }
  const ms = millis(t as Duration.DurationInput, "timeout")
  return { connect: ms, send: ms, receive: ms }
}

const tlsOf = (t: TlsOptions | undefined): Impl.Plan["tls"] => {
  if (t === undefined) return {}
  const { verify, ...rest } = t
  if (verify === undefined) return rest
  if (verify !== true && verify !== false && verify !== "none" && verify !== "peer") {
    throw new TypeError(`tls.verify must be true, false, "none" or "peer", got ${String(verify)}`)
  }
  return { ...rest, rejectUnauthorized: verify === true || verify === "peer" }
}

const proxyOf = (p: RequestOptions["proxy"]): URL | undefined => {
  if (p === undefined) return undefined
  if (typeof p !== "string" && !(p instanceof URL)) {
    throw new TypeError(`proxy must be an http: URL (a string or a URL), got ${typeof p}`)
  }
  let url: URL
  try {
    url = new URL(p instanceof URL ? p.href : p)
  } catch {
    // user info in text that is not a URL cannot be cut out reliably: then it is not shown
    throw new TypeError(`proxy is not a valid URL${String(p).includes("@") ? "" : `: '${String(p)}'`}`)
  }
  if (url.protocol !== "http:") {
    throw new TypeError(`proxy must be an http: URL, got '${url.protocol}' (only http proxies are supported)`)
  }
  return url
}

const plan = (o: RequestOptions<unknown, unknown>): Impl.Plan | HttpError => {
  let url: URL
  try {
    url = o.url instanceof URL ? new URL(o.url.href) : new URL(o.url)
  } catch (cause) {
    return new HttpError({ reason: "invalid-url", detail: `invalid url '${String(o.url)}'`, url: String(o.url), cause })
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return new HttpError({ reason: "invalid-url", detail: `unknown scheme '${url.protocol.slice(0, -1)}'`, url: url.href })
  }
  if (url.hostname === "") return new HttpError({ reason: "invalid-url", detail: "invalid host ''", url: url.href })
  const headers: Record<string, string> = { "user-agent": USERAGENT }
  for (const [k, v] of Object.entries(o.headers ?? {})) {
    headers[k.toLowerCase()] = typeof v === "string" ? v : v.join(", ")
  }
  const maxRedirects = o.maxRedirects ?? 5
  if (!Number.isInteger(maxRedirects) || maxRedirects < 0) {
    throw new RangeError(`maxRedirects must be a non-negative integer, got ${maxRedirects}`)
  }
  const redirect = o.redirect ?? true
  if (redirect !== true && redirect !== false && redirect !== "all") {
    throw new TypeError(`redirect must be true, false or "all", got ${String(redirect)}`)
  }
  return {
    url,
    method: (o.method ?? "GET").toUpperCase(),
    headers,
    body: o.body as Impl.Plan["body"], // a stream's context is provided by `prepare`
    timeouts: timeoutsOf(o.timeout),
    redirect,
    maxRedirects,
    tls: tlsOf(o.tls),
    bytes: o.responseType === "bytes",
    proxy: proxyOf(o.proxy)
  }
}

/** The options of either form, a Stream body's context provided, then planned. */
const prepare = <A, E, R>(
  urlOrOptions: string | URL | RequestOptions<unknown, unknown>,
  body: string | Readonly<Record<string, string>> | undefined,
  run: (m: typeof Impl, p: Impl.Plan) => Effect.Effect<A, E, R>
): Effect.Effect<A, E | HttpError, R> =>
  Effect.suspend((): Effect.Effect<A, E | HttpError, R> => {
    const options: RequestOptions<unknown, unknown> = typeof urlOrOptions === "string" || urlOrOptions instanceof URL
      ? body === undefined
        ? { url: urlOrOptions }
        : {
          url: urlOrOptions,
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: typeof body === "string" ? body : new URLSearchParams(body as Record<string, string>).toString()
        }
      : urlOrOptions
    const p = plan(options)
    if (p instanceof HttpError) return Effect.fail(p)
    const b = options.body
    if (b === undefined || typeof b === "string" || b instanceof Uint8Array) {
      return Effect.flatMap(impl, (m) => run(m, p))
    }
    // the platform's HttpClient takes a stream without requirements: give it the caller's context
    return Effect.flatMap(
      Effect.context<never>(),
      (ctx) => Effect.flatMap(impl, (m) => run(m, { ...p, body: Stream.provideContext(b, ctx as never) }))
    )
  })

/**
 * Copas's `copas.http.request`. With a URL: a GET, or with `body` a POST of that form-encoded
 * body (`content-type: application/x-www-form-urlencoded`, as LuaSocket; an object is encoded for
 * you). With options: any method, headers, body, timeouts, redirect policy and TLS options.
 * A status such as 404 is a result, not a failure; failures are `HttpError` (`timeout`, `refused`,
 * `tls`, `too-many-redirects`, `insecure-redirect`, `malformed`, `invalid-url`, `closed`,
 * `proxy` (a proxy refused the `CONNECT` tunnel), `other`), or the error of a `Stream` body.
 * A bad option (an unknown timeout key, a negative timeout, a proxy that is not an `http:` URL) is
 * a defect.
 *
 * With a `sink` (an Effect `Sink` of byte chunks, LuaSocket's `reqt.sink`) the response body flows
 * into the sink as it arrives, never held whole, and `body` is the sink's result; a sink that is
 * done early (`Sink.take`, `Sink.head` ...) closes the connection without reading the rest. The
 * receive limit applies to each wait for the next chunk. See {@link requestStream} for the body as
 * a `Stream`.
 *
 * @example
 * ```ts
 * import { Effect, Sink, Stream } from "effect"
 * import * as Http from "effect-copas/Http"
 *
 * const get = Http.request("http://127.0.0.1:8080/status")
 * const post = Http.request("http://127.0.0.1:8080/form", "name=copas&lang=lua")
 * const put = Http.request({
 *   url: "https://127.0.0.1:8443/file",
 *   method: "PUT",
 *   body: new Uint8Array([1, 2, 3]),
 *   timeout: { connect: "1 second", send: "5 seconds", receive: "5 seconds" },
 *   responseType: "bytes"
 * })
 * const proxied = Http.request({ url: "http://example.com/", proxy: "http://127.0.0.1:3128" })
 * // a download of any size into a sink: here only its size is kept
 * const size = Http.request({
 *   url: "http://127.0.0.1:8080/big.iso",
 *   sink: Sink.foldLeft(0, (n, chunk: Uint8Array) => n + chunk.length)
 * })
 * // a body stream that fails: the request is aborted and fails with the stream's error
 * const upload = Http.request({
 *   url: "http://127.0.0.1:8080/upload",
 *   method: "POST",
 *   body: Stream.concat(Stream.make(new Uint8Array(10)), Stream.fail("disk error" as const))
 * }) // Effect<Response<string>, HttpError | "disk error">
 * const program = Effect.gen(function*() {
 *   const { code, body } = yield* get
 *   return code === 200 ? body : ""
 * })
 * ```
 * @since 0.1.0
 * @category requests
 */
export const request: {
  (url: string | URL, body?: string | Readonly<Record<string, string>>): Effect.Effect<Response<string>, HttpError>
  <A, E2, R2, E = never, R = never>(
    options: RequestOptions<E, R> & { readonly sink: Sink.Sink<A, Uint8Array, unknown, E2, R2> }
  ): Effect.Effect<Response<A>, HttpError | E | E2, R | R2>
  <E = never, R = never>(
    options: RequestOptions<E, R> & { readonly responseType: "bytes" }
  ): Effect.Effect<Response<Uint8Array>, HttpError | E, R>
  <E = never, R = never>(options: RequestOptions<E, R>): Effect.Effect<Response<string>, HttpError | E, R>
} = ((
  urlOrOptions: string | URL | (RequestOptions<unknown, unknown> & {
    readonly sink?: Sink.Sink<unknown, Uint8Array, unknown, unknown, unknown>
  }),
  body?: string | Readonly<Record<string, string>>
) => {
  const sink = typeof urlOrOptions === "string" || urlOrOptions instanceof URL ? undefined : urlOrOptions.sink
  if (sink === undefined) return prepare(urlOrOptions, body, (m, p) => m.perform(p))
  return prepare(urlOrOptions, body, (m, p) =>
    Effect.scoped(Effect.flatMap(m.performStream(p), (head) =>
      Effect.map(Stream.run(head.body, sink), (result): Response<unknown> => ({
        body: result,
        code: head.code,
        headers: head.headers,
        status: head.status
      })))))
}) as never

/**
 * A request whose response body is a `Stream` of byte chunks, read as it is pulled (never held
 * whole: a download of any size, LuaSocket's `reqt.sink` as a stream). The effect succeeds with
 * the head (`code`, `headers`, `status`) once it has arrived, redirects followed as by
 * {@link request}; the connection belongs to the `Scope` and is closed when the scope closes, or
 * as soon as the body stream ends early, fails or is interrupted. The body can be run once.
 *
 * Failures of the body are `HttpError` (`closed`, `malformed`, `timeout` ...); the receive limit
 * applies to each wait for the next chunk, not to the time spent on a chunk. A chunked body's
 * trailer fields are added to `headers` when the body has ended.
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import * as Http from "effect-copas/Http"
 *
 * // count the bytes of a large download without keeping them
 * const size = Effect.scoped(Effect.gen(function*() {
 *   const { body, code } = yield* Http.requestStream("http://127.0.0.1:8080/big.iso")
 *   if (code !== 200) return 0
 *   return yield* Stream.runFold(body, 0, (n, chunk) => n + chunk.length)
 * }))
 * ```
 * @since 0.1.0
 * @category requests
 */
export const requestStream: {
  (url: string | URL): Effect.Effect<Response<Stream.Stream<Uint8Array, HttpError>>, HttpError, Scope.Scope>
  <E = never, R = never>(
    options: RequestOptions<E, R>
  ): Effect.Effect<Response<Stream.Stream<Uint8Array, HttpError>>, HttpError | E, Scope.Scope | R>
} = ((urlOrOptions: string | URL | RequestOptions<unknown, unknown>) =>
  prepare(urlOrOptions, undefined, (m, p) => m.performStream(p))) as never

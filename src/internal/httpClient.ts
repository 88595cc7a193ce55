/**
 * The machinery behind `Http.request`: `@effect/platform`'s HttpClient on `NodeHttpClient` with an
 * agent of our own per request (it watches each request's stages for Copas's connect / send /
 * receive timeouts and hands us the raw response for LuaSocket-style headers; with a proxy it
 * goes through the proxy, see `ForwardAgent` and `TunnelAgent`), and Copas's redirect policy.
 * Loaded lazily by `Http.ts`: NodeHttpClient pulls in undici (~300 ms), which a program that never
 * makes an http request should not pay for.
 *
 * @internal
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import * as EffectStream from "effect/Stream"
import * as NodeHttp from "node:http"
import * as NodeHttps from "node:https"
import * as Net from "node:net"
import type * as Stream from "node:stream"
import * as Tls from "node:tls"
import { HttpError } from "../Errors.js"

/** A stage of a request, as Copas's timeout table names them. */
export type Stage = "connect" | "send" | "receive"

/** Everything `Http.request` decided, in plain values. */
export interface Plan {
  readonly url: URL
  readonly method: string
  readonly headers: Record<string, string>
  /** a stream's context is already provided (Http.ts); its error is the caller's own `E` */
  readonly body: string | Uint8Array | EffectStream.Stream<Uint8Array, unknown> | undefined
  /** milliseconds; 0 = no limit */
  readonly timeouts: Readonly<Record<Stage, number>>
  readonly redirect: boolean | "all"
  readonly maxRedirects: number
  readonly tls: NodeHttps.AgentOptions
  readonly bytes: boolean
  /** an `http:` URL (Http.ts checked it), user info = proxy credentials; every hop goes through it */
  readonly proxy: URL | undefined
}

export interface Result<B = string | Uint8Array> {
  readonly body: B
  readonly code: number
  readonly headers: Record<string, string>
  readonly status: string
}

/** The response head with its body still to come, as a stream (see `performStream`). */
export type StreamResult = Result<EffectStream.Stream<Uint8Array, HttpError>>

/** The error a watchdog destroys a request with (recognised again by `Watch.timedOut`). */
class StageTimeout extends Error {
  readonly code = "ECOPASTIMEOUT"
  constructor(readonly stage: Stage) {
    super(`timeout (${stage})`)
  }
}

/**
 * Watches the requests made through one agent: a connect timer from the moment the agent is given
 * the request until its socket is connected (TLS: handshake done; through a proxy that includes
 * reaching the proxy and, for https, the CONNECT exchange), then the socket's idle timeout set to
 * the send limit while the request is being written and to the receive limit once it is written
 * or the response has begun. An idle timeout is Copas's per-operation limit: every byte moved
 * restarts it.
 */
class Watch {
  timedOut: Stage | undefined = undefined
  response: NodeHttp.IncomingMessage | undefined = undefined
  /** the request being made (its body stream aborts it when it fails) */
  request: NodeHttp.ClientRequest | undefined = undefined
  /** stops watching the current request (a streamed body keeps its own receive limit) */
  unwatch: () => void = () => {}
  constructor(readonly timeouts: Readonly<Record<Stage, number>>) {}

  reset(): void {
    this.timedOut = undefined
    this.response = undefined
    this.request = undefined
    this.unwatch = () => {}
  }

  attach(req: NodeHttp.ClientRequest): void {
    this.request = req
    const t = this.timeouts
    let stage: Stage = "connect"
    let done = false
    let socket: Net.Socket | undefined
    let res: NodeHttp.IncomingMessage | undefined
    let connectTimer: ReturnType<typeof setTimeout> | undefined
    const fire = () => {
      if (done || this.timedOut !== undefined) return
      this.timedOut = stage
      const err = new StageTimeout(stage)
      // once the response has begun, its stream must fail (the request has already succeeded)
      if (res !== undefined && !res.complete) res.destroy(err)
      else {
        req.destroy(err)
        // a request without a socket yet learns of it only once its tunnel is set up: abort that
        tunnels.get(req)?.(err)
      }
    }
    const arm = (s: Stage) => {
      stage = s
      socket?.setTimeout(t[s])
    }
    const finish = () => {
      if (done) return
      done = true
      if (connectTimer !== undefined) clearTimeout(connectTimer)
      if (socket !== undefined) {
        socket.setTimeout(0)
        socket.off("timeout", fire)
      }
    }
    this.unwatch = finish
    // from here on: a tunnel through a proxy is set up before the request gets its socket
    if (t.connect > 0) connectTimer = setTimeout(fire, t.connect)
    req.once("socket", (s: Net.Socket) => {
      socket = s
      s.on("timeout", fire)
      const connected = () => {
        if (connectTimer !== undefined) clearTimeout(connectTimer)
        arm(res !== undefined || req.writableFinished ? "receive" : "send")
      }
      // our agents never reuse a socket and hand a tunnel over before its TLS handshake, so it is
      // always still connecting here
      s.once(s instanceof Tls.TLSSocket ? "secureConnect" : "connect", connected)
    })
    req.once("finish", () => {
      if (stage === "send") arm("receive")
    })
    req.once("response", (r: NodeHttp.IncomingMessage) => {
      res = r
      this.response = r
      if (stage !== "connect") arm("receive")
      r.once("end", finish)
      r.once("close", finish)
    })
    req.once("close", () => {
      if (res === undefined) finish()
    })
  }
}

/** What `TunnelAgent` tells its `createConnection` about the request (through Node's options). */
interface TunnelRequest {
  readonly req: NodeHttp.ClientRequest
  readonly authorization: string | undefined
}
const kTunnel = Symbol("effect-copas/tunnel")

/** What Node's `Agent#addRequest` is given: the request's options (host, port, ...). */
type AddRequestOptions = NodeHttp.ClientRequestArgs & { readonly [kTunnel]?: TunnelRequest }

interface AgentInternals {
  addRequest(req: NodeHttp.ClientRequest, options: AddRequestOptions): void
}

/**
 * Runs `hook` on every request `agent` is given, before Node's own `addRequest` (Node calls it for
 * each request, synchronously from the `ClientRequest` constructor: the request line and headers
 * are not written yet). `hook` may return other options for Node.
 */
const beforeAddRequest = <A extends NodeHttp.Agent>(
  agent: A,
  hook: (req: NodeHttp.ClientRequest, options: AddRequestOptions) => AddRequestOptions | void
): A => {
  const internals = agent as unknown as AgentInternals
  const addRequest = internals.addRequest
  if (typeof addRequest !== "function") throw new Error("effect-copas Http: http.Agent#addRequest is missing")
  internals.addRequest = function(this: AgentInternals, req, options) {
    return addRequest.call(this, req, hook(req, options) ?? options)
  }
  return agent
}

/** Makes `agent` report every request it carries to `watch`. */
const watched = <A extends NodeHttp.Agent>(agent: A, watch: Watch): A =>
  beforeAddRequest(agent, (req) => watch.attach(req))

// ---- proxies ------------------------------------------------------------------------------------

/** Where the proxy is and what to tell it. */
interface ProxyTarget {
  /** for net.connect: an IPv6 address without brackets */
  readonly host: string
  readonly port: number
  /** `proxy-authorization` from the proxy URL's user info */
  readonly authorization: string | undefined
}

const proxyTargetOf = (url: URL): ProxyTarget => ({
  host: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
  // the URL standard's default; LuaSocket assumes 3128 when the proxy URL has no port
  port: url.port === "" ? 80 : Number(url.port),
  authorization: url.username === "" && url.password === ""
    ? undefined
    : `Basic ${Buffer.from(`${decodeUserInfo(url.username)}:${decodeUserInfo(url.password)}`).toString("base64")}`
})

/** `host:port` of a request's target, as a URI authority (IPv6 in brackets). */
const authorityOf = (options: AddRequestOptions, defaultPort: number): string => {
  const host = String(options.host ?? "localhost")
  const port = Number(options.port ?? defaultPort)
  return `${host.includes(":") ? `[${host}]` : host}:${port}`
}

/**
 * Node writes the request line and headers in the `ClientRequest` constructor when there is an
 * `expect` header, before the agent could put the absolute URI in it: through a proxy, `perform`
 * hands `expect` over under this name and `ForwardAgent` restores it.
 */
const DEFERRED_EXPECT = "x-effect-copas-deferred-expect"

/**
 * The http agent with a proxy: every connection goes to the proxy, and the request line carries
 * the absolute URI (`GET http://host:port/path?q HTTP/1.1`, as LuaSocket does); the Host header
 * stays the target's, and the proxy's credentials go in `proxy-authorization` unless the caller
 * gave that header.
 */
class ForwardAgent extends NodeHttp.Agent {
  constructor(readonly proxy: ProxyTarget) {
    super({ keepAlive: false })
    beforeAddRequest(this, (req, options) => {
      const authority = authorityOf(options, 80)
      req.path = `http://${authority.endsWith(":80") ? authority.slice(0, -3) : authority}${req.path}`
      const expect = req.getHeader(DEFERRED_EXPECT)
      if (expect !== undefined) {
        req.removeHeader(DEFERRED_EXPECT)
        req.setHeader("expect", expect)
      }
      if (proxy.authorization !== undefined && !req.hasHeader("proxy-authorization")) {
        req.setHeader("proxy-authorization", proxy.authorization)
      }
    })
  }

  override createConnection(): Net.Socket {
    return Net.connect({ host: this.proxy.host, port: this.proxy.port })
  }
}

/** Aborts the tunnel a request is waiting for (its connect timeout fired). */
const tunnels = new WeakMap<NodeHttp.ClientRequest, (err: Error) => void>()

/** The proxy answered CONNECT with a status other than 2xx. */
class ProxyRefusal extends Error {
  readonly code = "ECOPASPROXY"
  constructor(readonly status: number, statusText: string) {
    super(`proxy refused the tunnel: ${status}${statusText === "" ? "" : ` ${statusText}`}`)
  }
}

/**
 * The https agent with a proxy: a `CONNECT host:port` tunnel through the proxy (node:http's own
 * CONNECT support), then Node's https agent makes its TLS connection over the tunnel with exactly
 * the options of a direct request (certificate and host name of the target, SNI, CA, session
 * cache), so the request itself is the normal one in origin-form. The proxy's credentials (or a
 * `proxy-authorization` header the caller gave) go on the CONNECT only, never to the target.
 */
class TunnelAgent extends NodeHttps.Agent {
  private readonly pending = new Set<(err: Error) => void>()

  constructor(readonly proxy: ProxyTarget, options: NodeHttps.AgentOptions) {
    super(options)
    beforeAddRequest(this, (req, options) => {
      const given = req.getHeader("proxy-authorization")
      if (given !== undefined) req.removeHeader("proxy-authorization")
      const authorization = given === undefined ? proxy.authorization : String(given)
      return { ...options, [kTunnel]: { req, authorization } }
    })
  }

  override createConnection(
    options: NodeHttps.RequestOptions & { readonly [kTunnel]?: TunnelRequest },
    callback?: (err: Error | null, stream: Stream.Duplex) => void
  ): undefined {
    const cb = callback!
    const tunnel = options[kTunnel]
    const authority = authorityOf(options, 443)
    const headers: Record<string, string> = { host: authority }
    if (tunnel?.authorization !== undefined) headers["proxy-authorization"] = tunnel.authorization
    const connect = NodeHttp.request({
      host: this.proxy.host,
      port: this.proxy.port,
      method: "CONNECT",
      path: authority,
      headers,
      setHost: false,
      agent: false
    })
    let settled = false
    const settle = (err: Error | null, socket?: Stream.Duplex) => {
      if (settled) return
      settled = true
      this.pending.delete(abort)
      if (tunnel !== undefined) tunnels.delete(tunnel.req)
      if (err !== null) cb(err, undefined as never)
      else cb(null, socket!)
    }
    const abort = (err: Error) => {
      connect.destroy()
      settle(err)
    }
    this.pending.add(abort)
    if (tunnel !== undefined) tunnels.set(tunnel.req, abort)
    connect.on("error", (err) => settle(err))
    connect.once("connect", (res: NodeHttp.IncomingMessage, raw: Net.Socket, head: Buffer) => {
      if (settled) return raw.destroy()
      const status = res.statusCode ?? 0
      if (status < 200 || status > 299) {
        raw.destroy()
        return settle(new ProxyRefusal(status, res.statusMessage ?? ""))
      }
      if (head.length > 0) raw.unshift(head)
      raw.on("error", () => {}) // the TLS socket over it reports what goes wrong
      const { [kTunnel]: _t, ...rest } = options
      let secure: Stream.Duplex | null | undefined
      try {
        // Node's own https connection (tls.connect with its options), over the tunnel
        secure = NodeHttps.Agent.prototype.createConnection.call(this, { ...rest, socket: raw } as never)
      } catch (err) {
        raw.destroy()
        return settle(err as Error)
      }
      secure!.once("close", () => raw.destroy())
      settle(null, secure!)
    })
    connect.end()
    return undefined
  }

  override destroy(): void {
    for (const abort of this.pending) abort(new Error("closed"))
    super.destroy()
  }
}

/**
 * A fresh HttpClient on NodeHttpClient with watched agents (no keep-alive: Copas sends
 * `connection: close`); with a proxy, agents that go through it.
 */
const clientLayer = (
  watch: Watch,
  tls: NodeHttps.AgentOptions,
  proxy: URL | undefined
): Layer.Layer<HttpClient.HttpClient> =>
  NodeHttpClient.layerWithoutAgent.pipe(Layer.provide(Layer.scoped(
    NodeHttpClient.HttpAgent,
    Effect.acquireRelease(
      Effect.sync((): NodeHttpClient.HttpAgent => ({
        [NodeHttpClient.HttpAgentTypeId]: NodeHttpClient.HttpAgentTypeId,
        http: watched(
          proxy === undefined ? new NodeHttp.Agent({ keepAlive: false }) : new ForwardAgent(proxyTargetOf(proxy)),
          watch
        ),
        https: watched(
          proxy === undefined
            ? new NodeHttps.Agent({ ...tls, keepAlive: false })
            : new TunnelAgent(proxyTargetOf(proxy), { ...tls, keepAlive: false }),
          watch
        )
      })),
      (agent) =>
        Effect.sync(() => {
          agent.http.destroy()
          agent.https.destroy()
        })
    )
  )))

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_|HOSTNAME|ALTNAME/

/** The innermost Node error of a platform error (RequestError / ResponseError carry it as `cause`). */
const nodeErrorOf = (u: unknown): { code?: unknown; message?: unknown } | undefined => {
  let e: unknown = u
  for (let i = 0; i < 5 && typeof e === "object" && e !== null; i++) {
    if (typeof (e as { code?: unknown }).code === "string") return e as { code: string }
    e = (e as { cause?: unknown }).cause
  }
  return typeof e === "object" && e !== null ? e as { message?: unknown } : undefined
}

/** Maps a failure of HttpClient (or of reading the body) onto HttpError with Copas's texts. */
const toHttpError = (u: unknown, watch: Watch, url: URL): HttpError => {
  const href = url.href
  if (watch.timedOut !== undefined) {
    return new HttpError({ reason: "timeout", detail: `timeout (${watch.timedOut})`, url: href, cause: u })
  }
  const tag = (u as { _tag?: unknown; reason?: unknown })
  if (tag._tag === "RequestError" && tag.reason === "InvalidUrl") {
    return new HttpError({ reason: "invalid-url", detail: `invalid url '${href}'`, url: href, cause: u })
  }
  const e = nodeErrorOf(u)
  if (e instanceof ProxyRefusal) {
    return new HttpError({ reason: "proxy", detail: e.message, code: e.status, url: href, cause: u })
  }
  const code = typeof e?.code === "string" ? e.code : ""
  const text = typeof e?.message === "string" ? e.message : String(u)
  if (code === "ECONNREFUSED") return new HttpError({ reason: "refused", detail: "connection refused", url: href, cause: u })
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") {
    return new HttpError({ reason: "other", detail: `host not found '${url.hostname}'`, url: href, cause: u })
  }
  if (code.startsWith("HPE_")) {
    const detail = code === "HPE_INVALID_CHUNK_SIZE" ? "invalid chunk size" : `malformed response (${text})`
    return new HttpError({ reason: "malformed", detail, url: href, cause: u })
  }
  if (code !== "" && TLS_CODE.test(code)) return new HttpError({ reason: "tls", detail: text, url: href, cause: u })
  if (code === "ECONNRESET" || code === "EPIPE" || code === "ERR_STREAM_PREMATURE_CLOSE" || text === "aborted") {
    return new HttpError({ reason: "closed", detail: "closed", url: href, cause: u })
  }
  return new HttpError({ reason: "other", detail: text, url: href, cause: u })
}

/** Copas (LuaSocket) follows only these, only for GET/HEAD without a request body. */
const REDIRECT_CODES = new Set([301, 302, 303, 307])

/** LuaSocket's header table: lower-case names, repeated headers joined with ", ". */
const headersOf = (res: NodeHttp.IncomingMessage): Record<string, string> => addHeaders({}, res.rawHeaders)

/** Adds raw `[name, value, ...]` pairs to a LuaSocket header table. */
const addHeaders = (out: Record<string, string>, raw: ReadonlyArray<string>): Record<string, string> => {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase()
    const prev = out[name]
    out[name] = prev === undefined ? raw[i + 1]! : `${prev}, ${raw[i + 1]!}`
  }
  return out
}

/**
 * A Location value as URL text. node:http hands header bytes over as latin1 characters, so raw
 * UTF-8 (which many servers send) would be encoded a second time: the bytes above 0x7f are
 * percent-encoded as the bytes they are (as curl does; LuaSocket sends them on unchanged).
 */
const locationText = (loc: string): string =>
  loc.replace(/[\x80-\xff]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** Percent-decodes user info; text that is not valid %-encoding is taken as it is (no defect). */
const decodeUserInfo = (s: string): string => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

const withoutCredentials = (url: URL, headers: Record<string, string>): [URL, Record<string, string>] => {
  if (url.username === "" && url.password === "") return [url, headers]
  const auth = Buffer.from(`${decodeUserInfo(url.username)}:${decodeUserInfo(url.password)}`).toString("base64")
  const clean = new URL(url.href)
  clean.username = ""
  clean.password = ""
  return [clean, "authorization" in headers ? headers : { ...headers, authorization: `Basic ${auth}` }]
}

const buildRequest = (plan: Plan, url: URL, headers: Record<string, string>): HttpClientRequest.HttpClientRequest => {
  // any method token goes through to node:http; HttpClientRequest's type only lists the common ones
  let req = HttpClientRequest.make(plan.method as "POST")(url)
  const body = plan.body
  if (typeof body === "string") req = HttpClientRequest.bodyText(req, body, "text/plain; charset=utf-8")
  else if (body instanceof Uint8Array) req = HttpClientRequest.bodyUint8Array(req, body)
  else if (body !== undefined) req = HttpClientRequest.bodyStream(req, body)
  return HttpClientRequest.setHeaders(req, headers)
}

/**
 * The whole response body, its chunks joined once at the end into a fresh array. (The platform's
 * `response.arrayBuffer` joins what it has so far with every chunk: quadratic, 40 MB took 15 s.)
 */
const readBody = (response: HttpClientResponse.HttpClientResponse) =>
  Effect.map(
    EffectStream.runFold(response.stream, [] as Array<Uint8Array>, (chunks, c) => {
      chunks.push(c)
      return chunks
    }),
    (chunks) => {
      let size = 0
      for (const c of chunks) size += c.length
      const out = new Uint8Array(size)
      let at = 0
      for (const c of chunks) {
        out.set(c, at)
        at += c.length
      }
      return out
    }
  )

/** Why a request was destroyed: its body stream failed (the stream's error is the caller's). */
class SourceFailed extends Error {
  readonly code = "ECOPASSOURCE"
  constructor() {
    super("the request body failed")
  }
}

/**
 * The request body: a stream that fails destroys the request at once, so the server sees an
 * aborted request and never a complete one (the platform would `end()` it: for a chunked body,
 * the terminating 0-chunk), and its cause is kept to be the request's: its typed error, or its
 * defect (a bug in the stream stays a defect, not an `HttpError`). An interruption is not kept:
 * it is the platform stopping the body because the request failed (that failure is the one).
 */
const guardedBody = (plan: Plan, watch: Watch, failed: { cause?: Cause.Cause<unknown> }): Plan => {
  const body = plan.body
  if (body === undefined || typeof body === "string" || body instanceof Uint8Array) return plan
  return {
    ...plan,
    body: EffectStream.tapErrorCause(body, (cause) =>
      Effect.sync(() => {
        if (!Cause.isInterruptedOnly(cause)) failed.cause = cause
        watch.request?.destroy(new SourceFailed())
      }))
  }
}

/** The final response (after redirects): its head, and the platform's response to read the body from. */
interface Head {
  readonly response: HttpClientResponse.HttpClientResponse
  readonly res: NodeHttp.IncomingMessage | undefined
  readonly url: URL
  readonly code: number
  readonly headers: Record<string, string>
  readonly status: string
}

/** Sends the request and follows Copas's redirects up to the final response's head. */
const exchange = (plan: Plan, watch: Watch): Effect.Effect<Head, unknown, HttpClient.HttpClient> => {
  const failed: { cause?: Cause.Cause<unknown> } = {}
  const guarded = guardedBody(plan, watch, failed)
  const canRedirect = plan.redirect !== false && plan.body === undefined &&
    (plan.method === "GET" || plan.method === "HEAD")
  return Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    let url = plan.url
    let headers = plan.headers
    let location: string | undefined
    for (let hops = 0;; hops++) {
      watch.reset()
      const [target, withAuth] = withoutCredentials(url, headers)
      let sent = withAuth
      if (plan.proxy !== undefined && target.protocol === "http:" && "expect" in sent) {
        const { expect, ...rest } = sent
        sent = { ...rest, [DEFERRED_EXPECT]: expect! }
      }
      const response = yield* Effect.catchAll(
        client.execute(buildRequest(guarded, target, sent)),
        (e) => failed.cause !== undefined ? Effect.failCause(failed.cause) : Effect.fail(toHttpError(e, watch, url))
      )
      const res = watch.response
      const raw = res === undefined ? {} : headersOf(res)
      const loc = raw["location"]
      if (canRedirect && REDIRECT_CODES.has(response.status) && loc !== undefined && loc !== "") {
        let next: URL
        try {
          next = new URL(locationText(loc), url)
        } catch (cause) {
          return yield* new HttpError({ reason: "malformed", detail: `invalid location '${loc}'`, url: url.href, cause })
        }
        if (url.protocol === "https:" && next.protocol === "http:" && plan.redirect !== "all") {
          return yield* new HttpError({
            reason: "insecure-redirect",
            detail: "Unallowed insecure redirect https to http",
            url: next.href
          })
        }
        if (hops >= plan.maxRedirects) {
          return yield* new HttpError({
            reason: "too-many-redirects",
            detail: `too many redirects (more than ${plan.maxRedirects})`,
            url: next.href
          })
        }
        res?.resume() // drop the body; the agent closes the connection
        // credentials and cookies do not travel to another origin
        if (next.origin !== url.origin) {
          const { authorization: _a, cookie: _c, ...rest } = headers
          headers = rest
        }
        location = next.href
        url = next
        continue
      }
      if (location !== undefined && raw["location"] === undefined) raw["location"] = location
      const status = res === undefined
        ? `HTTP/1.1 ${response.status}`
        : `HTTP/${res.httpVersion} ${response.status} ${res.statusMessage ?? ""}`.trimEnd()
      return { response, res, url, code: response.status, headers: raw, status } satisfies Head
    }
  })
}

/** LuaSocket reads the trailer of a chunked body into the same header table. */
const addTrailers = (head: Head): void => {
  if (head.res !== undefined) addHeaders(head.headers, head.res.rawTrailers)
}

/** Runs one `Http.request` with redirects, reading the whole response body. */
export const perform = (plan: Plan): Effect.Effect<Result, unknown> => {
  const watch = new Watch(plan.timeouts)
  const program = Effect.gen(function*() {
    const head = yield* exchange(plan, watch)
    const buf = yield* Effect.mapError(readBody(head.response), (e) => toHttpError(e, watch, head.url))
    addTrailers(head)
    return {
      body: plan.bytes ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString("utf8"),
      code: head.code,
      headers: head.headers,
      status: head.status
    } satisfies Result
  })
  return Effect.provide(program, clientLayer(watch, plan.tls, plan.proxy))
}

/**
 * Runs one request with redirects up to the final response's head; its body is a stream read as
 * it is pulled (the platform reads the socket on demand: Node's backpressure keeps it bounded).
 * The connection (the agents) belongs to the scope: it is closed when the scope closes, and
 * aborted as soon as the stream ends early, fails or is interrupted. Once the head is here the
 * socket's idle timer is off: the receive limit is applied to each pull instead, so the time the
 * consumer spends on a chunk does not count, only the wait for the next one (Copas's per-receive
 * timeout). The trailer of a chunked body is added to `headers` when the body has ended.
 */
export const performStream = (plan: Plan): Effect.Effect<StreamResult, unknown, Scope.Scope> => {
  const watch = new Watch(plan.timeouts)
  return Effect.gen(function*() {
    const context = yield* Layer.build(clientLayer(watch, plan.tls, plan.proxy))
    const head = yield* Effect.provide(exchange(plan, watch), context)
    watch.unwatch()
    const receive = plan.timeouts.receive
    const url = head.url
    let body: EffectStream.Stream<Uint8Array, HttpError> = EffectStream.mapError(
      head.response.stream,
      (e) => toHttpError(e, watch, url)
    )
    if (receive > 0) {
      body = EffectStream.timeoutFail(
        body,
        () => new HttpError({ reason: "timeout", detail: "timeout (receive)", url: url.href }),
        receive
      )
    }
    body = EffectStream.ensuring(body, Effect.sync(() => addTrailers(head)))
    return { body, code: head.code, headers: head.headers, status: head.status } satisfies StreamResult
  })
}

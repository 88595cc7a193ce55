/**
 * The machinery behind `Http.request`: `@effect/platform`'s HttpClient on `NodeHttpClient` with an
 * agent of our own per request (it watches each request's stages for Copas's connect / send /
 * receive timeouts and hands us the raw response for LuaSocket-style headers), and Copas's
 * redirect policy. Loaded lazily by `Http.ts`: NodeHttpClient pulls in undici (~300 ms), which a
 * program that never makes an http request should not pay for.
 *
 * @internal
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Stream from "effect/Stream"
import * as NodeHttp from "node:http"
import * as NodeHttps from "node:https"
import type * as Net from "node:net"
import * as Tls from "node:tls"
import { HttpError } from "../Errors.js"

/** A stage of a request, as Copas's timeout table names them. */
export type Stage = "connect" | "send" | "receive"

/** Everything `Http.request` decided, in plain values. */
export interface Plan {
  readonly url: URL
  readonly method: string
  readonly headers: Record<string, string>
  readonly body: string | Uint8Array | Stream.Stream<Uint8Array, unknown> | undefined
  /** milliseconds; 0 = no limit */
  readonly timeouts: Readonly<Record<Stage, number>>
  readonly redirect: boolean | "all"
  readonly maxRedirects: number
  readonly tls: NodeHttps.AgentOptions
  readonly bytes: boolean
}

export interface Result {
  readonly body: string | Uint8Array
  readonly code: number
  readonly headers: Record<string, string>
  readonly status: string
}

/** The error a watchdog destroys a request with (recognised again by `Watch.timedOut`). */
class StageTimeout extends Error {
  readonly code = "ECOPASTIMEOUT"
  constructor(readonly stage: Stage) {
    super(`timeout (${stage})`)
  }
}

/**
 * Watches the requests made through one agent: a connect timer until the socket is connected
 * (TLS: handshake done), then the socket's idle timeout set to the send limit while the request is
 * being written and to the receive limit once it is written or the response has begun. An idle
 * timeout is Copas's per-operation limit: every byte moved restarts it.
 */
class Watch {
  timedOut: Stage | undefined = undefined
  response: NodeHttp.IncomingMessage | undefined = undefined
  constructor(readonly timeouts: Readonly<Record<Stage, number>>) {}

  reset(): void {
    this.timedOut = undefined
    this.response = undefined
  }

  attach(req: NodeHttp.ClientRequest): void {
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
      else req.destroy(err)
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
    req.once("socket", (s: Net.Socket) => {
      socket = s
      s.on("timeout", fire)
      const connected = () => {
        if (connectTimer !== undefined) clearTimeout(connectTimer)
        arm(res !== undefined || req.writableFinished ? "receive" : "send")
      }
      // our agents never reuse a socket, so it is always still connecting here
      if (t.connect > 0) connectTimer = setTimeout(fire, t.connect)
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

interface AgentInternals {
  addRequest(req: NodeHttp.ClientRequest, options: unknown): void
}

/** Makes `agent` report every request it carries to `watch` (Node calls `addRequest` for each). */
const watched = <A extends NodeHttp.Agent>(agent: A, watch: Watch): A => {
  const internals = agent as unknown as AgentInternals
  const addRequest = internals.addRequest
  if (typeof addRequest !== "function") throw new Error("effect-copas Http: http.Agent#addRequest is missing")
  internals.addRequest = function(this: AgentInternals, req, options) {
    watch.attach(req)
    return addRequest.call(this, req, options)
  }
  return agent
}

/** A fresh HttpClient on NodeHttpClient with watched agents (no keep-alive: Copas sends `connection: close`). */
const clientLayer = (watch: Watch, tls: NodeHttps.AgentOptions): Layer.Layer<HttpClient.HttpClient> =>
  NodeHttpClient.layerWithoutAgent.pipe(Layer.provide(Layer.scoped(
    NodeHttpClient.HttpAgent,
    Effect.acquireRelease(
      Effect.sync((): NodeHttpClient.HttpAgent => ({
        [NodeHttpClient.HttpAgentTypeId]: NodeHttpClient.HttpAgentTypeId,
        http: watched(new NodeHttp.Agent({ keepAlive: false }), watch),
        https: watched(new NodeHttps.Agent({ ...tls, keepAlive: false }), watch)
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
const headersOf = (res: NodeHttp.IncomingMessage): Record<string, string> => {
  const out: Record<string, string> = {}
  const raw = res.rawHeaders
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase()
    const prev = out[name]
    out[name] = prev === undefined ? raw[i + 1]! : `${prev}, ${raw[i + 1]!}`
  }
  return out
}

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

/** Runs one `Http.request` with redirects, reading the whole response body. */
export const perform = (plan: Plan): Effect.Effect<Result, HttpError> => {
  const watch = new Watch(plan.timeouts)
  const canRedirect = plan.redirect !== false && plan.body === undefined &&
    (plan.method === "GET" || plan.method === "HEAD")
  const program = Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    let url = plan.url
    let headers = plan.headers
    let location: string | undefined
    for (let hops = 0;; hops++) {
      watch.reset()
      const [target, sent] = withoutCredentials(url, headers)
      const response = yield* Effect.mapError(client.execute(buildRequest(plan, target, sent)), (e) =>
        toHttpError(e, watch, url))
      const res = watch.response
      const raw = res === undefined ? {} : headersOf(res)
      const loc = raw["location"]
      if (canRedirect && REDIRECT_CODES.has(response.status) && loc !== undefined && loc !== "") {
        let next: URL
        try {
          next = new URL(loc, url)
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
      const buf = new Uint8Array(
        yield* Effect.mapError(response.arrayBuffer, (e) => toHttpError(e, watch, url))
      )
      if (location !== undefined && raw["location"] === undefined) raw["location"] = location
      const status = res === undefined
        ? `HTTP/1.1 ${response.status}`
        : `HTTP/${res.httpVersion} ${response.status} ${res.statusMessage ?? ""}`.trimEnd()
      return {
        body: plan.bytes ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString("utf8"),
        code: response.status,
        headers: raw,
        status
      } satisfies Result
    }
  })
  return Effect.provide(program, clientLayer(watch, plan.tls))
}

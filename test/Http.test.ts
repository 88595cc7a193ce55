import { describe, it, assert } from "@effect/vitest"
import { Cause, Effect, Exit, Stream } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Http from "effect-copas/Http"
import type { HttpError } from "effect-copas/Errors"
import * as http from "node:http"
import * as https from "node:https"
import * as net from "node:net"
import { makeCerts } from "./util/certs.js"
import { errorOf } from "./util/copas.js"
import { closedPort } from "./util/net.js"

// ---- servers ------------------------------------------------------------------------------------

type AnyServer = http.Server | https.Server | net.Server

/** listens on 127.0.0.1 port 0; closed (connections too) with the scope */
const listen = <S extends AnyServer>(server: S) =>
  Effect.acquireRelease(
    Effect.async<{ server: S; port: number }>((resume) => {
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed({ server, port: (server.address() as net.AddressInfo).port })))
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        if ("closeAllConnections" in server) server.closeAllConnections()
        for (const s of sockets.get(server) ?? []) s.destroy()
        server.close(() => resume(Effect.void))
      })
  )

/** raw connections per server, so stalled ones are destroyed at the end */
const sockets = new WeakMap<AnyServer, Set<net.Socket>>()
const track = <S extends AnyServer>(server: S): S => {
  const set = new Set<net.Socket>()
  sockets.set(server, set)
  server.on("connection", (s: net.Socket) => {
    set.add(s)
    s.on("close", () => set.delete(s))
  })
  return server
}

const httpServer = (handler: http.RequestListener) => listen(track(http.createServer(handler)))
const httpsServer = (handler: http.RequestListener, keyCert = makeCerts().server) =>
  listen(track(https.createServer(keyCert, handler)))
/** a raw TCP server for byte-exact misbehaviour */
const tcpServer = (onConnection: (s: net.Socket) => void) => listen(track(net.createServer(onConnection)))

const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => resolve(Buffer.concat(chunks).toString()))
  })

const failure = <A>(exit: Exit.Exit<A, HttpError>): HttpError => errorOf(exit)

const elapsed = <A, E, R>(self: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const t0 = performance.now()
    const exit = yield* Effect.exit(self)
    return { exit, ms: performance.now() - t0 }
  })

// ---- requests -----------------------------------------------------------------------------------

describe("Http.request", () => {
  it.scopedLive("GET returns body, code, lower-case headers and the status line", () =>
    Effect.gen(function*() {
      const seen: Array<http.IncomingHttpHeaders> = []
      const { port } = yield* httpServer((req, res) => {
        seen.push(req.headers)
        res.writeHead(200, "Fine", { "X-Thing": "yes", "Content-Type": "text/plain" })
        res.end(`hello ${req.method} ${req.url}`)
      })
      const r = yield* Http.request(`http://127.0.0.1:${port}/a/b?c=d`)
      assert.strictEqual(r.code, 200)
      assert.strictEqual(r.body, "hello GET /a/b?c=d")
      assert.strictEqual(r.status, "HTTP/1.1 200 Fine")
      assert.strictEqual(r.headers["x-thing"], "yes")
      assert.strictEqual(r.headers["content-type"], "text/plain")
      assert.strictEqual(seen[0]!["user-agent"], Http.USERAGENT)
      assert.strictEqual(seen[0]!["connection"], "close")
      // a 404 is a result, not a failure
      const { port: p2 } = yield* httpServer((_req, res) => {
        res.writeHead(404)
        res.end("nope")
      })
      const r2 = yield* Http.request(`http://127.0.0.1:${p2}/`)
      assert.strictEqual(r2.code, 404)
      assert.strictEqual(r2.body, "nope")
    }))

  it.scopedLive("with a body: a form POST as LuaSocket does", () =>
    Effect.gen(function*() {
      const seen: Array<{ method?: string; type?: string; length?: string; body: string }> = []
      const { port } = yield* httpServer(async (req, res) => {
        const body = await readBody(req)
        seen.push({
          ...(req.method ? { method: req.method } : {}),
          ...(req.headers["content-type"] ? { type: req.headers["content-type"] } : {}),
          ...(req.headers["content-length"] ? { length: req.headers["content-length"] } : {}),
          body
        })
        res.end("ok")
      })
      const r = yield* Http.request(`http://127.0.0.1:${port}/form`, "a=1&b=x+y")
      assert.strictEqual(r.body, "ok")
      yield* Http.request(`http://127.0.0.1:${port}/form`, { name: "copas lua", x: "&" })
      assert.deepStrictEqual(seen, [
        { method: "POST", type: "application/x-www-form-urlencoded", length: "9", body: "a=1&b=x+y" },
        { method: "POST", type: "application/x-www-form-urlencoded", length: "20", body: "name=copas+lua&x=%26" }
      ])
    }))

  it.scopedLive("options: method, custom headers, bytes and stream bodies, bytes response, basic auth", () =>
    Effect.gen(function*() {
      const seen: Array<{ method: string; headers: http.IncomingHttpHeaders; body: string }> = []
      const { port } = yield* httpServer(async (req, res) => {
        const body = await readBody(req)
        seen.push({ method: req.method!, headers: req.headers, body })
        res.end(Buffer.from([0, 255, 1, 128]))
      })
      const url = `http://127.0.0.1:${port}/x`
      const r = yield* Http.request({
        url,
        method: "put",
        headers: { "X-Custom": "1", "User-Agent": "mine", "Content-Type": "application/thing", "X-List": ["a", "b"] },
        body: new Uint8Array([65, 66, 67]),
        responseType: "bytes"
      })
      assert.deepStrictEqual(Array.from(r.body), [0, 255, 1, 128])
      yield* Http.request({
        url,
        method: "POST",
        body: Stream.make("one,", "two").pipe(Stream.map((s) => new TextEncoder().encode(s)))
      })
      yield* Http.request(`http://us%20er:p%40ss@127.0.0.1:${port}/auth`)
      yield* Http.request(`http://a%zz:b@127.0.0.1:${port}/auth`) // not valid %-encoding: sent as written
      assert.strictEqual(seen[0]!.method, "PUT")
      assert.strictEqual(seen[0]!.headers["x-custom"], "1")
      assert.strictEqual(seen[0]!.headers["user-agent"], "mine")
      assert.strictEqual(seen[0]!.headers["content-type"], "application/thing")
      assert.strictEqual(seen[0]!.headers["x-list"], "a, b")
      assert.strictEqual(seen[0]!.body, "ABC")
      // a stream without content-length goes chunked
      assert.strictEqual(seen[1]!.headers["transfer-encoding"], "chunked")
      assert.strictEqual(seen[1]!.body, "one,two")
      assert.strictEqual(seen[2]!.headers.authorization, `Basic ${Buffer.from("us er:p@ss").toString("base64")}`)
      assert.strictEqual(seen[3]!.headers.authorization, `Basic ${Buffer.from("a%zz:b").toString("base64")}`)
    }))

  it.scopedLive("a chunked response is decoded; repeated headers are joined with ', '", () =>
    Effect.gen(function*() {
      const { port } = yield* tcpServer((s) => {
        s.once("data", () => {
          s.end(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nSet-Cookie: a=1\r\nX-Multi: a\r\n" +
              "Set-Cookie: b=2\r\nx-multi: b\r\nContent-Type: text/plain\r\nContent-Type: text/html\r\n\r\n" +
              "5\r\nhello\r\n1\r\n \r\n6\r\nworld!\r\n0\r\n\r\n"
          )
        })
      })
      const r = yield* Http.request(`http://127.0.0.1:${port}/`)
      assert.strictEqual(r.body, "hello world!")
      assert.strictEqual(r.headers["transfer-encoding"], "chunked")
      assert.strictEqual(r.headers["x-multi"], "a, b")
      assert.strictEqual(r.headers["set-cookie"], "a=1, b=2")
      // node:http drops a repeated content-type; LuaSocket joins every repeated header
      assert.strictEqual(r.headers["content-type"], "text/plain, text/html")
    }))

  it.scopedLive("a connection refused is HttpError refused; a bad URL is invalid-url", () =>
    Effect.gen(function*() {
      const port = yield* closedPort
      const e = failure(yield* Effect.exit(Http.request(`http://127.0.0.1:${port}/`)))
      assert.strictEqual(e.reason, "refused")
      assert.strictEqual(e.detail, "connection refused")
      assert.strictEqual(failure(yield* Effect.exit(Http.request("not a url"))).reason, "invalid-url")
      assert.strictEqual(failure(yield* Effect.exit(Http.request("ftp://127.0.0.1/x"))).reason, "invalid-url")
    }))

  it.live("bad options are defects with Copas's text", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Http.request({ url: "http://127.0.0.1:1/", timeout: { recv: 1 } as never }))
      assert.isTrue(Exit.isFailure(exit) && Cause.isDie(exit.cause))
      assert.include(
        Cause.pretty((exit as Exit.Failure<unknown, unknown>).cause),
        "'recv' is not a valid timeout option. Valid: 'connect', 'send', 'receive'"
      )
      const neg = yield* Effect.exit(Http.request({ url: "http://127.0.0.1:1/", timeout: -5 }))
      assert.isTrue(Exit.isFailure(neg) && Cause.isDie(neg.cause))
    }))

  it.scopedLive("runs as concurrent Copas tasks; the loop ends when all are done", () =>
    Effect.gen(function*() {
      const { port } = yield* httpServer((req, res) => {
        setTimeout(() => res.end(req.url), Number(req.url!.slice(1)))
      })
      const done: Array<string> = []
      const t0 = performance.now()
      yield* Copas.run(Effect.gen(function*() {
        for (const ms of [150, 50, 100]) {
          yield* Copas.addThread(Effect.gen(function*() {
            const r = yield* Http.request(`http://127.0.0.1:${port}/${ms}`)
            done.push(r.body)
          }))
        }
      }))
      const total = performance.now() - t0
      assert.deepStrictEqual(done, ["/50", "/100", "/150"])
      assert.isBelow(total, 1000) // concurrent, not 300 ms in a row plus overhead
    }))
})

// ---- redirects ----------------------------------------------------------------------------------

describe("Http redirects (Copas's rules)", () => {
  /** /r/<code>/<n> redirects n times with <code>, then answers "end" */
  const redirector = (hits: Array<string>) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    hits.push(`${req.method} ${req.url}`)
    const m = /^\/r\/(\d+)\/(\d+)$/.exec(req.url ?? "")
    if (m && Number(m[2]) > 0) {
      res.writeHead(Number(m[1]), { Location: `/r/${m[1]}/${Number(m[2]) - 1}` })
      res.end()
    } else {
      res.end(`end ${req.method}`)
    }
  }

  it.scopedLive("301, 302, 303 and 307 are followed for GET and HEAD; the last hop is in headers.location", () =>
    Effect.gen(function*() {
      const hits: Array<string> = []
      const { port } = yield* httpServer(redirector(hits))
      for (const code of [301, 302, 303, 307]) {
        const r = yield* Http.request(`http://127.0.0.1:${port}/r/${code}/2`)
        assert.strictEqual(r.code, 200)
        assert.strictEqual(r.body, "end GET")
        assert.strictEqual(r.headers.location, `http://127.0.0.1:${port}/r/${code}/0`)
      }
      const head = yield* Http.request({ url: `http://127.0.0.1:${port}/r/302/1`, method: "HEAD" })
      assert.strictEqual(head.code, 200)
      assert.strictEqual(head.body, "")
      assert.deepStrictEqual(hits.slice(-2), ["HEAD /r/302/1", "HEAD /r/302/0"])
    }))

  it.scopedLive("not followed: 308 and 300, a POST, a body, redirect false", () =>
    Effect.gen(function*() {
      const hits: Array<string> = []
      const { port } = yield* httpServer(redirector(hits))
      const base = `http://127.0.0.1:${port}`
      for (const code of [308, 300]) {
        const r = yield* Http.request(`${base}/r/${code}/1`)
        assert.strictEqual(r.code, code)
        assert.strictEqual(r.headers.location, `/r/${code}/0`)
      }
      assert.strictEqual((yield* Http.request(`${base}/r/302/1`, "a=1")).code, 302)
      assert.strictEqual((yield* Http.request({ url: `${base}/r/302/1`, method: "PUT", body: "x" })).code, 302)
      assert.strictEqual((yield* Http.request({ url: `${base}/r/302/1`, redirect: false })).code, 302)
      assert.deepStrictEqual(hits, ["GET /r/308/1", "GET /r/300/1", "POST /r/302/1", "PUT /r/302/1", "GET /r/302/1"])
    }))

  it.scopedLive("maxRedirects (default 5) is honoured: one more hop is too-many-redirects", () =>
    Effect.gen(function*() {
      const hits: Array<string> = []
      const { port } = yield* httpServer(redirector(hits))
      const base = `http://127.0.0.1:${port}`
      assert.strictEqual((yield* Http.request(`${base}/r/302/5`)).body, "end GET")
      hits.length = 0
      const e = failure(yield* Effect.exit(Http.request(`${base}/r/302/6`)))
      assert.strictEqual(e.reason, "too-many-redirects")
      assert.strictEqual(hits.length, 6)
      assert.strictEqual((yield* Http.request({ url: `${base}/r/302/8`, maxRedirects: 8 })).body, "end GET")
      const zero = failure(yield* Effect.exit(Http.request({ url: `${base}/r/302/1`, maxRedirects: 0 })))
      assert.strictEqual(zero.reason, "too-many-redirects")
    }))

  it.scopedLive("https → http is refused unless redirect: \"all\"; http → https is followed", () =>
    Effect.gen(function*() {
      const { ca } = makeCerts()
      const { port: plain } = yield* httpServer((req, res) => {
        if (req.url === "/up") {
          res.writeHead(302, { Location: `https://127.0.0.1:${secure}/` })
          return res.end()
        }
        res.end("plain")
      })
      const { port: secure } = yield* httpsServer((req, res) => {
        if (req.url === "/down") {
          res.writeHead(301, { Location: `http://127.0.0.1:${plain}/` })
          return res.end()
        }
        res.end("secure")
      })
      const e = failure(yield* Effect.exit(Http.request({ url: `https://127.0.0.1:${secure}/down`, tls: { ca } })))
      assert.strictEqual(e.reason, "insecure-redirect")
      assert.strictEqual(e.detail, "Unallowed insecure redirect https to http")
      const all = yield* Http.request({ url: `https://127.0.0.1:${secure}/down`, tls: { ca }, redirect: "all" })
      assert.strictEqual(all.body, "plain")
      const up = yield* Http.request({ url: `http://127.0.0.1:${plain}/up`, tls: { ca } })
      assert.strictEqual(up.body, "secure")
    }))
})

// ---- TLS ----------------------------------------------------------------------------------------

describe("Http https", () => {
  it.scopedLive("verifies certificates by default; accepts the server with its CA", () =>
    Effect.gen(function*() {
      const { ca } = makeCerts()
      const { port } = yield* httpsServer((_req, res) => res.end("secret"))
      const e = failure(yield* Effect.exit(Http.request(`https://127.0.0.1:${port}/`)))
      assert.strictEqual(e.reason, "tls")
      const r = yield* Http.request({ url: `https://127.0.0.1:${port}/`, tls: { ca } })
      assert.strictEqual(r.body, "secret")
      const byName = yield* Http.request({ url: `https://localhost:${port}/`, tls: { ca } })
      assert.strictEqual(byName.body, "secret")
      // a host name the certificate does not name is refused even with the CA
      const wrong = failure(
        yield* Effect.exit(Http.request({ url: `https://127.0.0.1:${port}/`, tls: { ca, servername: "example.org" } }))
      )
      assert.strictEqual(wrong.reason, "tls")
      const optOut = yield* Http.request({ url: `https://127.0.0.1:${port}/`, tls: { rejectUnauthorized: false } })
      assert.strictEqual(optOut.body, "secret")
      const verifyOff = yield* Http.request({ url: `https://127.0.0.1:${port}/`, tls: { verify: false } })
      assert.strictEqual(verifyOff.body, "secret")
    }))

  it.scopedLive("a self-signed certificate is refused by default and accepted with itself as the CA", () =>
    Effect.gen(function*() {
      const { selfSigned } = makeCerts()
      const { port } = yield* httpsServer((_req, res) => res.end("self"), selfSigned)
      const e = failure(yield* Effect.exit(Http.request(`https://127.0.0.1:${port}/`)))
      assert.strictEqual(e.reason, "tls")
      assert.include(e.detail, "self-signed")
      const r = yield* Http.request({ url: `https://127.0.0.1:${port}/`, tls: { ca: selfSigned.cert } })
      assert.strictEqual(r.body, "self")
    }))
})

// ---- timeouts -----------------------------------------------------------------------------------

describe("Http timeouts (each stage)", () => {
  const expectTimeout = <A>(
    run: { exit: Exit.Exit<A, HttpError>; ms: number },
    stage: "connect" | "send" | "receive",
    limit: number
  ) => {
    const e = failure(run.exit)
    assert.strictEqual(e.reason, "timeout")
    assert.strictEqual(e.detail, `timeout (${stage})`)
    assert.isAtLeast(run.ms, limit - 5)
    assert.isBelow(run.ms, limit + 2000)
  }

  it.scopedLive("the server stalls after the request headers: receive", () =>
    Effect.gen(function*() {
      let got = 0
      const { port } = yield* httpServer(() => {
        got++ // never answers
      })
      const run = yield* elapsed(Http.request({ url: `http://127.0.0.1:${port}/`, timeout: { receive: 300 } }))
      expectTimeout(run, "receive", 300)
      assert.strictEqual(got, 1)
    }))

  it.scopedLive("the server stops reading mid request body: send", () =>
    Effect.gen(function*() {
      let received = 0
      const { port } = yield* httpServer((req) => {
        req.on("data", (c: Buffer) => {
          received += c.length
          if (received > 64 * 1024) req.pause() // stalls: the socket is no longer read
        })
      })
      const body = new Uint8Array(64 * 1024 * 1024)
      const run = yield* elapsed(Http.request({
        url: `http://127.0.0.1:${port}/`,
        method: "POST",
        body,
        timeout: { send: 400, receive: 10_000 }
      }))
      expectTimeout(run, "send", 400)
      assert.isAbove(received, 0)
      assert.isBelow(received, body.length)
    }))

  it.scopedLive("the server stalls after 100 response bytes: receive", () =>
    Effect.gen(function*() {
      const { port } = yield* tcpServer((s) => {
        s.once("data", () => {
          const head = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
          s.write(head + "x".repeat(100 - head.length)) // then nothing
        })
      })
      const run = yield* elapsed(Http.request({ url: `http://127.0.0.1:${port}/`, timeout: "300 millis" }))
      expectTimeout(run, "receive", 300)
    }))

  it.scopedLive("the server stalls 500 bytes before the end: receive (chunks keep the limit alive until then)", () =>
    Effect.gen(function*() {
      const { port } = yield* tcpServer((s) => {
        s.once("data", () => {
          s.write("HTTP/1.1 200 OK\r\nContent-Length: 10000\r\n\r\n")
          // 9500 bytes in 5 slices 150 ms apart: 600 ms in all, more than the 300 ms limit
          let sent = 0
          const tick = () => {
            if (s.destroyed) return
            s.write("y".repeat(1900))
            sent += 1900
            if (sent < 9500) setTimeout(tick, 150)
          }
          tick()
        })
      })
      const run = yield* elapsed(Http.request({ url: `http://127.0.0.1:${port}/`, timeout: { receive: 300 } }))
      expectTimeout(run, "receive", 900)
    }))

  it.scopedLive("a TLS server that never completes the handshake: connect", () =>
    Effect.gen(function*() {
      const { port } = yield* tcpServer(() => {}) // accepts TCP, never speaks TLS
      const run = yield* elapsed(Http.request({ url: `https://127.0.0.1:${port}/`, timeout: { connect: 300 } }))
      expectTimeout(run, "connect", 300)
    }))

  it.scopedLive("a server that closes mid-body is closed; a garbage answer is malformed", () =>
    Effect.gen(function*() {
      const { port } = yield* tcpServer((s) => {
        s.once("data", () => s.end("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nshort"))
      })
      assert.strictEqual(failure(yield* Effect.exit(Http.request(`http://127.0.0.1:${port}/`))).reason, "closed")
      const { port: p2 } = yield* tcpServer((s) => {
        s.once("data", () => s.end("SMTP ready\r\n\r\n"))
      })
      assert.strictEqual(failure(yield* Effect.exit(Http.request(`http://127.0.0.1:${p2}/`))).reason, "malformed")
    }))
})


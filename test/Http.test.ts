import { describe, it, assert } from "@effect/vitest"
import { Cause, Context, Data, Effect, Exit, Fiber, Sink, Stream } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Http from "effect-copas/Http"
import { HttpError } from "effect-copas/Errors"
import * as http from "node:http"
import * as https from "node:https"
import * as net from "node:net"
import type * as tls from "node:tls"
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

  it.scopedLive("the trailer of a chunked response goes into headers, as LuaSocket reads it", () =>
    Effect.gen(function*() {
      const { port } = yield* tcpServer((s) => {
        s.once("data", () => {
          s.end(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\nX-Multi: a\r\n\r\n" +
              "5\r\nhello\r\n0\r\nX-Checksum: abc\r\nX-Multi: b\r\n\r\n"
          )
        })
      })
      const r = yield* Http.request(`http://127.0.0.1:${port}/`)
      assert.strictEqual(r.body, "hello")
      assert.strictEqual(r.headers["x-checksum"], "abc")
      assert.strictEqual(r.headers["x-multi"], "a, b")
    }))

  it.scopedLive("a 40 MB body is read whole in linear time, byte exact", () =>
    Effect.gen(function*() {
      const size = 40 * 1024 * 1024
      const block = Buffer.alloc(64 * 1024)
      for (let i = 0; i < block.length; i++) block[i] = (i * 7) & 0xff
      const { port } = yield* httpServer((_req, res) => {
        res.writeHead(200, { "content-length": String(size) })
        let left = size / block.length
        const pump = () => {
          while (left > 0) {
            left--
            if (!res.write(block)) return void res.once("drain", pump)
          }
          res.end()
        }
        pump()
      })
      // joining the buffer so far with every chunk (quadratic) took 15 s here
      const r = yield* Http.request({ url: `http://127.0.0.1:${port}/`, responseType: "bytes" }).pipe(
        Effect.timeoutFail({ duration: "5 seconds", onTimeout: () => new Error("not linear: over 5 seconds") })
      )
      assert.strictEqual(r.body.length, size)
      assert.strictEqual(r.body.constructor, Uint8Array)
      for (const at of [0, 1, 65_535, 65_536, size / 2 + 3, size - 1]) assert.strictEqual(r.body[at], block[at % block.length])
    }), 20_000)

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

  it.scopedLive("a Location in raw UTF-8 (or latin1) bytes leads to those bytes percent-encoded, not encoded twice", () =>
    Effect.gen(function*() {
      const hits: Array<string> = []
      const { port } = yield* tcpServer((s) => {
        s.once("data", (b: Buffer) => {
          const target = b.toString("latin1").split(" ")[1]!
          hits.push(target)
          const location = target === "/utf8" ? Buffer.from("/café?q=ü", "utf8") : target === "/latin1" ? Buffer.from([0x2f, 0x78, 0xe9]) : undefined
          if (location === undefined) return s.end(`HTTP/1.1 200 OK\r\nContent-Length: ${target.length}\r\n\r\n${target}`)
          s.end(Buffer.concat([Buffer.from("HTTP/1.1 302 Found\r\nContent-Length: 0\r\nLocation: "), location, Buffer.from("\r\n\r\n")]))
        })
      })
      const r = yield* Http.request(`http://127.0.0.1:${port}/utf8`)
      assert.strictEqual(r.body, "/caf%C3%A9?q=%C3%BC")
      assert.strictEqual(r.headers.location, `http://127.0.0.1:${port}/caf%C3%A9?q=%C3%BC`)
      assert.strictEqual((yield* Http.request(`http://127.0.0.1:${port}/latin1`)).body, "/x%E9")
      assert.deepStrictEqual(hits, ["/utf8", "/caf%C3%A9?q=%C3%BC", "/latin1", "/x%E9"])
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


// ---- proxy --------------------------------------------------------------------------------------

interface ProxyLog {
  /** forwarded requests: method and request target as received (absolute form expected) */
  readonly requests: Array<string>
  /** CONNECT requests: request line and Host header */
  readonly connects: Array<string>
  /** the proxy-authorization header of each request or CONNECT, in order */
  readonly auth: Array<string | undefined>
}

/**
 * A small forward proxy (node:http on 127.0.0.1:0): absolute-form requests are forwarded (an
 * origin-form one is a 400), CONNECT opens a TCP tunnel. `require` is a proxy-authorization value
 * it insists on (else 407); `onConnect` may take over a CONNECT (return true).
 */
const forwardProxy = (options: {
  readonly require?: string
  readonly onConnect?: (req: http.IncomingMessage, socket: net.Socket) => boolean
} = {}) =>
  Effect.gen(function*() {
    const log: ProxyLog = { requests: [], connects: [], auth: [] }
    const upstream = new Set<net.Socket>()
    const server = track(http.createServer((req, res) => {
      log.requests.push(`${req.method} ${req.url}`)
      log.auth.push(req.headers["proxy-authorization"])
      if (options.require !== undefined && req.headers["proxy-authorization"] !== options.require) {
        res.writeHead(407, { "Proxy-Authenticate": "Basic realm=\"test\"" })
        return res.end("credentials please")
      }
      let target: URL
      try {
        target = new URL(req.url ?? "")
      } catch {
        res.writeHead(400)
        return res.end("not a proxy request")
      }
      const { "proxy-authorization": _pa, connection: _c, ...headers } = req.headers
      const up = http.request({
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers,
        agent: false
      }, (upRes) => {
        const { connection: _uc, "transfer-encoding": _te, ...back } = upRes.headers
        res.writeHead(upRes.statusCode!, back)
        upRes.pipe(res)
      })
      up.on("error", () => {
        res.writeHead(502)
        res.end()
      })
      req.pipe(up)
    }))
    server.on("connect", (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      log.connects.push(`${req.method} ${req.url} HTTP/${req.httpVersion} host=${req.headers.host}`)
      log.auth.push(req.headers["proxy-authorization"])
      socket.on("error", () => {})
      if (options.onConnect?.(req, socket)) return
      if (options.require !== undefined && req.headers["proxy-authorization"] !== options.require) {
        socket.end("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n" +
          "Content-Length: 0\r\n\r\n")
        return
      }
      const [host, port] = [req.url!.slice(0, req.url!.lastIndexOf(":")), req.url!.slice(req.url!.lastIndexOf(":") + 1)]
      const up = net.connect(Number(port), host.replace(/^\[|\]$/g, ""), () => {
        socket.write("HTTP/1.1 200 Connection Established\r\n\r\n")
        if (head.length > 0) up.write(head)
        up.pipe(socket)
        socket.pipe(up)
      })
      upstream.add(up)
      up.on("error", () => socket.destroy())
      up.on("close", () => {
        upstream.delete(up)
        socket.destroy()
      })
      socket.on("close", () => up.destroy())
    })
    const { port } = yield* listen(server)
    yield* Effect.addFinalizer(() => Effect.sync(() => upstream.forEach((s) => s.destroy())))
    return { port, url: `http://127.0.0.1:${port}`, log }
  })

/** fails a request that neither answers nor fails within 5 seconds (a hang is a test failure, not a stall) */
const bounded = <A>(self: Effect.Effect<A, HttpError>) =>
  Effect.timeoutFail(self, {
    duration: "5 seconds",
    onTimeout: () => new HttpError({ reason: "other", detail: "test bound: no outcome within 5 seconds" })
  })

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`

describe("Http through a proxy", () => {
  it.scopedLive("GET and POST to an http target: the proxy is asked for the absolute URI, Host and body reach the server", () =>
    Effect.gen(function*() {
      const seen: Array<{ method: string; url: string; host: string | undefined; body: string }> = []
      const { port } = yield* httpServer(async (req, res) => {
        seen.push({ method: req.method!, url: req.url!, host: req.headers.host, body: await readBody(req) })
        res.end(`hello ${req.method} ${req.url}`)
      })
      const proxy = yield* forwardProxy()
      const r = yield* Http.request({ url: `http://127.0.0.1:${port}/a/b?c=d`, proxy: proxy.url })
      assert.strictEqual(r.code, 200)
      assert.strictEqual(r.body, "hello GET /a/b?c=d")
      const p = yield* Http.request({
        url: new URL(`http://127.0.0.1:${port}/form`),
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "a=1&b=x+y",
        proxy: new URL(proxy.url)
      })
      assert.strictEqual(p.body, "hello POST /form")
      // node:http writes the request head early for an expect header: still the absolute URI
      const e = yield* Http.request({
        url: `http://127.0.0.1:${port}/e`,
        method: "PUT",
        headers: { Expect: "100-continue" },
        body: "e",
        proxy: proxy.url
      })
      assert.strictEqual(e.body, "hello PUT /e")
      assert.deepStrictEqual(proxy.log.requests, [
        `GET http://127.0.0.1:${port}/a/b?c=d`,
        `POST http://127.0.0.1:${port}/form`,
        `PUT http://127.0.0.1:${port}/e`
      ])
      assert.deepStrictEqual(proxy.log.connects, [])
      assert.deepStrictEqual(proxy.log.auth, [undefined, undefined, undefined])
      assert.deepStrictEqual(seen, [
        { method: "GET", url: "/a/b?c=d", host: `127.0.0.1:${port}`, body: "" },
        { method: "POST", url: "/form", host: `127.0.0.1:${port}`, body: "a=1&b=x+y" },
        { method: "PUT", url: "/e", host: `127.0.0.1:${port}`, body: "e" }
      ])
    }))

  it.scopedLive("an https target goes through CONNECT, verified as a direct request is", () =>
    Effect.gen(function*() {
      const { ca } = makeCerts()
      const seen: Array<{ url: string; host: string | undefined; sni: string | false }> = []
      const { port } = yield* httpsServer((req, res) => {
        seen.push({ url: req.url!, host: req.headers.host, sni: (req.socket as tls.TLSSocket).servername ?? false })
        res.end("secret")
      })
      const proxy = yield* forwardProxy()
      const r = yield* Http.request({ url: `https://127.0.0.1:${port}/x?y=1`, tls: { ca }, proxy: proxy.url })
      assert.strictEqual(r.body, "secret")
      const byName = yield* Http.request({ url: `https://localhost:${port}/n`, tls: { ca }, proxy: proxy.url })
      assert.strictEqual(byName.body, "secret")
      assert.deepStrictEqual(proxy.log.connects, [
        `CONNECT 127.0.0.1:${port} HTTP/1.1 host=127.0.0.1:${port}`,
        `CONNECT localhost:${port} HTTP/1.1 host=localhost:${port}`
      ])
      assert.deepStrictEqual(proxy.log.requests, []) // nothing in clear through the proxy
      assert.deepStrictEqual(seen, [
        { url: "/x?y=1", host: `127.0.0.1:${port}`, sni: false }, // no SNI for an IP address, as direct
        { url: "/n", host: `localhost:${port}`, sni: "localhost" }
      ])
      // refused as direct requests are: no CA, a host name the certificate does not name
      const direct = failure(yield* Effect.exit(Http.request(`https://127.0.0.1:${port}/`)))
      const noCa = failure(yield* Effect.exit(Http.request({ url: `https://127.0.0.1:${port}/`, proxy: proxy.url })))
      assert.strictEqual(direct.reason, "tls")
      assert.strictEqual(noCa.reason, "tls")
      assert.strictEqual(noCa.detail, direct.detail)
      const wrongName = failure(yield* Effect.exit(Http.request({
        url: `https://127.0.0.1:${port}/`,
        tls: { ca, servername: "example.org" },
        proxy: proxy.url
      })))
      assert.strictEqual(wrongName.reason, "tls")
      assert.include(wrongName.detail, "example.org")
      assert.strictEqual(proxy.log.connects.length, 4)
      assert.strictEqual(seen.length, 2)
    }))

  it.scopedLive("credentials in the proxy URL: Basic to the proxy only; a proxy that wants them answers 407", () =>
    Effect.gen(function*() {
      const { ca } = makeCerts()
      const auth = basic("us er", "p@ss")
      const seen: Array<string | undefined> = []
      const onRequest: http.RequestListener = (req, res) => {
        seen.push(req.headers["proxy-authorization"])
        res.end("in")
      }
      const { port: plain } = yield* httpServer(onRequest)
      const { port: secure } = yield* httpsServer(onRequest)
      const proxy = yield* forwardProxy({ require: auth })
      const withCreds = `http://us%20er:p%40ss@127.0.0.1:${proxy.port}`
      assert.strictEqual((yield* Http.request({ url: `http://127.0.0.1:${plain}/`, proxy: withCreds })).body, "in")
      assert.strictEqual((yield* Http.request({ url: `https://127.0.0.1:${secure}/`, tls: { ca }, proxy: withCreds })).body, "in")
      // a proxy-authorization header given by the caller wins, and for https it too stays with the proxy
      const headers = { "Proxy-Authorization": auth }
      assert.strictEqual((yield* Http.request({ url: `http://127.0.0.1:${plain}/`, headers, proxy: proxy.url })).body, "in")
      assert.strictEqual(
        (yield* Http.request({ url: `https://127.0.0.1:${secure}/`, headers, tls: { ca }, proxy: proxy.url })).body,
        "in"
      )
      assert.deepStrictEqual(proxy.log.auth, [auth, auth, auth, auth])
      // the tunnelled requests (2nd, 4th) did not carry them to the server
      assert.deepStrictEqual(seen, [undefined, undefined, undefined, undefined])
      // without them: the CONNECT is refused with 407 (a typed failure); for http the 407 is a response
      const e = failure(yield* Effect.exit(Http.request({ url: `https://127.0.0.1:${secure}/`, tls: { ca }, proxy: proxy.url })))
      assert.strictEqual(e.reason, "proxy")
      assert.strictEqual(e.code, 407)
      assert.include(e.detail, "407")
      const r = yield* Http.request({ url: `http://127.0.0.1:${plain}/`, proxy: proxy.url })
      assert.strictEqual(r.code, 407)
      assert.strictEqual(r.body, "credentials please")
      assert.strictEqual(seen.length, 4)
    }))

  it.scopedLive("a redirect is followed through the proxy, every hop (also http → https)", () =>
    Effect.gen(function*() {
      const { ca } = makeCerts()
      const hits: Array<string> = []
      const { port: secure } = yield* httpsServer((req, res) => {
        hits.push(`https ${req.url}`)
        res.end("secure end")
      })
      const { port } = yield* httpServer((req, res) => {
        hits.push(`http ${req.url}`)
        if (req.url === "/r/2") res.writeHead(302, { Location: "/r/1" }).end()
        else if (req.url === "/r/1") res.writeHead(301, { Location: `https://127.0.0.1:${secure}/r/0` }).end()
        else res.end("plain end")
      })
      const proxy = yield* forwardProxy()
      const r = yield* Http.request({ url: `http://127.0.0.1:${port}/r/2`, tls: { ca }, proxy: proxy.url })
      assert.strictEqual(r.code, 200)
      assert.strictEqual(r.body, "secure end")
      assert.strictEqual(r.headers.location, `https://127.0.0.1:${secure}/r/0`)
      assert.deepStrictEqual(hits, ["http /r/2", "http /r/1", "https /r/0"])
      assert.deepStrictEqual(proxy.log.requests, [`GET http://127.0.0.1:${port}/r/2`, `GET http://127.0.0.1:${port}/r/1`])
      assert.deepStrictEqual(proxy.log.connects, [`CONNECT 127.0.0.1:${secure} HTTP/1.1 host=127.0.0.1:${secure}`])
    }))

  it.scopedLive("a proxy that refuses connections is refused; one that closes the tunnel is closed", () =>
    Effect.gen(function*() {
      const { ca } = makeCerts()
      const { port: plain } = yield* httpServer((_req, res) => res.end("never"))
      const { port: secure } = yield* httpsServer((_req, res) => res.end("never"))
      const port = yield* closedPort
      const proxy = `http://127.0.0.1:${port}`
      for (const url of [`http://127.0.0.1:${plain}/`, `https://127.0.0.1:${secure}/`]) {
        const e = failure(yield* Effect.exit(bounded(Http.request({ url, tls: { ca }, proxy }))))
        assert.strictEqual(e.reason, "refused")
        assert.strictEqual(e.detail, "connection refused")
      }
      // closes the CONNECT unanswered; answers 200 then closes before the TLS handshake
      const hangUp = yield* forwardProxy({ onConnect: (_req, socket) => (socket.destroy(), true) })
      const drop = yield* forwardProxy({
        onConnect: (_req, socket) => (socket.end("HTTP/1.1 200 Connection Established\r\n\r\n"), true)
      })
      for (const p of [hangUp, drop]) {
        const request = Http.request({ url: `https://127.0.0.1:${secure}/`, tls: { ca }, proxy: p.url })
        const e = failure(yield* Effect.exit(bounded(request)))
        assert.strictEqual(e.reason, "closed")
        assert.strictEqual(p.log.connects.length, 1)
      }
    }))

  it.scopedLive("connect timeout: the proxy never answers CONNECT, or the tunnel never speaks TLS", () =>
    Effect.gen(function*() {
      const stalled = yield* forwardProxy({ onConnect: () => true }) // accepts, never answers
      const run = yield* elapsed(
        bounded(Http.request({ url: "https://127.0.0.1:1/", proxy: stalled.url, timeout: { connect: 300 } }))
      )
      expectTimeout(run, "connect", 300)
      assert.strictEqual(stalled.log.connects.length, 1)
      const { port: mute } = yield* tcpServer(() => {}) // accepts TCP through the tunnel, never speaks TLS
      const proxy = yield* forwardProxy()
      const run2 = yield* elapsed(
        bounded(Http.request({ url: `https://127.0.0.1:${mute}/`, proxy: proxy.url, timeout: { connect: 300 } }))
      )
      expectTimeout(run2, "connect", 300)
      assert.strictEqual(proxy.log.connects.length, 1)
    }))

  it.scopedLive("interrupted while the CONNECT is pending: the connection to the proxy is closed", () =>
    Effect.gen(function*() {
      const held: Array<net.Socket> = []
      const proxy = yield* forwardProxy({ onConnect: (_req, socket) => (held.push(socket), true) })
      const fiber = yield* Effect.fork(Http.request({ url: "https://127.0.0.1:1/", proxy: proxy.url }))
      yield* Effect.sleep(200)
      assert.strictEqual(held.length, 1)
      yield* Fiber.interrupt(fiber)
      const closed = yield* Effect.async<boolean>((resume) => {
        const s = held[0]!
        if (s.destroyed || s.readableEnded) return resume(Effect.succeed(true))
        s.once("end", () => resume(Effect.succeed(true)))
        s.once("close", () => resume(Effect.succeed(true)))
        s.resume()
      }).pipe(Effect.timeoutTo({ duration: "5 seconds", onTimeout: () => false, onSuccess: (b) => b }))
      assert.isTrue(closed)
    }))

  it.live("a proxy that is not an http: URL is a defect; its password is not in the message", () =>
    Effect.gen(function*() {
      const cases: Array<[unknown, string]> = [
        ["https://me:hunter2@127.0.0.1:3128", "proxy must be an http: URL, got 'https:' (only http proxies are supported)"],
        ["socks5://127.0.0.1:1080", "proxy must be an http: URL, got 'socks5:'"],
        ["me:hunter2@ nope", "proxy must be an http: URL, got 'me:'"],
        ["not a url", "proxy is not a valid URL: 'not a url'"],
        ["//me:hunter2@ no", "proxy is not a valid URL"],
        ["", "proxy is not a valid URL"],
        [3128, "proxy must be an http: URL (a string or a URL), got number"]
      ]
      for (const [proxy, message] of cases) {
        const exit = yield* Effect.exit(Http.request({ url: "http://127.0.0.1:1/", proxy: proxy as string }))
        assert.isTrue(Exit.isFailure(exit) && Cause.isDie(exit.cause), String(proxy))
        const text = Cause.pretty((exit as Exit.Failure<unknown, unknown>).cause)
        assert.include(text, message)
        assert.notInclude(text, "hunter2")
      }
    }))
})

// ---- request body streams that fail -------------------------------------------------------------

class SourceBroke extends Data.TaggedError("SourceBroke")<{ readonly at: number }> {}
class Disk extends Context.Tag("test/Disk")<Disk, { readonly chunk: Uint8Array }>() {}

/** `chunks`, a pause (so the server has read them), then `error` */
const failingAfter = <E>(chunks: ReadonlyArray<Uint8Array>, error: E): Stream.Stream<Uint8Array, E> =>
  Stream.concat(Stream.fromIterable(chunks), Stream.fromEffect(Effect.zipRight(Effect.sleep("100 millis"), Effect.fail(error))))

describe("Http request bodies that fail", () => {
  it.scopedLive("the stream's own error comes through typed; the server sees an aborted request, never a complete one", () =>
    Effect.gen(function*() {
      const seen: Array<{ bytes: number; ended: boolean; aborted: boolean; chunked: boolean }> = []
      const { port } = yield* httpServer((req, res) => {
        const got = { bytes: 0, ended: false, aborted: false, chunked: req.headers["transfer-encoding"] === "chunked" }
        seen.push(got)
        req.on("data", (c: Buffer) => (got.bytes += c.length))
        req.on("end", () => {
          got.ended = true
          res.end("stored")
        })
        req.on("error", () => (got.aborted = true))
        req.on("aborted", () => (got.aborted = true))
      })
      const url = `http://127.0.0.1:${port}/up`
      // chunked (no length): the terminating 0-chunk would make it complete
      const chunked = Http.request({
        url,
        method: "POST",
        body: failingAfter([new Uint8Array(1000)], new SourceBroke({ at: 1 })),
        timeout: 5000
      })
      // the error type names the source's error: catchTag would not compile otherwise
      const caught = yield* chunked.pipe(Effect.catchTag("SourceBroke", (e) => Effect.succeed(`broke at ${e.at}`)))
      assert.strictEqual(caught, "broke at 1")
      // with a content-length: fewer bytes, and no end
      const sized = yield* Effect.exit(Http.request({
        url,
        method: "PUT",
        headers: { "content-length": "5000" },
        body: failingAfter([new Uint8Array(1000)], "disk error" as const),
        timeout: 5000
      }))
      const e: HttpError | "disk error" = errorOf(sized)
      assert.strictEqual(e, "disk error")
      for (let i = 0; i < 50 && seen.filter((s) => s.aborted).length < 2; i++) yield* Effect.sleep("20 millis")
      assert.deepStrictEqual(seen, [
        { bytes: 1000, ended: false, aborted: true, chunked: true },
        { bytes: 1000, ended: false, aborted: true, chunked: false }
      ])
      // a body stream that needs a service gets it from the caller's context
      const needs = Stream.fromEffect(Effect.map(Disk, (d) => d.chunk))
      const r = yield* Http.request({ url, method: "POST", body: needs }).pipe(
        Effect.provideService(Disk, { chunk: new TextEncoder().encode("from the disk") })
      )
      assert.strictEqual(r.body, "stored")
      assert.strictEqual(seen[2]!.bytes, 13)
      assert.isTrue(seen[2]!.ended)
    }))

  it.scopedLive("a body stream that dies: the request dies with that defect (not an HttpError) and is aborted", () =>
    Effect.gen(function*() {
      const seen: Array<{ ended: boolean; aborted: boolean }> = []
      const { port } = yield* httpServer((req, res) => {
        const got = { ended: false, aborted: false }
        seen.push(got)
        req.resume()
        req.on("end", () => {
          got.ended = true
          res.end("stored")
        })
        req.on("aborted", () => (got.aborted = true))
        req.on("error", () => (got.aborted = true))
      })
      const boom = new Error("bug in the source")
      const body = Stream.concat(
        Stream.make(new Uint8Array(100)),
        Stream.fromEffect(Effect.zipRight(Effect.sleep("100 millis"), Effect.die(boom)))
      )
      const exit = yield* Effect.exit(Http.request({ url: `http://127.0.0.1:${port}/up`, method: "POST", body, timeout: 5000 }))
      assert.isTrue(Exit.isFailure(exit) && Cause.isDie(exit.cause), String(exit))
      assert.strictEqual((Cause.squash((exit as Exit.Failure<unknown, unknown>).cause) as Error).message, boom.message)
      for (let i = 0; i < 50 && !(seen[0]?.aborted ?? false); i++) yield* Effect.sleep("20 millis")
      assert.deepStrictEqual(seen, [{ ended: false, aborted: true }])
    }))
})

// ---- streamed responses -------------------------------------------------------------------------

/**
 * A server that sends `size` bytes (blocks of 64 KiB, pattern byte = block number) as fast as the
 * client takes them (Node's backpressure: it writes only after 'drain'); it counts what it has
 * written and notes when the connection closes.
 */
const pumpServer = (size: number) => {
  const state = { written: 0, closed: false, finished: false }
  return Effect.map(
    httpServer((_req, res) => {
      res.writeHead(200, { "content-length": String(size), "x-size": String(size) })
      res.on("close", () => (state.closed = true))
      const pump = () => {
        while (state.written < size && !res.destroyed) {
          const n = Math.min(65_536, size - state.written)
          const block = Buffer.alloc(n, (state.written / 65_536) & 0xff)
          state.written += n
          if (!res.write(block)) return void res.once("drain", pump)
        }
        if (!res.destroyed) res.end(() => (state.finished = true))
      }
      pump()
    }),
    ({ port }) => ({ port, state })
  )
}

const waitFor = (what: string, done: () => boolean) =>
  Effect.gen(function*() {
    for (let i = 0; i < 200 && !done(); i++) yield* Effect.sleep("10 millis")
    assert.isTrue(done(), what)
  })

describe("Http streamed responses", () => {
  it.scopedLive("requestStream: a 96 MB body read as it is pulled, byte counts exact, what is in flight stays bounded", () =>
    Effect.gen(function*() {
      const size = 96 * 1024 * 1024
      const { port, state } = yield* pumpServer(size)
      const r = yield* Http.requestStream(`http://127.0.0.1:${port}/big`)
      assert.strictEqual(r.code, 200)
      assert.strictEqual(r.headers["x-size"], String(size))
      let consumed = 0
      let chunks = 0
      let largest = 0
      let maxInFlight = 0
      let paused = false
      let wrong = 0
      yield* Stream.runForEach(r.body, (c) =>
        Effect.gen(function*() {
          // the pattern byte of the block this chunk starts in
          if (c[0] !== ((consumed / 65_536) & 0xff)) wrong++
          consumed += c.length
          chunks++
          largest = Math.max(largest, c.length)
          maxInFlight = Math.max(maxInFlight, state.written - consumed)
          if (!paused && consumed > 8 * 1024 * 1024) {
            // a consumer that stops for a while: the server must stop too (nothing is read ahead
            // beyond socket and stream buffers), where a buffered body would be read to its end
            paused = true
            yield* Effect.sleep("300 millis")
            maxInFlight = Math.max(maxInFlight, state.written - consumed)
          }
        }))
      assert.strictEqual(consumed, size)
      assert.strictEqual(wrong, 0)
      assert.isAbove(chunks, 96)
      assert.isAtMost(largest, 1024 * 1024)
      // socket buffers (a few MB on loopback) and 16 KiB stream buffers, not the 96 MB body
      assert.isBelow(maxInFlight, 24 * 1024 * 1024, `in flight: ${maxInFlight}`)
    }), 60_000)

  it.scopedLive("request with a sink: the body flows into the sink; a sink done early closes the connection", () =>
    Effect.gen(function*() {
      const size = 8 * 1024 * 1024
      const { port } = yield* pumpServer(size)
      const r = yield* Http.request({
        url: `http://127.0.0.1:${port}/`,
        sink: Sink.foldLeft({ chunks: 0, bytes: 0 }, (acc, c: Uint8Array) => ({ chunks: acc.chunks + 1, bytes: acc.bytes + c.length }))
      })
      assert.strictEqual(r.code, 200)
      assert.strictEqual(r.body.bytes, size)
      assert.isAbove(r.body.chunks, 8)
      // Sink.head: done after the first chunk; the rest of a 1 GB body is never read
      const big = yield* pumpServer(1024 * 1024 * 1024)
      const first = yield* Http.request({ url: `http://127.0.0.1:${big.port}/`, sink: Sink.head<Uint8Array>() })
      assert.isTrue(first.body._tag === "Some" && first.body.value.length > 0)
      yield* waitFor("the server saw the connection close", () => big.state.closed)
      assert.isFalse(big.state.finished)
      assert.isBelow(big.state.written, 64 * 1024 * 1024)
    }), 30_000)

  it.scopedLive("requestStream: the connection closes when the stream is cut short, interrupted, or its scope closes", () =>
    Effect.gen(function*() {
      const size = 1024 * 1024 * 1024
      // Stream.take: the rest is not read
      const a = yield* pumpServer(size)
      const taken = yield* Effect.scoped(Effect.flatMap(
        Http.requestStream(`http://127.0.0.1:${a.port}/`),
        (r) => Stream.runCount(Stream.take(r.body, 3))
      ))
      assert.strictEqual(taken, 3)
      yield* waitFor("closed after take", () => a.state.closed)
      // interrupted while reading
      const b = yield* pumpServer(size)
      const slow = Effect.scoped(Effect.flatMap(
        Http.requestStream(`http://127.0.0.1:${b.port}/`),
        (r) => Stream.runForEach(r.body, () => Effect.sleep("10 millis"))
      ))
      const exit = yield* Effect.exit(Effect.timeout(slow, "200 millis"))
      assert.isTrue(Exit.isFailure(exit))
      yield* waitFor("closed after interruption", () => b.state.closed)
      // the body never read: closing the scope closes the connection
      const c = yield* pumpServer(size)
      const code = yield* Effect.scoped(Effect.map(Http.requestStream(`http://127.0.0.1:${c.port}/`), (r) => r.code))
      assert.strictEqual(code, 200)
      yield* waitFor("closed with the scope", () => c.state.closed)
      for (const s of [a, b, c]) assert.isFalse(s.state.finished)
    }), 30_000)

  it.scopedLive("the receive limit applies to each wait for a chunk, not to the time the consumer spends on one", () =>
    Effect.gen(function*() {
      // a slow consumer (400 ms a chunk) of a server that sends at once and ends at 600 ms: every
      // chunk is there when pulled, no timeout (the socket itself is idle for over 500 ms)
      const { port } = yield* httpServer((_req, res) => {
        res.write("a".repeat(100))
        setTimeout(() => res.write("b".repeat(100)), 20)
        setTimeout(() => res.write("c".repeat(100)), 40)
        setTimeout(() => res.end(), 600)
      })
      const r = yield* Http.requestStream({ url: `http://127.0.0.1:${port}/`, timeout: { receive: 200 } })
      let text = ""
      yield* Stream.runForEach(r.body, (c) =>
        Effect.zipRight(Effect.sleep("400 millis"), Effect.sync(() => (text += Buffer.from(c).toString()))))
      assert.strictEqual(text, "a".repeat(100) + "b".repeat(100) + "c".repeat(100))
      // a server that stalls after the first chunk: timeout (receive), after what came
      const { port: p2 } = yield* tcpServer((s) => {
        s.once("data", () => s.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n"))
      })
      const stalled = yield* Http.requestStream({ url: `http://127.0.0.1:${p2}/`, timeout: { receive: 250 } })
      let got = ""
      const exit = yield* Effect.exit(Stream.runForEach(stalled.body, (c) => Effect.sync(() => (got += Buffer.from(c).toString()))))
      const e = failure(exit)
      assert.strictEqual(e.reason, "timeout")
      assert.strictEqual(e.detail, "timeout (receive)")
      assert.strictEqual(got, "first")
      // a server that never answers: the head itself times out
      const { port: p3 } = yield* tcpServer(() => {})
      const run = yield* elapsed(Effect.scoped(Http.requestStream({ url: `http://127.0.0.1:${p3}/`, timeout: { receive: 300 } })))
      expectTimeout(run, "receive", 300)
    }))

  it.scopedLive("redirects are followed; a body cut short is HttpError closed; the trailer joins headers at the end", () =>
    Effect.gen(function*() {
      const { port } = yield* httpServer((req, res) => {
        if (req.url === "/from") {
          res.writeHead(302, { location: "/to" })
          return res.end("moved")
        }
        res.writeHead(200, { "content-type": "text/plain", trailer: "x-sum" })
        res.write("one ")
        res.addTrailers({ "x-sum": "42" })
        res.end("two")
      })
      const r = yield* Http.requestStream(`http://127.0.0.1:${port}/from`)
      assert.strictEqual(r.code, 200)
      assert.strictEqual(r.headers["location"], `http://127.0.0.1:${port}/to`)
      assert.isUndefined(r.headers["x-sum"])
      const text = yield* Stream.runFold(r.body, "", (s, c) => s + Buffer.from(c).toString())
      assert.strictEqual(text, "one two")
      assert.strictEqual(r.headers["x-sum"], "42")
      const { port: p2 } = yield* tcpServer((s) => {
        s.once("data", () => s.end("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nshort"))
      })
      const cut = yield* Http.requestStream(`http://127.0.0.1:${p2}/`)
      const e = failure(yield* Effect.exit(Stream.runDrain(cut.body)))
      assert.instanceOf(e, HttpError)
      assert.strictEqual(e.reason, "closed")
    }))
})

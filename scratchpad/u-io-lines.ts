// maxLineLength boundaries (LF / CRLF), prefixes in partials, receiveBytes partials, a line split across many chunks
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { probe, runOn, targets } from "./u-io-lib.js"

for (const target of targets) {
  console.log(`== ${target.name}`)
  await Effect.runPromise(runOn(target.layer, Effect.gen(function*() {
    yield* Copas.setErrorHandler(() => Effect.void, { default: true })
    let script: Array<string | number> = []
    const srv = yield* Server.addServer({ port: 0 }, (sock) => Effect.gen(function*() {
      for (const step of script) {
        if (typeof step === "number") yield* Copas.sleep(step)
        else yield* Socket.send(sock, step)
      }
    }), { name: "s" })
    const session = (steps: Array<string | number>, opts: Socket.SocketOptions, body: (c: Socket.CopasSocket) => Effect.Effect<void, unknown>) =>
      Effect.gen(function*() {
        script = steps
        const c = yield* Socket.tcp(opts)
        yield* Socket.setTimeout(c, "300 millis")
        yield* Socket.connect(c, "127.0.0.1", srv.port)
        yield* Effect.ignore(body(c))
        yield* Socket.close(c)
      })
    const L = 16
    yield* session([`${"a".repeat(L)}\n${"b".repeat(L)}\r\n${"c".repeat(L - 1)}\r\n${"d".repeat(L + 1)}\n`], { maxLineLength: L }, (c) => Effect.gen(function*() {
      yield* probe(`${L} bytes + LF, limit ${L}`, Socket.receive(c))
      yield* probe(`${L} bytes + CRLF, limit ${L}`, Socket.receive(c))
      yield* probe(`${L - 1} bytes + CRLF`, Socket.receive(c))
      yield* probe(`${L + 1} bytes + LF`, Socket.receive(c))
      yield* probe(`  then receive(${L + 2})`, Socket.receive(c, L + 2))
    }))
    yield* session([`${"e".repeat(L)}`, 50, "\n"], { maxLineLength: L }, (c) => Effect.gen(function*() {
      yield* probe(`${L} bytes, then LF 50ms later`, Socket.receive(c))
    }))
    yield* session([`${"e".repeat(L)}\r`, 50, "\n"], { maxLineLength: L }, (c) => Effect.gen(function*() {
      yield* probe(`${L} bytes + CR, then LF 50ms later`, Socket.receive(c))
    }))
    yield* session(["abc"], {}, (c) => Effect.gen(function*() {
      yield* probe("*l with prefix, peer closes after 'abc'", Socket.receive(c, "*l", "PRE:"))
    }))
    yield* session(["abc", 1000], {}, (c) => Effect.gen(function*() {
      yield* probe("*l with prefix, timeout after 'abc'", Socket.receive(c, "*l", "PRE:"))
      yield* probe("  then 10 bytes with prefix 'abc' (resume)", Socket.receive(c, 10, "abc"))
    }))
    yield* session(["abc", 1000], {}, (c) => Effect.gen(function*() {
      yield* probe("receiveBytes 10, timeout after 'abc'", Socket.receiveBytes(c, 10))
    }))
    yield* session(["ab", 20, "c", 20, "d\n"], {}, (c) => Effect.gen(function*() {
      yield* probe("receivePartial *l with prefix 'P'", Socket.receivePartial(c, "*l", "P"))
      yield* probe("receivePartial *l", Socket.receivePartial(c, "*l"))
      yield* probe("receivePartial *l", Socket.receivePartial(c, "*l"))
    }))
    yield* session(["xy", 1000], {}, (c) => Effect.gen(function*() {
      yield* probe("receivePartial 5 with prefix 'abcdef' (already satisfied)", Socket.receivePartial(c, 5, "abcdef"))
      yield* probe("receivePartial *a with prefix 'P'", Socket.receivePartial(c, "*a", "P"))
      yield* probe("receivePartial *a (timeout, nothing)", Socket.receivePartial(c, "*a"))
    }))
    yield* session(["é".repeat(3) + "\n"], { encoding: "latin1" }, (c) => Effect.gen(function*() {
      yield* probe("latin1 line of é (bytes c3 a9)", Socket.receive(c))
    }))
    yield* session([new Uint8Array([0xe2, 0x82]) as never, 20, new Uint8Array([0xac, 0x0a]) as never], {}, (c) => Effect.gen(function*() {
      yield* probe("utf8 € split across chunks", Socket.receive(c))
    }))
    yield* session([new Uint8Array([0xe2, 0x82]) as never, 1000], {}, (c) => Effect.gen(function*() {
      yield* probe("receive(3) of a split €: timeout partial", Socket.receive(c, 3))
    }))
    yield* Server.removeServer(srv)
  })))
  console.log("  loop ended")
}

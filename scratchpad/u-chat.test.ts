// The chat server of u-chat-lib.ts in memory under TestClock, as README "Testing your server in memory".
// Run: npx vitest run scratchpad/u-chat.test.ts --dir scratchpad
import { assert, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Layer, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Future from "effect-copas/Future"
import * as MemorySockets from "effect-copas/MemorySockets"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import * as Timer from "effect-copas/Timer"
import { client, makeChat } from "./u-chat-lib.js"

const TestCopas = Layer.merge(Copas.layer, MemorySockets.layer)
const settle = Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 10)))

it.effect("chat: three clients in memory, stats timer every 200 ms of TestClock time", () =>
  Effect.gen(function*() {
    const logs: Array<string> = []
    const done = yield* Deferred.make<ReadonlyArray<ReadonlyArray<string>>>()
    const loop = yield* Effect.fork(Copas.loop(Effect.gen(function*() {
      const chat = yield* makeChat
      const server = yield* Server.addServer({ port: 0 }, chat.handler, { name: "chat", timeout: "10 seconds" })
      const timer = yield* chat.statsTimer((s) => Effect.sync(() => logs.push(s)))
      const a = yield* Future.addNamedThread("alice", client(server.port, "alice", [], 3))
      yield* Copas.sleep("50 millis")
      const b = yield* Future.addNamedThread("bob", client(server.port, "bob", [], 2))
      yield* Copas.sleep("50 millis")
      const c = yield* Future.addNamedThread("carol", client(server.port, "carol", ["yo"], 0))
      const results = yield* Effect.all([Future.get(a), Future.get(b), Future.get(c)])
      yield* Copas.sleep("500 millis")
      yield* Deferred.succeed(done, results)
      yield* Timer.cancel(timer)
      yield* Server.removeServer(server, { drain: "1 second" })
    })).pipe(Effect.provide(TestCopas)))
    // drive the TestClock in 10 ms steps until the clients are done
    for (let i = 0; i < 200 && !(yield* Deferred.isDone(done)); i++) {
      yield* TestClock.adjust("10 millis")
      yield* settle
    }
    const results = yield* Deferred.await(done)
    assert.deepStrictEqual(results, [["* bob joined", "* carol joined", "carol: yo"], ["* carol joined", "carol: yo"], []])
    // clients took ~120 ms, then 500 ms: ticks at 200, 400, 600
    assert.deepStrictEqual(logs.map((l) => l.split(" ")[1]), ["tick=1", "tick=2", "tick=3"])
    assert.match(logs[2]!, /connected=0 messages=1/)
    yield* Fiber.join(loop)
  }))

it.effect("chat: a silent client is dropped after the server's 10 s timeout", () =>
  Effect.gen(function*() {
    const joined = yield* Deferred.make<void>()
    const outcome = yield* Deferred.make<string>()
    const loop = yield* Effect.fork(Copas.loop(Effect.gen(function*() {
      yield* Copas.setErrorHandler(() => Effect.void, { default: true })
      const chat = yield* makeChat
      const server = yield* Server.addServer({ port: 0 }, chat.handler, { name: "chat", timeout: "10 seconds" })
      const sock = yield* Socket.tcp()
      yield* Socket.connect(sock, "127.0.0.1", server.port)
      yield* Socket.receive(sock)
      yield* Socket.send(sock, "zed\n")
      yield* Deferred.succeed(joined, undefined)
      const end = yield* Effect.either(Socket.receive(sock))
      yield* Deferred.succeed(outcome, end._tag === "Left" ? end.left._tag : end.right)
      yield* Server.removeServer(server)
    })).pipe(Effect.provide(TestCopas)))
    yield* Deferred.await(joined)
    yield* TestClock.adjust("9 seconds")
    yield* settle
    assert.isFalse(yield* Deferred.isDone(outcome))
    yield* TestClock.adjust("1 second")
    assert.strictEqual(yield* Deferred.await(outcome), "ClosedError")
    yield* Fiber.join(loop)
  }))

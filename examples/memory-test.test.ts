/**
 * Testing a server without a network or real time: `MemorySockets.layer` replaces the real
 * sockets by an in-process network, and `TestClock` (from `it.effect`) replaces real time, so a
 * 30-second idle timeout is tested in a few milliseconds, deterministically.
 *
 *   npx vitest run examples/memory-test.test.ts
 *
 * The server under test (here, in a real project imported from your code): it asks for a name and
 * greets; a client that does not answer within the server's timeout is disconnected.
 */
import { assert, describe, it } from "@effect/vitest"
import { Cause, Deferred, Effect, Fiber, Layer, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import { ClosedError, TimeoutError } from "effect-copas/Errors"
import * as MemorySockets from "effect-copas/MemorySockets"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

const greeter = (sock: Socket.CopasSocket) =>
  Effect.gen(function*() {
    yield* Socket.send(sock, "name?\n")
    const name = yield* Socket.receive(sock)
    yield* Socket.send(sock, `hello ${name}\n`)
  })

const startServer = Server.addServer({ port: 7000 }, greeter, { name: "greeter", timeout: "30 seconds" })

/** The dispatcher on the in-memory network: the same code runs on `NodeCopas.layer` in production. */
const TestCopas = Layer.merge(Copas.layer, MemorySockets.layer)

/**
 * Runs `body` as the first task of a fresh dispatcher on a fresh in-memory network, until the loop
 * is done, and returns `body`'s result (Copas's `copas(fn)`, for tests).
 */
const copas = <A, E>(body: Effect.Effect<A, E, Copas.Copas | Socket.Sockets>) =>
  Effect.gen(function*() {
    const result = yield* Deferred.make<A, E>()
    yield* Copas.loop(Effect.intoDeferred(body, result))
    return yield* Deferred.await(result)
  }).pipe(Effect.provide(TestCopas))

/** A client of the in-memory network (the same code as with real sockets). */
const connect = (port: number) =>
  Effect.gen(function*() {
    const sock = yield* Socket.tcp()
    yield* Socket.connect(sock, "127.0.0.1", port)
    return sock
  })

describe("the greeter, tested in memory", () => {
  it.effect("greets a client by name", () =>
    Effect.gen(function*() {
      const got = yield* copas(Effect.gen(function*() {
        const server = yield* startServer
        const c = yield* connect(server.port)
        const prompt = yield* Socket.receive(c)
        yield* Socket.send(c, "Ada\n")
        const greeting = yield* Socket.receive(c)
        yield* Server.removeServer(server) // a registered server keeps the loop alive
        return [prompt, greeting]
      }))
      assert.deepStrictEqual(got, ["name?", "hello Ada"])
    }))

  it.effect("disconnects a client that stays silent for 30 seconds (of TestClock time)", () =>
    Effect.gen(function*() {
      const prompted = yield* Deferred.make<void>()
      const failures: Array<[string, unknown]> = []
      // the loop runs in the background while the test moves the clock
      const running = yield* Effect.fork(copas(Effect.gen(function*() {
        // failures of tasks (here: the handler's timeout) go to the error handler
        yield* Copas.setErrorHandler(
          (cause, task) => Effect.sync(() => failures.push([task.threadName, Cause.squash(cause)])),
          { default: true }
        )
        const server = yield* startServer
        const c = yield* connect(server.port)
        yield* Socket.receive(c)
        yield* Deferred.succeed(prompted, undefined)
        // the client says nothing, until the server closes the connection
        const silent = yield* Effect.either(Socket.receive(c))
        yield* Server.removeServer(server)
        return silent
      })))
      yield* Deferred.await(prompted) // real I/O happens; TestClock time does not pass by itself
      yield* TestClock.adjust("29 seconds")
      assert.strictEqual(running.unsafePoll(), null) // still connected
      yield* TestClock.adjust("1 second")
      const silent = yield* Fiber.join(running)
      assert.strictEqual(silent._tag, "Left")
      assert.instanceOf(silent._tag === "Left" ? silent.left : undefined, ClosedError)
      assert.deepStrictEqual(failures.map(([task]) => task), ["greeter:handler_1"])
      assert.instanceOf(failures[0]![1], TimeoutError)
    }))
})

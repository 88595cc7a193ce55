import { assert, it } from "@effect/vitest"
import { Effect, Fiber, TestClock, Random, Clock, Deferred, Queue as EQ } from "effect"
import * as Copas from "../src/Copas.js"
import * as Lock from "../src/Lock.js"
import * as Queue from "../src/Queue.js"

it.effect("TestClock drives Copas.sleep, Effect.sleep and Effect.timeout inside tasks", () =>
  Effect.gen(function*() {
    const log: Array<string> = []
    const fiber = yield* Effect.fork(Copas.run(Effect.gen(function*() {
      yield* Copas.addThread(Effect.gen(function*() {
        yield* Copas.sleep("10 seconds")
        log.push(`copas sleep ${yield* Clock.currentTimeMillis}`)
      }))
      yield* Copas.addThread(Effect.gen(function*() {
        yield* Effect.sleep("20 seconds")
        log.push(`effect sleep ${yield* Clock.currentTimeMillis}`)
      }))
      yield* Copas.addThread(Effect.gen(function*() {
        const q = yield* Queue.make<number>()
        const r = yield* Queue.pop(q, "5 seconds").pipe(Effect.either)
        log.push(`pop ${r._tag} ${yield* Clock.currentTimeMillis}`)
        const r2 = yield* Queue.pop(q, "30 seconds").pipe(Effect.timeout("7 seconds"), Effect.either)
        log.push(`pop timeout ${r2._tag} ${yield* Clock.currentTimeMillis}`)
      }))
      log.push(`random ${yield* Random.nextIntBetween(0, 1000)}`)
      yield* Copas.addThread(Effect.gen(function*() { log.push(`task random ${yield* Random.nextIntBetween(0, 1000)}`) }))
    }).pipe(Effect.withRandom(Random.make(42)))))
    for (let i = 0; i < 30; i++) {
      yield* TestClock.adjust("1 second")
      yield* Effect.promise(() => new Promise((r) => setTimeout(r, 1)))
    }
    yield* Fiber.join(fiber)
    console.log(log)
    assert.isTrue(log.includes("copas sleep 10000"))
    assert.isTrue(log.includes("effect sleep 20000"))
  }))

/**
 * Probe (not run by the suite; copy into test/ to run): Effect 3.22's `raceFibersWith` (behind
 * Effect.race / raceFirst / raceWith) makes its two child fibers in a `withFiberRuntime` op and
 * starts them one instruction later, in the registration of an `async` op. A task pre-empted at
 * that boundary (op count, a due timer) and removed while queued never starts them; its exit
 * (`interruptAllChildren`) then awaits children that never run: the task never ends, the loop
 * never ends, and the dispatcher's shutdown hangs too. Reproduces with a bare `Effect.race` in a
 * task (k = 2 below) and with `Socket.connect` (its raceFirst with the close waiter; k = 10 on the
 * memory network). Fixed for the library's own races (src/internal/race.ts, the test "a task
 * removed at any point of its connect ends"); a bare `Effect.race` in a task still hangs (Effect's).
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import { type Dispatcher, preemptIn, settle, start } from "./util/copas.js"

describe("race sweep", () => {
  for (const [name, mk] of [
    ["Effect.timeout", () => Effect.timeout(Copas.sleep(100), 1000)],
    ["Effect.race", () => Effect.race(Copas.sleep(100), Copas.sleep(200))]
  ] as const) {
    it.effect(name, () => Effect.gen(function*() {
      const bad: Array<string> = []
      for (let k = 0; k < 40; k++) {
        let d: Dispatcher | undefined
        const fiber = yield* start(Effect.gen(function*() {
          d = yield* Copas.Copas
          yield* Copas.addThread(Effect.gen(function*() {
            const me = yield* Copas.currentTask
            yield* Copas.addThread(Copas.removeThread(me))
            yield* preemptIn(k)
            yield* mk()
          }))
        }))
        for (let t = 0; t < 1_000 && fiber.unsafePoll() === null; t += 10) {
          yield* settle(() => d)
          yield* TestClock.adjust(10)
        }
        if (fiber.unsafePoll() === null) bad.push(`k=${k}: loop did not end tasks=${d!.taskCount}`)
      }
      // (a hung loop cannot be interrupted either: vitest's timeout ends the test)
      assert.deepStrictEqual(bad, [])
    }))
  }
})

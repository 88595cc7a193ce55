/**
 * A server runs for weeks: repeated work must leave nothing behind in the dispatcher's structures.
 * Each test does some work many times over and checks, after forced garbage collection, that what
 * the work made (or what the user handed in) can be collected while the dispatcher lives on.
 * (The soak programs that found these are in scratchpad/soak/.)
 */
import { assert, describe, it } from "@effect/vitest"
import { Context, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Timer from "effect-copas/Timer"
import { alive } from "./util/gc.js"

class RequestInfo extends Context.Tag("test/RequestInfo")<RequestInfo, { readonly id: number }>() {}

describe("long-running: repeated work leaves nothing behind", () => {
  it.live("Timer: a lane per distinct delay goes when its timers are cancelled or fired", () =>
    Effect.gen(function*() {
      let left = -1
      yield* Copas.run(Effect.gen(function*() {
        const refs: Array<WeakRef<object>> = []
        // (a helper, so that no timer stays in this generator's frame)
        const laneOf = (options: Timer.Options<undefined, never>, cancel: boolean) =>
          Effect.flatMap(Timer.make(options), (t) =>
            Effect.sync(() => {
              refs.push(new WeakRef((t as unknown as { homeLane: object }).homeLane))
            }).pipe(Effect.zipLeft(cancel ? Timer.cancel(t) : Effect.void)))
        for (let i = 0; i < 50; i++) yield* laneOf({ delay: 10_000 + i, callback: () => Effect.void }, true)
        for (let i = 0; i < 20; i++) yield* laneOf({ delay: 1 + i, callback: () => Effect.void }, false)
        yield* Copas.sleep(40) // the one-shots fire
        left = yield* alive(refs)
      }))
      assert.strictEqual(left, 0)
    }))

  it.live("Timer: a timer made and cancelled in a context of its own (provideService) leaves neither driver nor context behind", () =>
    Effect.gen(function*() {
      let left = -1
      yield* Copas.run(Effect.gen(function*() {
        const refs: Array<WeakRef<object>> = []
        // (a helper, so that no service value stays in this generator's frame)
        const inContext = (id: number) => {
          const info = { id }
          refs.push(new WeakRef(info))
          return Timer.make({ delay: 10_000, callback: () => Effect.void }).pipe(
            Effect.tap((t) => Effect.sync(() => refs.push(new WeakRef((t as unknown as { driver: object }).driver)))),
            Effect.flatMap(Timer.cancel),
            Effect.provideService(RequestInfo, info)
          )
        }
        for (let i = 0; i < 50; i++) yield* inContext(i)
        left = yield* alive(refs)
      }))
      assert.strictEqual(left, 0)
    }))
})

import { describe, it, assert } from "@effect/vitest"
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"

describe("Copas", () => {
  it.live("runs tasks until done", () =>
    Effect.gen(function*() {
      const log: Array<string> = []
      yield* Copas.run(Effect.gen(function*() {
        yield* Copas.addThread(Effect.zipRight(Copas.sleep(20), Effect.sync(() => log.push("b"))))
        yield* Copas.addThread(Effect.sync(() => log.push("a")))
      }))
      assert.deepStrictEqual(log, ["a", "b"])
    }))
})

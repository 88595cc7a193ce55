import { afterEach, assert, describe, it } from "@effect/vitest"
import { copasArgs, killAll, run, tsxArgs } from "./support.js"

afterEach(() => killAll())

const expected = [
  "tasks added; the loop runs until they are done",
  "fast woke after 100 ms",
  "medium woke after 200 ms",
  "slow woke after 300 ms",
  "loop finished"
]

describe("examples/timers.ts", () => {
  it("tasks print in the order their sleeps end, then the loop ends by itself (tsx and the copas command)", async () => {
    const [a, b] = await Promise.all([run(tsxArgs("timers.ts")), run(copasArgs("examples/timers.ts"))])
    for (const r of [a, b]) {
      assert.strictEqual(r.code, 0, r.stderr)
      assert.deepStrictEqual(r.stdout.trim().split("\n").map((l) => l.replace(/ \(slept .*\)$/, "")), expected)
    }
  })
})

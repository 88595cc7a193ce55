import { afterEach, assert, describe, it } from "@effect/vitest"
import { killAll, run, tsxArgs } from "./support.js"

afterEach(() => killAll())

describe("examples/timer.ts", () => {
  it("timer.ts: prints hello world once, after a second, then the loop ends", async () => {
    const r = await run(tsxArgs("timer.ts"))
    assert.strictEqual(r.code, 0, r.stderr)
    assert.strictEqual(r.stdout, "hello world\n")
    assert.isAtLeast(r.ms, 1000)
  })
})

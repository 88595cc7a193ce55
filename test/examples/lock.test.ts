import { afterEach, assert, describe, it } from "@effect/vitest"
import { killAll, run, tsxArgs } from "./support.js"

afterEach(() => killAll())

describe("examples/lock.ts", () => {
  it("lock.ts: the two lines of each holder are printed together; a short timeout fails", async () => {
    const r = await run(tsxArgs("lock.ts"))
    assert.strictEqual(r.code, 0, r.stderr)
    const lines = r.stdout.trim().split("\n")
    const timeout = lines.filter((l) => l.startsWith("task 5:"))
    assert.deepStrictEqual(timeout.map((l) => l.replace(/\d+ ms$/, "N ms")), ["task 5: we got error 'TimeoutError' after N ms"])
    const held = lines.filter((l) => !l.startsWith("task 5:"))
    assert.strictEqual(held.length, 8)
    const waits: Array<number> = []
    for (let i = 0; i < 8; i += 2) {
      const id = i / 2 + 1
      assert.strictEqual(held[i], `task ${id}: doing something on my own`)
      const m = new RegExp(`^task ${id}: after (\\d+) ms waiting$`).exec(held[i + 1]!)
      assert.isNotNull(m, held[i + 1])
      waits.push(Number(m![1]))
    }
    // FIFO: each task waited for the ones before it (20 ms pause each)
    assert.strictEqual(waits[0], 0)
    for (let i = 1; i < 4; i++) assert.isAtLeast(waits[i]!, waits[i - 1]! + 15)
  })
})

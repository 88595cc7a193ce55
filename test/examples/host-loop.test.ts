import { afterEach, assert, describe, it } from "@effect/vitest"
import { killAll, run, tsxArgs } from "./support.js"

afterEach(() => killAll())

describe("examples/host-loop.ts", () => {
  it("the host's loop drives Copas.step until finished, with running set by the host", async () => {
    const r = await run(tsxArgs("host-loop.ts"))
    assert.strictEqual(r.code, 0, r.stderr)
    const lines = r.stdout.trim().split("\n")
    // the tasks' sleeps end in time order: a at 100, 200, 300 ms; b at 170, 340 ms (30 ms apart at
    // least: a loaded machine may make each sleep a few ms late, and a sleeps three times)
    assert.deepStrictEqual(lines.slice(0, 5), [
      "a: tick 1 (copas running: true)",
      "b: tick 1 (copas running: true)",
      "a: tick 2 (copas running: true)",
      "a: tick 3 (copas running: true)",
      "b: tick 2 (copas running: true)"
    ])
    const m = /^host loop: done after (\d+) turns \((\d+) host events handled\), copas running: false$/.exec(lines[5]!)
    assert.isNotNull(m, lines[5])
    // step("5 millis") waits for work, it does not spin: ~340 ms of sleeps take some dozens of turns
    assert.isAtLeast(Number(m![1]), 5)
    assert.isAtMost(Number(m![1]), 200)
    assert.strictEqual(lines.length, 6)
  })
})

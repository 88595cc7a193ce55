import { afterEach, assert, describe, it } from "@effect/vitest"
import { killAll, run, tsxArgs } from "./support.js"

afterEach(() => killAll())

describe("examples/host-loop.ts", () => {
  it("the host's loop drives Copas.step until finished, with running set by the host", async () => {
    const r = await run(tsxArgs("host-loop.ts"))
    assert.strictEqual(r.code, 0, r.stderr)
    const lines = r.stdout.trim().split("\n")
    // the tasks' sleeps end in time order: a at 100, 200, 300 ms; b at 170, 340 ms. Only the
    // pairs whose order a loaded machine cannot swap are checked: a3 (three sleeps, each maybe
    // late) against b2 (two) is 40 ms apart and swapped once with four busy processes on two cores
    const ticks = [
      "a: tick 1 (copas running: true)",
      "b: tick 1 (copas running: true)",
      "a: tick 2 (copas running: true)",
      "a: tick 3 (copas running: true)",
      "b: tick 2 (copas running: true)"
    ]
    assert.sameMembers(lines.slice(0, 5), ticks)
    const at = (i: number) => lines.indexOf(ticks[i]!)
    // a1 < b1 (same number of sleeps), b1 < a2 (one sleep against two), and each task's own order
    assert.isBelow(at(0), at(1), r.stdout)
    assert.isBelow(at(1), at(2), r.stdout)
    assert.isBelow(at(2), at(3), r.stdout)
    assert.isBelow(at(1), at(4), r.stdout)
    const m = /^host loop: done after (\d+) turns \((\d+) host events handled\), copas running: false$/.exec(lines[5]!)
    assert.isNotNull(m, lines[5])
    // step("5 millis") waits for work, it does not spin: ~340 ms of sleeps take some dozens of turns
    assert.isAtLeast(Number(m![1]), 5)
    assert.isAtMost(Number(m![1]), 200)
    assert.strictEqual(lines.length, 6)
  })
})

import { afterEach, assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { killAll, run as runCommand, tsxArgs } from "./support.js"

afterEach(() => killAll())

describe("examples/http-requests.ts", () => {
  it.live("runs every request as a task and ends when all are done", () =>
    Effect.gen(function*() {
      const run = yield* Effect.promise(() => runCommand(tsxArgs("http-requests.ts")))
      assert.strictEqual(run.code, 0, run.stderr)
      const lines = run.stdout.trim().split("\n")
      // the sites answer after 50, 100, 150, 200, 300 ms: the tasks finish in that order (run one
      // after another they would finish in list order: google, microsoft, apple, facebook, yahoo)
      const done = lines.filter((l) => l.startsWith("Host done: ")).map((l) => /\/(\w+) \(/.exec(l)![1])
      assert.deepStrictEqual(done, ["facebook", "microsoft", "yahoo", "apple", "google"])
      for (const l of lines.slice(0, 5)) assert.match(l, /\(200, \d+ bytes\)$/)
      assert.match(lines[5]!, /^all 5 requests done in \d+ ms$/)
    }), 30_000)
})

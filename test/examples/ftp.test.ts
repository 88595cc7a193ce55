import { afterEach, assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { killAll, run as runCommand, tsxArgs } from "./support.js"

afterEach(() => killAll())

describe("examples/ftp.ts", () => {
  it.live("uploads, then downloads and lists, each transfer a task; ends when all are done", () =>
    Effect.gen(function*() {
      const run = yield* Effect.promise(() => runCommand(tsxArgs("ftp.ts")))
      assert.strictEqual(run.code, 0, run.stderr)
      const lines = run.stdout.trim().split("\n")
      assert.strictEqual(lines.length, 9, run.stdout)
      // the uploads come first (in any order: they run at once), then the rest
      assert.deepStrictEqual(lines.slice(0, 3).sort(), [
        "uploaded data.bin (226)",
        "uploaded notes.txt (226)",
        "uploaded todo.txt (226)"
      ])
      assert.deepStrictEqual(lines.slice(3, 8).sort(), [
        "cannot download missing.txt: 551",
        "downloaded data.bin: 5242880 bytes",
        "downloaded notes.txt: 43 bytes",
        "downloaded todo.txt: 36 bytes",
        "listing: data.bin, notes.txt, todo.txt"
      ])
      assert.match(lines[8]!, /^all transfers done in \d+ ms$/)
    }), 30_000)
})

import { afterEach, assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { killAll, run as runCommand, tsxArgs } from "./support.js"

afterEach(() => killAll())

describe("examples/smtp.ts", () => {
  it.live("sends three mails as tasks; the refused recipient is reported; ends when all are done", () =>
    Effect.gen(function*() {
      const run = yield* Effect.promise(() => runCommand(tsxArgs("smtp.ts")))
      assert.strictEqual(run.code, 0, run.stderr)
      const lines = run.stdout.trim().split("\n")
      const client = lines.filter((l) => !l.startsWith("server: ")).slice(0, -1).sort()
      assert.deepStrictEqual(client, [
        "note: sent to <alice@example.com>",
        "partly: sent to <dave@example.com>; refused <nobody@example.com> (550)",
        "report: sent to <bob@example.com>, <carol@example.com>"
      ])
      const server = lines.filter((l) => l.startsWith("server: ")).map((l) => l.replace(/\d+ bytes/, "N bytes")).sort()
      assert.deepStrictEqual(server, [
        "server: got N bytes for alice@example.com",
        "server: got N bytes for bob@example.com, carol@example.com",
        "server: got N bytes for dave@example.com"
      ])
      assert.strictEqual(lines[lines.length - 1], "all mails done")
    }), 30_000)
})

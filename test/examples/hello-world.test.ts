import { afterAll, afterEach, assert, describe, it } from "@effect/vitest"
import { mkdtempSync, rmSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { copasBin, killAll, root, run } from "./support.js"

afterEach(() => killAll())

/** a directory with a `copas` command in it, for the PATH */
const binDir = mkdtempSync(join(tmpdir(), "copas-bin-"))
symlinkSync(copasBin, join(binDir, "copas"))
afterAll(() => rmSync(binDir, { recursive: true, force: true }))

const expected = [1, 2, 3, 4, 5].map((n) => `hello world ${n}\n`).join("")

describe("examples/hello-world.ts", () => {
  it("run as ./examples/hello-world.ts (shebang, copas on the PATH): hello world 1..5, then it ends by itself", async () => {
    const r = await run({
      file: join(root, "examples/hello-world.ts"),
      args: ["30"], // a 30 ms delay instead of a second
      cwd: root,
      env: { PATH: `${binDir}:${process.env.PATH}` }
    })
    assert.strictEqual(r.code, 0, r.stderr)
    assert.strictEqual(r.stdout, expected)
    assert.strictEqual(r.stderr, "")
  })
})

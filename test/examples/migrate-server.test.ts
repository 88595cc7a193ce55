import { afterEach, assert, describe, it } from "@effect/vitest"
import { copasArgs, killAll, lineClient, start } from "./support.js"

afterEach(() => killAll())

describe("examples/migrate-server.ts", () => {
  it("migrate-server.ts: the wrapping handler and Server.handler(handle) serve the same protocol", async () => {
    const p = start(copasArgs("examples/migrate-server.ts", "0", "0"))
    const [, p1, p2] = await p.waitFor(/wrapping on port (\d+), handler on port (\d+)/)
    for (const port of [p1, p2]) {
      const c = await lineClient(Number(port))
      c.sock.write("1 2\n20 22\nx y\n\n")
      assert.deepStrictEqual(await c.lines(3), ["3", "42", "error: expected two numbers"])
      await c.closed // an empty request ends the session
    }
    p.kill("SIGTERM")
    assert.strictEqual((await p.exit).code, 143)
  })
})

import { afterEach, assert, describe, it } from "@effect/vitest"
import { copasArgs, killAll, run } from "./support.js"

afterEach(() => killAll())

describe("examples/tls.ts", () => {
  it("both TLS servers (doHandshake in the handler, Server.handler(h, tls)) talk to a verifying client", async () => {
    const r = await run(copasArgs("examples/tls.ts"))
    assert.strictEqual(r.code, 0, r.stderr)
    const lines = r.stdout.trim().split("\n")
    assert.strictEqual(lines.length, 3, r.stdout + r.stderr)
    assert.sameMembers(lines.slice(0, 2).map((l) => l.replace(/port \d+/, "port N")), [
      "client (port N): hello from server 1 / server 1 got: ping",
      "client (port N): hello from server 2 / server 2 got: ping"
    ])
    assert.strictEqual(lines[2], "done")
    assert.strictEqual(r.stderr, "")
  })
})

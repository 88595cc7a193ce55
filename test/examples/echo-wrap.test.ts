import { afterEach, assert, describe, it } from "@effect/vitest"
import { copasArgs, killAll, lineClient, start } from "./support.js"

afterEach(() => killAll())

describe("examples/echo-wrap.ts", () => {
  it("echo-wrap.ts: echoes lines until quit, then closes; SIGINT stops the server", async () => {
    const p = start(copasArgs("examples/echo-wrap.ts", "0"))
    const [, port] = await p.waitFor(/port (\d+)/)
    const a = await lineClient(Number(port))
    const b = await lineClient(Number(port))
    a.sock.write("hello\n")
    b.sock.write("from b\nsecond\n")
    assert.deepStrictEqual(await a.lines(1), ["hello"])
    assert.deepStrictEqual(await b.lines(2), ["from b", "second"])
    a.sock.write("quit\n")
    await a.closed // the handler ended: the connection is closed
    b.sock.write("still here\n")
    assert.deepStrictEqual(await b.lines(3), ["from b", "second", "still here"])
    p.kill("SIGINT")
    const r = await p.exit
    assert.strictEqual(r.code, 130)
    await b.closed // the running handler was interrupted and its connection closed
  })
})

import { afterEach, assert, describe, it } from "@effect/vitest"
import * as net from "node:net"
import { copasArgs, killAll, run } from "./support.js"

afterEach(() => killAll())

describe("examples/tcp-client.ts", () => {
  it("tcp-client.ts: prints what the server sends, 6 bytes at a time, until quit", async () => {
    const server = net.createServer((s) => {
      s.write("hello world!")
      setTimeout(() => s.write("quit!!"), 50)
      s.on("error", () => {})
    })
    await new Promise<void>((res) => server.listen(0, "127.0.0.1", res))
    try {
      const port = (server.address() as net.AddressInfo).port
      const r = await run(copasArgs("examples/tcp-client.ts", "127.0.0.1", String(port)))
      assert.strictEqual(r.code, 0, r.stderr)
      assert.deepStrictEqual(r.stdout.trim().split("\n"), [
        "receiving...",
        "received: hello ",
        "receiving...",
        "received: world!",
        "receiving...",
        "received: quit!!"
      ])
    } finally {
      server.close()
    }
  })
})

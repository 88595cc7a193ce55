import { afterEach, assert, describe, it } from "@effect/vitest"
import * as dgram from "node:dgram"
import { copasArgs, killAll, start } from "./support.js"

afterEach(() => killAll())

describe("examples/udp-server.ts", () => {
  it("udp-server.ts: one handler task receives every datagram", async () => {
    const p = start(copasArgs("examples/udp-server.ts", "0"))
    const [, port] = await p.waitFor(/UDP server on port (\d+)/)
    const client = dgram.createSocket("udp4")
    try {
      for (const size of [5, 300, 3000]) {
        await new Promise<void>((res, rej) => client.send(Buffer.alloc(size, 65), Number(port), "127.0.0.1", (e) => e ? rej(e) : res()))
        await p.waitFor(new RegExp(`Received data, bytes: ${Math.min(size, 2048)} `))
      }
    } finally {
      client.close()
    }
    p.kill("SIGINT")
    const r = await p.exit
    assert.strictEqual(r.code, 130)
    const lines = r.stdout.trim().split("\n")
    assert.strictEqual(lines[1], "UDP connection handler")
    // 3000 bytes do not fit in 2048: the datagram is truncated, as LuaSocket does
    assert.deepStrictEqual(lines.filter((l) => l.startsWith("Received")).map((l) => l.split(" (")[0]), [
      "Received data, bytes: 5",
      "Received data, bytes: 300",
      "Received data, bytes: 2048"
    ])
    assert.strictEqual(lines.filter((l) => l === "receiving...").length, 4)
  })
})

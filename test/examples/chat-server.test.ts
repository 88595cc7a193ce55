import { afterEach, assert, describe, it } from "@effect/vitest"
import { copasArgs, killAll, lineClient, start } from "./support.js"

afterEach(() => killAll())

describe("examples/chat-server.ts", () => {
  it("relays lines between clients; /quit leaves; SIGINT tells everyone and exits 130", async () => {
    const p = start(copasArgs("examples/chat-server.ts", "0"))
    const port = Number((await p.waitFor(/chat server on port (\d+)/))[1])

    const alice = await lineClient(port)
    await alice.expect("welcome! your name?")
    alice.sock.write("alice\n")
    await alice.expect("* hello alice; here: alice")

    const bob = await lineClient(port)
    await bob.expect("welcome! your name?")
    bob.sock.write("bob\n")
    await bob.expect("* hello bob; here: alice, bob")
    await alice.expect("* bob joined")

    alice.sock.write("hi bob\n")
    await bob.expect("<alice> hi bob")
    bob.sock.write("hi alice\nsee you\n/quit\n")
    await alice.expect("<bob> see you")
    await bob.expect("* bye")
    await bob.closed
    await alice.expect("* bob left")
    // nobody hears their own lines
    assert.isFalse(alice.received().some((l) => l.startsWith("<alice>")))
    assert.deepStrictEqual(bob.received(), ["welcome! your name?", "* hello bob; here: alice, bob", "<alice> hi bob", "* bye"])

    const carol = await lineClient(port)
    await carol.expect("welcome! your name?")
    carol.sock.write("carol\n")
    await alice.expect("* carol joined")

    p.kill("SIGINT")
    await Promise.all([alice.expect("* server is shutting down"), carol.expect("* server is shutting down")])
    await Promise.all([alice.closed, carol.closed])
    const r = await p.exit
    assert.strictEqual(r.code, 130, r.stderr)
    assert.deepStrictEqual(r.stdout.trim().split("\n").slice(1, 6), [
      "alice joined (1 online)",
      "bob joined (2 online)",
      "bob left (1 online)",
      "carol joined (2 online)",
      r.stdout.includes("alice left (1 online)") ? "alice left (1 online)" : "carol left (1 online)"
    ])
    assert.strictEqual(r.stderr, "")
  })
})

/**
 * OS resources (sockets, servers) left open when the caller is interrupted while the library waits
 * on real Node I/O: removed (`removeThread`) while the wait is pending or while it is queued with
 * its result, timed out, or in a race that another side wins. Each test counts the process's
 * active handles of the kind it opens (`process.getActiveResourcesInfo()`) before and after.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"

/** How many active handles of `kind` ("UDPWrap", "TCPSocketWrap", "TCPServerWrap") the process has. */
const active = (kind: string): number => process.getActiveResourcesInfo().filter((r) => r === kind).length

/** A few real milliseconds: closes and Node's own callbacks land. */
const settleIO = (ms = 30) => Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, ms)))

const quietErrors = Copas.setErrorHandler(() => Effect.void, { default: true })

describe("interruption on real sockets leaves nothing open (node)", () => {
  it.live("UDP: a task removed while its bind is pending (Socket.udp, a UDP server) leaves no socket bound", () =>
    Effect.gen(function*() {
      yield* settleIO()
      const before = active("UDPWrap")
      const ended: Array<string> = []
      yield* NodeCopas.run(Effect.gen(function*() {
        yield* quietErrors
        const a = yield* Copas.addThread(Socket.udp({ host: "127.0.0.1", port: 0 }).pipe(
          Effect.ensuring(Effect.sync(() => ended.push("udp")))
        ))
        const b = yield* Copas.addThread(Server.addServer({ port: 0, udp: true }, () => Effect.void).pipe(
          Effect.ensuring(Effect.sync(() => ended.push("server")))
        ))
        // runs once both have started to bind (FIFO): the binds are still pending
        yield* Copas.addThread(Effect.zipRight(Copas.removeThread(a), Copas.removeThread(b)))
      })).pipe(Effect.timeout("5 seconds"))
      assert.deepStrictEqual(ended.sort(), ["server", "udp"])
      yield* settleIO()
      assert.strictEqual(active("UDPWrap"), before)
    }))
})

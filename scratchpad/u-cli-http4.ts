// Demanding-user trial: a failing body source, an interrupted request, a slow server under Effect.timeout.
import * as http from "node:http"
import * as net from "node:net"
import { Console, Effect, Stream } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Http from "effect-copas/Http"

let open = 0
const listen = <S extends net.Server>(s: S) =>
  Effect.acquireRelease(
    Effect.async<number>((r) => {
      s.on("connection", (c: net.Socket) => { open++; c.on("close", () => open--) })
      s.listen(0, "127.0.0.1", () => r(Effect.succeed((s.address() as net.AddressInfo).port)))
    }),
    () => Effect.async<void>((r) => { (s as any).closeAllConnections?.(); s.close(() => r(Effect.void)) })
  )

const program = Effect.gen(function*() {
  const port = yield* listen(http.createServer((req, res) => {
    if (req.url === "/stall") return
    let n = 0
    req.on("data", (c) => n += c.length)
    req.on("end", () => res.end(String(n)))
    req.on("error", () => {})
  }))
  const bad = Stream.concat(Stream.make(new Uint8Array(10)), Stream.fail("source broke"))
  const r1 = yield* Effect.exit(Http.request({ url: `http://127.0.0.1:${port}/up`, method: "POST", body: bad, timeout: 2000 }))
  yield* Console.log("failing source:", JSON.stringify(r1).slice(0, 400))
  const dieing = Stream.concat(Stream.make(new Uint8Array(10)), Stream.die(new Error("boom")))
  const r1b = yield* Effect.exit(Http.request({ url: `http://127.0.0.1:${port}/up`, method: "POST", body: dieing, timeout: 2000 }))
  yield* Console.log("dying source:", String(r1b._tag), JSON.stringify(r1b).slice(0, 300))
  const r2 = yield* Effect.exit(Http.request(`http://127.0.0.1:${port}/stall`).pipe(Effect.timeout("200 millis")))
  yield* Console.log("interrupted:", r2._tag, (r2 as any).cause?._tag)
  yield* Copas.sleep(100)
  yield* Console.log("open server-side connections after interrupt:", open)
  // removeThread on a task in a request
  const task = yield* Copas.addThread(Http.request(`http://127.0.0.1:${port}/stall`))
  yield* Copas.sleep(100)
  yield* Console.log("open before removeThread:", open)
  yield* Copas.removeThread(task)
  yield* Copas.sleep(100)
  yield* Console.log("open after removeThread:", open)
})

Effect.runPromise(Copas.run(Effect.scoped(program))).then(() => console.log("done"), (e) => console.error("ERR", e))

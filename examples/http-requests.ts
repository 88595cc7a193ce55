/**
 * The user guide's "async http" example: one task per URL, all requests in flight at once; the
 * Copas loop ends by itself when every task is done.
 *
 * There is no internet here, so the example first starts a local http server whose "sites"
 * answer after different delays (the slowest is asked first and finishes last).
 *
 *   npx tsx examples/http-requests.ts
 */
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Http from "effect-copas/Http"
import * as http from "node:http"
import type { AddressInfo } from "node:net"

/** "www.<name>.com" answers after <delay> ms */
const sites: Record<string, number> = { google: 300, microsoft: 100, apple: 200, facebook: 50, yahoo: 150 }

/** a local stand-in for the internet, closed when the program ends */
const localInternet = Effect.acquireRelease(
  Effect.async<http.Server>((resume) => {
    const server = http.createServer((req, res) => {
      const name = req.url!.slice(1)
      setTimeout(() => res.end(`<html>welcome to ${name}</html>`), sites[name] ?? 0)
    })
    server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
  }),
  (server) => Effect.async<void>((resume) => void server.close(() => resume(Effect.void)))
)

const program = Effect.gen(function*() {
  const server = yield* localInternet
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const list = Object.keys(sites).map((name) => `${base}/${name}`)

  // local handler = function(host) res, err = asynchttp(host) print("Host done: "..host) end
  const handler = (host: string) =>
    Http.request(host).pipe(
      Effect.flatMap(({ body, code }) => Console.log(`Host done: ${host} (${code}, ${body.length} bytes)`)),
      Effect.catchTag("HttpError", (err) => Console.log(`Host failed: ${host}: ${err.message}`))
    )

  const t0 = Date.now()
  // for _, host in ipairs(list) do copas.addthread(handler, host) end; copas()
  yield* Copas.run(Effect.forEach(list, (host) => Copas.addThread(handler(host)), { discard: true }))
  yield* Console.log(`all ${list.length} requests done in ${Date.now() - t0} ms`)
})

Effect.runPromise(Effect.scoped(program))

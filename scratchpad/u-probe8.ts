// probe: Http.request has no R in its type: does it run outside a dispatcher? and its timeout
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { Effect } from "effect"
import * as Http from "effect-copas/Http"

const srv = http.createServer((req, res) => { if (req.url === "/slow") return; res.end("ok") })
srv.listen(0, "127.0.0.1", async () => {
  const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`
  const r = await Effect.runPromise(Effect.either(Http.request(`${base}/`)))
  console.log("outside a dispatcher:", r._tag, r._tag === "Right" ? r.right.body : r.left)
  const t0 = Date.now()
  const r2 = await Effect.runPromise(Effect.either(Http.request({ url: `${base}/slow`, timeout: { receive: 200 } })))
  console.log("receive timeout:", r2._tag, r2._tag === "Left" ? r2.left.reason : "", Date.now() - t0, "ms")
  srv.closeAllConnections(); srv.close()
})

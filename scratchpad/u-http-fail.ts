// probe: the copas command with an initializer that fails with HttpError (connection refused)
import { Effect } from "effect"
import * as Http from "effect-copas/Http"
import * as net from "node:net"

// a port that was free a moment ago: bind 0, read the port, close
const freePort = Effect.async<number>((resume) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => {
    const p = (s.address() as net.AddressInfo).port
    s.close(() => resume(Effect.succeed(p)))
  })
})
export default Effect.gen(function*() {
  const port = yield* freePort
  yield* Http.request({ url: `http://127.0.0.1:${port}/`, timeout: "1 second" })
})

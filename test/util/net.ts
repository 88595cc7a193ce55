/**
 * Raw node:net peers for socket tests (a peer we control byte by byte: stalls, resets, floods).
 */
import { Effect } from "effect"
import * as net from "node:net"

export interface RawServer {
  readonly port: number
  readonly sockets: Array<net.Socket>
}

/** A raw TCP server on 127.0.0.1:0, closed with the scope (its connections destroyed). */
export const rawServer = (onConnection: (s: net.Socket) => void) =>
  Effect.acquireRelease(
    Effect.async<{ server: net.Server; info: RawServer }>((resume) => {
      const sockets: Array<net.Socket> = []
      const server = net.createServer({ allowHalfOpen: true }, (s) => {
        s.on("error", () => {})
        sockets.push(s)
        onConnection(s)
      })
      server.listen(0, "127.0.0.1", () => {
        resume(Effect.succeed({ server, info: { port: (server.address() as net.AddressInfo).port, sockets } }))
      })
    }),
    ({ info, server }) =>
      Effect.sync(() => {
        for (const s of info.sockets) s.destroy()
        server.close()
      })
  ).pipe(Effect.map(({ info }) => info))

/** A raw TCP client connected to 127.0.0.1:port, destroyed with the scope. */
export const rawClient = (port: number) =>
  Effect.acquireRelease(
    Effect.async<net.Socket, Error>((resume) => {
      const s = net.connect({ port, host: "127.0.0.1", allowHalfOpen: true })
      s.once("error", (e) => resume(Effect.fail(e)))
      s.once("connect", () => {
        s.on("error", () => {})
        resume(Effect.succeed(s))
      })
    }),
    (s) => Effect.sync(() => s.destroy())
  )

/** Reads from a raw socket until `n` bytes or `until` matches, or the stream ends. */
export const readRaw = (s: net.Socket, until: (acc: string) => boolean) =>
  Effect.async<string>((resume) => {
    let acc = ""
    const done = () => {
      s.removeListener("data", onData)
      s.removeListener("end", done)
      s.removeListener("close", done)
      resume(Effect.succeed(acc))
    }
    const onData = (b: Buffer) => {
      acc += b.toString("latin1")
      if (until(acc)) done()
    }
    s.on("data", onData)
    s.on("end", done)
    s.on("close", done)
    return Effect.sync(() => {
      s.removeListener("data", onData)
      s.removeListener("end", done)
      s.removeListener("close", done)
    })
  })

/** Waits until the peer closed a raw socket (its 'end' or 'close'). */
export const closedRaw = (s: net.Socket) =>
  Effect.async<void>((resume) => {
    if (s.readableEnded || s.destroyed) return resume(Effect.void)
    const done = () => resume(Effect.void)
    s.once("end", done)
    s.once("close", done)
    s.resume()
  })

/** A port on 127.0.0.1 that nobody listens on (bound, then closed): a connect there is refused. */
export const closedPort = Effect.async<number>((resume) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => {
    const p = (s.address() as net.AddressInfo).port
    s.close(() => resume(Effect.succeed(p)))
  })
})

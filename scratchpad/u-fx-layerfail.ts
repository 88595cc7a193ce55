import { Effect, Layer, Exit, Cause } from "effect"
import * as net from "node:net"
import * as NodeCopas from "../src/NodeCopas.js"
import * as Server from "../src/Server.js"
import * as Socket from "../src/Socket.js"
const blocker = net.createServer().listen(0, "127.0.0.1")
await new Promise((r) => blocker.on("listening", r))
const port = (blocker.address() as net.AddressInfo).port
const A = Server.layer({ host: "127.0.0.1", port: 0 }, (s) => Socket.send(s, "a\n"))
const B = Layer.scopedDiscard(Server.make({ host: "127.0.0.1", port }, (s) => Socket.send(s, "b\n")))
const exit = await Effect.runPromiseExit(Layer.launch(Layer.merge(A, B).pipe(Layer.provide(NodeCopas.layer))))
console.log(Exit.isFailure(exit) ? Cause.pretty(exit.cause).split("\n")[0] + " | failures: " + JSON.stringify(Cause.failures(exit.cause)) : "success?")
blocker.close()
setTimeout(() => console.log("handles", (process as any)._getActiveHandles().map((h: any) => h.constructor.name)), 50)

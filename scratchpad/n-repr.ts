// node --allow-natives-syntax --import tsx scratchpad/n-repr.ts: field representations of a server-side SocketImpl
import { SocketImpl } from "../src/internal/socket.js"
const s = new SocketImpl({} as never, undefined, "tcp", "")
s.nameAs("echo:client_", 1)
s.serverSide = true
s.connectTimeout = s.sendTimeout = s.receiveTimeout = Infinity
new Function("s", "%DebugPrint(s)")(s)

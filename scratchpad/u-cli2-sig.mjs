// Drives u-cli2-sigserver.ts: connect, send a line, signal (once or twice), print the outcome.
import { spawn } from "node:child_process"
import * as net from "node:net"
const [signal = "SIGINT", twice = "", mode = ""] = process.argv.slice(2)
const child = spawn(process.execPath, ["bin/copas.mjs", "scratchpad/u-cli2-sigserver.ts", mode], { stdio: ["ignore", "pipe", "pipe"] })
let out = "", err = ""
child.stderr.on("data", (d) => (err += d))
const port = await new Promise((r) => child.stdout.on("data", (d) => { out += d; const m = out.match(/port (\d+)/); if (m) r(Number(m[1])) }))
const sock = net.connect(port, "127.0.0.1"); sock.setEncoding("utf8")
let got = ""; sock.on("data", (d) => (got += d)); sock.on("error", (e) => (got += `[${e.code}]`))
sock.write("hi\n")
await new Promise((r) => setTimeout(r, 200))
const t0 = Date.now()
child.kill(signal)
if (twice) setTimeout(() => child.kill(signal), 100)
// after the signal: does the server still accept?
setTimeout(() => { const s2 = net.connect(port, "127.0.0.1"); s2.on("connect", () => console.log("new connection accepted after signal!")); s2.on("error", (e) => console.log("new connection:", e.code)) }, 50)
const [code, sig] = await new Promise((r) => child.on("close", (c, s) => r([c, s])))
console.log(JSON.stringify({ code, sig, ms: Date.now() - t0, got, out, err }))

import { spawn } from "node:child_process"
import * as net from "node:net"
for (const mode of ["run", "layer", "loop"]) {
  const p = spawn("node", ["--import", "tsx", "scratchpad/u-fx-sigint.ts", mode], { stdio: ["ignore", "pipe", "pipe"] })
  let err = ""
  p.stderr.on("data", (d) => err += d)
  const port = await new Promise((r) => p.stdout.on("data", (d) => { const m = /PORT (\d+)/.exec(String(d)); if (m) r(+m[1]) }))
  const c = net.connect(port, "127.0.0.1"); let got = ""
  c.on("data", (d) => got += d)
  await new Promise((r) => setTimeout(r, 200))
  // signal the node process (child of npx): kill process group

  process.kill(p.pid, "SIGINT")

  const code = await new Promise((r) => p.on("exit", (code, sig) => r(code ?? sig)))
  await new Promise((r) => setTimeout(r, 100))
  console.log(mode, "exit", code, "client got", JSON.stringify(got), "\n  stderr:", err.trim().replace(/\n/g, " | "))
}

import * as net from "node:net"
const mode = process.argv[2]
const srv = net.createServer((d) => {
  let n = 0
  d.on("data", (c) => (n += c.length))
  d.on("end", () => console.log(mode, "end after", n))
  d.on("error", (e) => console.log(mode, "error", e.code, n))
})
srv.listen(0, "127.0.0.1", () => {
  const c = net.connect(srv.address().port, "127.0.0.1", () => {
    setTimeout(() => {
      c.write(Buffer.alloc(Number(process.argv[3] ?? 500)))
      const r = () => c.resetAndDestroy()
      if (mode === "sync") r()
      else if (mode === "immediate") setImmediate(r)
      else if (mode === "timeout") setTimeout(r, 10)
      else if (mode === "nowrite") { c.destroy(); }
      setTimeout(() => srv.close(), 200)
    }, 50)
  })
})

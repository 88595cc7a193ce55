// the example plus a memory report on SIGUSR1 (scratch diagnostics)
import * as v8 from "node:v8"
import "../../examples/echo-server.ts"
process.on("SIGUSR1", () => {
  const m = process.memoryUsage()
  const sp = v8.getHeapSpaceStatistics().map((s) => `${s.space_name}=${(s.space_size / 1024).toFixed(0)}/${(s.space_used_size / 1024).toFixed(0)}`).join(" ")
  console.log(`MEM rss=${(m.rss / 1024).toFixed(0)} heapTotal=${(m.heapTotal / 1024).toFixed(0)} heapUsed=${(m.heapUsed / 1024).toFixed(0)} external=${(m.external / 1024).toFixed(0)} ab=${(m.arrayBuffers / 1024).toFixed(0)} ${sp}`)
})

import { Session } from "node:inspector"
import fs from "node:fs"
const s = new Session(); s.connect()
const post = (m, p) => new Promise((r, j) => s.post(m, p, (e, v) => e ? j(e) : r(v)))
await post("HeapProfiler.enable")
await post("HeapProfiler.startSampling", { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })
const realExit = process.exit
process.exit = (c) => {
  s.post("HeapProfiler.stopSampling", (e, v) => {
    const self = new Map()
    const walk = (n) => { const k = n.callFrame.functionName + " " + n.callFrame.url.split("/").pop() + ":" + n.callFrame.lineNumber; self.set(k, (self.get(k) || 0) + n.selfSize); n.children.forEach(walk) }
    walk(v.profile.head)
    const tot = [...self.values()].reduce((a, b) => a + b, 0)
    console.log("total MB", (tot / 1e6).toFixed(1))
    for (const [k, x] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((100 * x / tot).toFixed(1), k)
    realExit(c)
  })
}
await import("./k-micro.mjs")

// usage: node --import tsx scratchpad/tmpJ/alloc.mjs <script> args — sampled allocations incl. garbage, by function
import { Session } from "node:inspector/promises"
import { writeFileSync } from "node:fs"
const s = new Session(); s.connect()
await s.post("HeapProfiler.enable")
await s.post("HeapProfiler.startSampling", { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })
const [script, ...args] = process.argv.slice(2)
process.argv = [process.argv[0], script, ...args]
const origLog = console.log
let done
const p = new Promise((r) => { done = r })
console.log = (...a) => { origLog(...a); done() }
await import(new URL(script, `file://${process.cwd()}/`).href)
await p
const { profile } = await s.post("HeapProfiler.stopSampling")
const m = new Map(); let tot = 0
;(function walk(n, stack) {
  const cf = n.callFrame
  const k = `${cf.functionName} ${cf.url.split("/").slice(-2).join("/")}:${cf.lineNumber}:${cf.columnNumber}`
  m.set(k, (m.get(k) || 0) + n.selfSize); tot += n.selfSize
  for (const c of n.children) walk(c)
})(profile.head)
for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, 30)) origLog((v / 1e6).toFixed(1).padStart(7), "MB", (100 * v / tot).toFixed(1).padStart(5) + "%", k)
origLog("total MB", (tot / 1e6).toFixed(1))
process.exit(0)

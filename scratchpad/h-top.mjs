// node h-top.mjs file.cpuprofile [N] : self time by function, and inclusive time
import fs from "node:fs"
const p = JSON.parse(fs.readFileSync(process.argv[2], "utf8"))
const N = Number(process.argv[3] ?? 40)
const byId = new Map(p.nodes.map((n) => [n.id, n]))
const self = new Map()
const dt = p.timeDeltas
const counts = new Map()
for (let i = 0; i < p.samples.length; i++) counts.set(p.samples[i], (counts.get(p.samples[i]) ?? 0) + (dt[i] ?? 0))
const total = [...counts.values()].reduce((a, b) => a + b, 0)
const key = (n) => `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`
for (const [id, t] of counts) { const n = byId.get(id); const k = key(n); self.set(k, (self.get(k) ?? 0) + t) }
// inclusive: per node sum of subtree, then aggregate by key without double counting recursion
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const incl = new Map()
for (const [id, t] of counts) {
  const seen = new Set(); let cur = id
  while (cur !== undefined) { const k = key(byId.get(cur)); if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + t) } cur = parent.get(cur) }
}
const idle = [...self].filter(([k]) => k.startsWith("(idle)") || k.startsWith("(program)") || k.startsWith("(garbage")).map(([k, t]) => `${k.split(" ")[0]} ${(100*t/total).toFixed(1)}%`)
console.log("total ms", (total/1000).toFixed(0), idle.join(" "))
console.log("--- self")
for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, N)) console.log((100 * t / total).toFixed(2).padStart(6), k)
console.log("--- inclusive")
for (const [k, t] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, N)) console.log((100 * t / total).toFixed(2).padStart(6), k)

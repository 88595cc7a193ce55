// node h-tree.mjs prof reqs [depth] [minPct]: call tree with µs per request (inclusive), writes excluded count shown
import fs from "node:fs"
const p = JSON.parse(fs.readFileSync(process.argv[2], "utf8"))
const reqs = Number(process.argv[3]); const maxDepth = Number(process.argv[4] ?? 12); const minUs = Number(process.argv[5] ?? 0.05)
const byId = new Map(p.nodes.map((n) => [n.id, n]))
const self = new Map()
for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0))
const incl = new Map()
const sum = (id) => { const n = byId.get(id); let t = self.get(id) ?? 0; for (const c of n.children ?? []) t += sum(c); incl.set(id, t); return t }
sum(p.nodes[0].id)
const name = (n) => `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`
const walk = (id, d) => {
  const n = byId.get(id); const t = incl.get(id) / reqs
  if (t < minUs || d > maxDepth) return
  console.log(`${"  ".repeat(d)}${t.toFixed(3)} (self ${((self.get(id) ?? 0) / reqs).toFixed(3)}) ${name(n)}`)
  for (const c of (n.children ?? []).sort((a, b) => incl.get(b) - incl.get(a))) walk(c, d + 1)
}
walk(p.nodes[0].id, 0)

// usage: node scratchpad/g-prof.mjs <profile.cpuprofile> [startFn] — self and total time after the first sample under startFn (default "drain")
import fs from "node:fs"
const p = JSON.parse(fs.readFileSync(process.argv[2]))
const start = process.argv[3] ?? "drain"
const byId = new Map(p.nodes.map((n) => [n.id, n]))
const parent = new Map()
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const key = (n) => `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber + 1}`
const stack = (id) => { const s = []; for (let x = id; x !== undefined; x = parent.get(x)) s.push(byId.get(x)); return s }
const self = {}, total = {}
let on = false, tot = 0
for (let i = 0; i < p.samples.length; i++) {
  const st = stack(p.samples[i])
  if (!on && st.some((n) => n.callFrame.functionName === start)) on = true
  if (!on) continue
  const dt = p.timeDeltas[i + 1] ?? 0
  tot += dt
  self[key(st[0])] = (self[key(st[0])] ?? 0) + dt
  for (const k of new Set(st.map(key))) total[k] = (total[k] ?? 0) + dt
}
const top = (o, n) => Object.entries(o).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${(v / 1000).toFixed(1).padStart(7)}ms ${(100 * v / tot).toFixed(1).padStart(5)}% ${k}`).join("\n")
console.log(`window ${(tot / 1000).toFixed(0)} ms\n-- self\n${top(self, 35)}\n-- total\n${top(total, 35)}`)

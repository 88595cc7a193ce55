// node h-heapdiff.mjs s0 s1 N [top]
import fs from "node:fs"
const load = (f) => {
  const s = JSON.parse(fs.readFileSync(f, "utf8"))
  const m = s.snapshot.meta, nf = m.node_fields, types = m.node_types[0], strs = s.strings
  const F = nf.length, iType = nf.indexOf("type"), iName = nf.indexOf("name"), iSize = nf.indexOf("self_size")
  const agg = new Map(); let total = 0
  for (let i = 0; i < s.nodes.length; i += F) {
    const t = types[s.nodes[i + iType]]
    let name = strs[s.nodes[i + iName]]
    if (t.includes("string")) name = ""
    const k = `${t}:${name.slice(0, 50)}`
    const a = agg.get(k) ?? [0, 0]; a[0]++; a[1] += s.nodes[i + iSize]; total += s.nodes[i + iSize]; agg.set(k, a)
  }
  return { agg, total }
}
const a = load(process.argv[2]), b = load(process.argv[3]), N = Number(process.argv[4])
console.log("heap per conn B", ((b.total - a.total) / N).toFixed(0))
const rows = []
for (const [k, [c, s]] of b.agg) { const [c0, s0] = a.agg.get(k) ?? [0, 0]; rows.push([k, (c - c0) / N, (s - s0) / N]) }
rows.sort((x, y) => y[2] - x[2])
for (const [k, c, s] of rows.slice(0, Number(process.argv[5] ?? 50))) console.log(s.toFixed(0).padStart(6), "B", c.toFixed(2).padStart(7), "obj", k)

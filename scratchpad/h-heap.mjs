// node h-heap.mjs snapshot N : objects by constructor/type, count and bytes per connection
import fs from "node:fs"
const s = JSON.parse(fs.readFileSync(process.argv[2], "utf8"))
const N = Number(process.argv[3] ?? 1)
const m = s.snapshot.meta, nf = m.node_fields, types = m.node_types[0], strs = s.strings
const F = nf.length, iType = nf.indexOf("type"), iName = nf.indexOf("name"), iSize = nf.indexOf("self_size")
const agg = new Map()
let total = 0
for (let i = 0; i < s.nodes.length; i += F) {
  const t = types[s.nodes[i + iType]]
  let name = strs[s.nodes[i + iName]]
  if (t === "string" || t === "concatenated string" || t === "sliced string") name = "(string)"
  if (t === "code" || t === "hidden") name = name.slice(0, 40)
  const k = `${t}:${name.slice(0, 60)}`
  const a = agg.get(k) ?? [0, 0]
  a[0]++; a[1] += s.nodes[i + iSize]; total += s.nodes[i + iSize]
  agg.set(k, a)
}
console.log("total KiB", (total / 1024).toFixed(0), "per conn", (total / 1024 / N).toFixed(2))
for (const [k, [c, b]] of [...agg].sort((x, y) => y[1][1] - x[1][1]).slice(0, Number(process.argv[4] ?? 60)))
  console.log((b / N).toFixed(0).padStart(6), "B/conn", (c / N).toFixed(2).padStart(7), "obj/conn", k)

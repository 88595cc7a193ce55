// node h-ret.mjs snapshot "type:name" [limit]: aggregate retainers (parent type:name . edge) of matching nodes
import fs from "node:fs"
const s = JSON.parse(fs.readFileSync(process.argv[2], "utf8"))
const want = process.argv.slice(3)
const m = s.snapshot.meta, nf = m.node_fields, ef = m.edge_fields, types = m.node_types[0], etypes = m.edge_types[0], strs = s.strings
const F = nf.length, E = ef.length
const iType = nf.indexOf("type"), iName = nf.indexOf("name"), iEC = nf.indexOf("edge_count"), iSize = nf.indexOf("self_size")
const eType = ef.indexOf("type"), eName = ef.indexOf("name_or_index"), eTo = ef.indexOf("to_node")
const key = (i) => { const t = types[s.nodes[i + iType]]; let n = strs[s.nodes[i + iName]]; if (t.includes("string")) n = ""; return `${t}:${n.slice(0, 50)}` }
const parents = new Map()
let e = 0
for (let i = 0; i < s.nodes.length; i += F) {
  const ec = s.nodes[i + iEC]
  for (let j = 0; j < ec; j++, e += E) {
    const to = s.edges[e + eTo]
    const et = etypes[s.edges[e + eType]]
    if (et === "weak") continue
    const nm = et === "element" || et === "hidden" ? `[${et}]` : strs[s.edges[e + eName]]
    const k = key(to)
    if (!want.includes(k)) continue
    const pk = `${key(i)} .${nm}`
    parents.set(pk, (parents.get(pk) ?? 0) + 1)
  }
}
for (const [k, c] of [...parents].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(String(c).padStart(7), k)

// node h-conn.mjs s0 s1 [rootType]: the objects one connection owns (reached from one SocketImpl and its
// task, skipping anything already in s0 and other connections' roots), with the path that first reached each
import fs from "node:fs"
const load = (f) => JSON.parse(fs.readFileSync(f, "utf8"))
const s0 = load(process.argv[2]), s = load(process.argv[3])
const m = s.snapshot.meta, nf = m.node_fields, ef = m.edge_fields, types = m.node_types[0], etypes = m.edge_types[0], strs = s.strings
const F = nf.length, E = ef.length
const iType = nf.indexOf("type"), iName = nf.indexOf("name"), iEC = nf.indexOf("edge_count"), iSize = nf.indexOf("self_size"), iId = nf.indexOf("id")
const eType = ef.indexOf("type"), eName = ef.indexOf("name_or_index"), eTo = ef.indexOf("to_node")
const old = new Set(); for (let i = 0; i < s0.nodes.length; i += F) old.add(s0.nodes[i + iId])
const first = []; let e = 0
for (let i = 0; i < s.nodes.length; i += F) { first[i / F] = e; e += s.nodes[i + iEC] * E }
const key = (i) => { const t = types[s.nodes[i + iType]]; let n = strs[s.nodes[i + iName]]; if (t.includes("string")) n = JSON.stringify(n.slice(0, 30)); return `${t}:${n.slice(0, 40)}` }
const roots = ["object:SocketImpl"]
let start = -1
for (let i = 0; i < s.nodes.length; i += F) if (key(i) === "object:SocketImpl" && !old.has(s.nodes[i + iId])) { start = i; if (Math.random() < 0.01) break }
const seen = new Set([start]); const q = [[start, "SocketImpl", 0]]; let total = 0; const out = []
const stopTypes = new Set(["object:SocketImpl"])
while (q.length) {
  const [i, path, d] = q.shift()
  const sz = s.nodes[i + iSize]; total += sz; out.push(`${String(sz).padStart(5)} ${"  ".repeat(Math.min(d, 12))}${key(i)}   <- ${path}`)
  const ec = s.nodes[i + iEC]; let ee = first[i / F]
  for (let j = 0; j < ec; j++, ee += E) {
    const et = etypes[s.edges[ee + eType]]; if (et === "weak" || et === "shortcut") continue
    const to = s.edges[ee + eTo]
    if (seen.has(to) || old.has(s.nodes[to + iId])) continue
    // the dispatcher's task list links to other connections' tasks
    if (et === "property" && (strs[s.edges[ee + eName]] === "prevTask" || strs[s.edges[ee + eName]] === "nextTask")) continue
    const k = key(to); if (stopTypes.has(k)) continue
    const t = types[s.nodes[to + iType]]; if (t === "code" || t === "object shape" || (t === "hidden" && k.includes("system / Map"))) continue
    seen.add(to)
    const nm = et === "element" || et === "hidden" ? `[${s.edges[ee + eName]}]` : strs[s.edges[ee + eName]]
    q.push([to, `${path.split(" ").slice(-1)[0]}.${nm}`, d + 1])
  }
  if (seen.size > 400) break
}
console.log(out.join("\n")); console.log("total", total, "objects", out.length)

// Reads the harness's TSV files of each phase in a bench/results/echo-* folder and prints the
// ratios of effect-copas to the reference servers, and the targets, as markdown.
// usage: node bench/echo/report.mjs bench/results/echo-<date>
// With repeated runs (REPEAT=n: folders r1, r2 ... each with its phases) every server's figure is
// its best over the runs (highest rate, lowest memory; error-free rows only): on a shared machine a
// run disturbed by other processes only ever lowers a figure, so the best is the least disturbed.
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

const dir = process.argv[2]
if (!dir) {
  console.error("usage: node bench/echo/report.mjs RESULTS_DIR")
  process.exit(2)
}
const ME = "effect-copas"
const REFS = ["node-net", "effect-run", "copas-luajit"]

const runs = existsSync(join(dir, "main"))
  ? [dir]
  : readdirSync(dir).filter((d) => /^r\d+$/.test(d)).sort((a, b) => a.slice(1) - b.slice(1)).map((d) => join(dir, d))
const num0 = (s) => (s !== undefined && s !== "" && !Number.isNaN(Number(s)) ? Number(s) : undefined)
const better = (file, a, b) => {
  // error-free first; then the higher rate or the lower memory
  const okA = a.errors === undefined ? a.status === "ok" : a.errors === "0/0"
  const okB = b.errors === undefined ? b.status === "ok" : b.errors === "0/0"
  if (okA !== okB) return okA ? a : b
  const k = file === "memory.tsv" ? "kib_per_conn" : file === "connect.tsv" ? "cps" : "rps"
  const x = num0(a[k]), y = num0(b[k])
  if (x === undefined) return b
  if (y === undefined) return a
  return (file === "memory.tsv" ? x <= y : x >= y) ? a : b
}
const tsv = (phase, file) => {
  const best = new Map()
  for (const run of runs) {
    const p = join(run, phase, file)
    if (!existsSync(p)) continue
    const [head, ...rows] = readFileSync(p, "utf8").trim().split("\n").map((l) => l.split("\t"))
    for (const r of rows) {
      const row = Object.fromEntries(head.map((h, i) => [h, r[i] ?? ""]))
      const key = `${row.server}/${row.conns ?? row.workers ?? ""}`
      const prev = best.get(key)
      best.set(key, prev === undefined ? row : better(file, prev, row))
    }
  }
  return [...best.values()]
}
const num = (s) => (s !== undefined && s !== "" && !Number.isNaN(Number(s)) ? Number(s) : undefined)
const ok = (row) => row !== undefined && (row.errors === undefined || row.errors === "0/0")

/** one metric: value per server (undefined when missing or with errors) */
const metric = (phase, file, pick, key, filter = () => true) => {
  const rows = tsv(phase, file).filter(filter)
  const v = {}
  for (const s of [ME, ...REFS]) {
    const row = rows.find((r) => r.server === s)
    v[s] = row !== undefined && ok(row) ? num(row[pick]) : undefined
    if (row !== undefined && !ok(row)) v[s + ":err"] = row.errors
  }
  return v
}
const tp = (phase, c) => metric(phase, "throughput.tsv", "rps", "rps", (r) => r.conns === String(c))

const rows = [
  { name: "req/s, 16 connections", v: tp("main", 16), ratio: 0.85 },
  { name: "req/s, 256 connections", v: tp("main", 256), ratio: 0.85 },
  { name: "req/s, 1000 connections", v: tp("main", 1000), ratio: 0.85 },
  { name: "req/s, 16 conns × 16 pipelined", v: tp("pipeline", 16), ratio: 0.6 },
  { name: "req/s, 256 conns × 16 pipelined", v: tp("pipeline", 256), ratio: 0.6 },
  { name: "connects/s (8 workers)", v: metric("main", "connect.tsv", "cps"), ratio: 0.75 },
  { name: "KiB per idle connection", v: metric("main", "memory.tsv", "kib_per_conn"), max: 8.5, n: "main" },
  { name: "KiB per idle connection", v: metric("idle10k", "memory.tsv", "kib_per_conn"), max: 8.5, n: "idle10k" },
  { name: "req/s, 10,000 connections", v: tp("idle10k", 10000) }
]

const f = (x, digits = 0) => (x === undefined ? "–" : x.toFixed(digits))
const present = REFS.filter((s) => rows.some((r) => r.v[s] !== undefined))
const out = []
out.push(`# echo benchmark: ${dir.split("/").pop()}`, "")
out.push("Ratios are effect-copas / reference (higher is better for rates, lower for memory)" +
  (runs.length > 1 ? `; each figure is the server's best of ${runs.length} runs.` : "."), "")
out.push(`| metric | effect-copas | ${present.map((s) => `${s} | ratio`).join(" | ")} | target | met |`)
out.push(`|---|---:|${present.map(() => "---:|---:").join("|")}|---|---|`)
for (const r of rows) {
  const me = r.v[ME]
  const mem = r.max !== undefined
  let name = r.name
  if (r.n !== undefined) {
    const m = tsv(r.n, "memory.tsv").find((x) => x.server === ME)
    name += ` (n=${m?.n ?? "?"}${m && m.status !== "ok" ? `, ${m.status}` : ""})`
  }
  const cells = present.map((s) => {
    const x = r.v[s]
    const ratio = me !== undefined && x !== undefined && x > 0 ? `${(me / x).toFixed(2)}×` : "–"
    return `${f(x, mem ? 2 : 0)}${r.v[s + ":err"] ? ` (errors ${r.v[s + ":err"]})` : ""} | ${ratio}`
  })
  let target = ""
  let met = ""
  if (r.ratio !== undefined) {
    target = `≥ ${r.ratio}× node-net`
    const base = r.v["node-net"]
    met = me === undefined || base === undefined ? "–" : me / base >= r.ratio ? "yes" : `no (${(me / base).toFixed(2)}×)`
  } else if (mem) {
    target = `≤ ${r.max} KiB`
    met = me === undefined ? "–" : me <= r.max ? "yes" : "no"
  } else {
    target = "0 errors"
    const row = tsv("idle10k", "throughput.tsv").find((x) => x.server === ME)
    const m = tsv("idle10k", "memory.tsv").find((x) => x.server === ME)
    met = row === undefined && m === undefined ? "–" : ok(row) && m?.status === "ok" ? "yes" : `no (${row?.errors ?? "?"}, idle: ${m?.status ?? "?"})`
  }
  const err = r.v[ME + ":err"] ? ` (errors ${r.v[ME + ":err"]})` : ""
  out.push(`| ${name} | ${f(me, mem ? 2 : 0)}${err} | ${cells.join(" | ")} | ${target} | ${met} |`)
}
out.push("")
for (const run of runs) {
  for (const phase of ["main", "pipeline", "idle10k"]) {
    const p = join(run, phase, "summary.md")
    const name = runs.length > 1 ? `${run.split("/").pop()} ${phase}` : phase
    if (existsSync(p)) out.push(`## ${name}`, "", readFileSync(p, "utf8").replace(/^# .*\n/, ""), "")
  }
}
console.log(out.join("\n"))

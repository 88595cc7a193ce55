#!/usr/bin/env node
// npm run bench:sched [-- --reps 3 --only W1,W4 --impl effect-copas,effect,node]
//
// Runs W1–W7 of ../shared/bench/sched with effect-copas (bench/sched/copas.ts) and, in the same
// run, the reference harnesses for raw Effect and raw Node from that folder (built in
// bench/.build/ref-sched from a copy, since shared/ is read-only; it uses this project's
// node_modules). One process per run, cold;
// runs are interleaved round-robin so machine noise spreads over every implementation.
// Prints a markdown table with medians, ratios and the issue's targets. With W3 it also runs W3Y
// (W3 with `Effect.yieldNow()` in place of `Copas.pause()`, the raw Effect harness's yield): an
// informational row, compared with the references' W3. The last two columns scale the targets of
// W1, W3, W4, W5 and W7 by how much slower raw Effect runs now than when the issue measured it.
import { execFileSync, spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs"
import { loadavg } from "node:os"
import { dirname, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..")
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : dflt
}
const reps = Number(arg("reps", "3"))
const only = arg("only", "W1,W2,W3,W4,W5,W6,W7").split(",")
const impls = arg("impl", "effect-copas,effect,node").split(",")

const shared = resolve(root, "../shared/bench/sched")
const ref = resolve(root, "bench/.build/ref-sched")
const haveRef = existsSync(resolve(shared, "src/effect.ts"))
if (haveRef && !existsSync(resolve(ref, "dist/effect.js"))) {
  mkdirSync(ref, { recursive: true })
  for (const f of ["src", "package.json", "tsconfig.json"]) {
    cpSync(resolve(shared, f), resolve(ref, f), { recursive: true })
  }
  execFileSync("chmod", ["-R", "u+w", ref]) // the originals are read-only
  console.error("building the reference harness in", ref)
  // no `npm ci`: the copy sits inside this project, so it resolves effect (the same ~3.22 pin),
  // typescript and @types/node from our node_modules
  execFileSync(process.execPath, [resolve(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: ref, stdio: "inherit" })
}

const cmd = (impl, w) => {
  if (impl === "effect-copas") return [process.execPath, ["--import", "tsx", resolve(root, "bench/sched/copas.ts"), w], root]
  if (!haveRef) return undefined
  return [process.execPath, [resolve(ref, `dist/${impl}.js`), w], ref]
}

const runOne = (impl, w) => {
  const c = cmd(impl, w)
  if (!c) return { error: "reference harness not found (../shared/bench/sched)" }
  const p = spawnSync(c[0], c[1], { cwd: c[2], encoding: "utf8", timeout: 180_000 })
  const line = (p.stdout ?? "").split("\n").filter((l) => l.startsWith("{")).pop()
  if (p.status !== 0 || !line) return { error: `rc=${p.status} ${(p.stderr ?? "").slice(-300)}` }
  return JSON.parse(line)
}

const results = {}
const loads = []
for (let rep = 0; rep < reps; rep++) {
  loads.push(loadavg()[0].toFixed(2))
  for (const w of only) {
    for (const impl of impls) {
      const r = runOne(impl, w)
      ;((results[w] ??= {})[impl] ??= []).push(r)
      process.stderr.write(`rep ${rep + 1} ${w} ${impl}: ${r.error ?? `${r.ms} ms`}\n`)
      if (w === "W3" && impl === "effect-copas") {
        // the informational row: W3 with the raw Effect harness's yield (see bench/sched/copas.ts)
        const y = runOne(impl, "W3Y")
        ;((results.W3Y ??= {})[impl] ??= []).push(y)
        process.stderr.write(`rep ${rep + 1} W3Y ${impl}: ${y.error ?? `${y.ms} ms`}\n`)
      }
    }
  }
}

const median = (xs) => {
  const v = xs.filter((x) => typeof x === "number").sort((a, b) => a - b)
  if (v.length === 0) return undefined
  const m = v.length >> 1
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2
}
const metric = {
  W1: { key: "ms", unit: "ms", target: 260, better: "lower" },
  W2: { key: "late_p99_ms", unit: "ms p99 late", target: 8, better: "lower", extra: ["late_p50_ms", 0.1] },
  W3: { key: "ns_per_op", unit: "ns/cycle", target: 1500, better: "lower" },
  W4: { key: "ns_per_op", unit: "ns/hand-off", target: 1000, better: "lower" },
  W5: { key: "ns_per_op", unit: "ns/item", target: 250, better: "lower" },
  W6: { key: "fraction", unit: "of ideal firings", target: 0.9, better: "higher" },
  W7: { key: "ms", unit: "ms", target: 35, better: "lower" }
}
// Raw Effect as the issue measured it when it set the targets (same harness, same machine kind):
// today's raw Effect over these is how much slower the machine is now, and the targets of the
// workloads timed per operation are also shown scaled by it (the targets as ratios to raw Effect).
const issueRawEffect = { W1: 454, W3: 2760, W4: 2330, W5: 621, W7: 69 }
const fmt = (x, d = 3) => (x === undefined ? "-" : Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(d))
const lines = []
lines.push(`effect-copas scheduler benchmark, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${reps} reps (medians), load ${loads.join(" ")}`)
lines.push("")
lines.push("| workload | metric | effect-copas | raw Effect | raw Node | copas/Effect | copas/Node | target | met | target × machine | met |")
lines.push("|---|---|---|---|---|---|---|---|---|---|---|")
for (const w of only) {
  const m = metric[w]
  const get = (impl, key) => median((results[w]?.[impl] ?? []).map((r) => r[key]))
  const c = get("effect-copas", m.key), e = get("effect", m.key), n = get("node", m.key)
  const ok = c === undefined ? "-" : m.better === "lower" ? c <= m.target : c >= m.target
  let extra = ""
  if (m.extra) {
    const [k, t] = m.extra
    const cx = get("effect-copas", k)
    extra = `; p50 ${fmt(cx)} (target ≤ ${t}: ${cx !== undefined && cx <= t ? "yes" : "no"}), Effect ${fmt(get("effect", k))}, Node ${fmt(get("node", k))}`
  }
  const ref = issueRawEffect[w]
  const scaled = ref !== undefined && e !== undefined ? (m.target * e) / ref : undefined
  const okScaled = scaled === undefined || c === undefined ? "-" : c <= scaled ? "yes" : "no"
  const scaledCell = scaled === undefined ? "- | -" : `≤ ${fmt(scaled)} (×${fmt(e / ref, 2)}) | ${okScaled}`
  lines.push(`| ${w} | ${m.unit}${extra} | ${fmt(c)} | ${fmt(e)} | ${fmt(n)} | ${c && e ? fmt(c / e, 2) : "-"} | ${c && n ? fmt(c / n, 2) : "-"} | ${m.better === "lower" ? "≤" : "≥"} ${m.target} | ${ok === true ? "yes" : ok === false ? "no" : "-"} | ${scaledCell} |`)
  if (w === "W3" && results.W3Y) {
    const y = median(results.W3Y["effect-copas"].map((r) => r[m.key]))
    lines.push(`| W3Y | ns/cycle, \`Effect.yieldNow()\` in place of \`pause()\` (as raw Effect yields; informational) | ${fmt(y)} | ${fmt(e)} | ${fmt(n)} | ${y && e ? fmt(y / e, 2) : "-"} | ${y && n ? fmt(y / n, 2) : "-"} | - | - | - | - |`)
  }
}
const errors = Object.entries(results).flatMap(([w, byImpl]) => Object.entries(byImpl).flatMap(([impl, rs]) => rs.filter((r) => r.error).map((r) => `${w} ${impl}: ${r.error}`)))
if (errors.length) lines.push("", "errors:", ...errors.map((e) => `- ${e}`))
const text = lines.join("\n")
console.log(text)
mkdirSync(resolve(root, "bench/results"), { recursive: true })
writeFileSync(resolve(root, `bench/results/sched-${new Date().toISOString().replace(/[:.]/g, "-")}.md`), text + "\n")

#!/usr/bin/env node
// Builds the package as it is published: `npm run build` writes it to dist/, then
// `npm publish dist` (or `npm pack dist`). `node scripts/build.mjs <dir>` writes it elsewhere.
//
// Why a separate package directory: in this repository every `effect-copas/<Module>` import (tests,
// examples, benchmarks) resolves to the TypeScript source, so nothing here needs a build and no
// stale build can be picked up; the published package instead points its exports at compiled
// JavaScript and declarations, so that plain `node` (Node 20 cannot run .ts) and any TypeScript
// setup can use it.
//
// Layout of the package: lib/ (compiled modules, .d.ts, maps), src/ (the sources: the maps point
// at them, and the `copas` command compiles them), bin/ (the command), README.md, LICENSE.
import { execFileSync } from "node:child_process"
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const repo = dirname(dirname(fileURLToPath(import.meta.url)))
const dist = join(repo, "dist")
const out = resolve(process.argv[2] ?? dist)
// It is emptied first: never the repository or a folder above it, and, given as an argument, only
// a folder that is new, empty or an earlier build (`scripts/build.mjs src` emptied the sources).
if (!relative(out, repo).startsWith("..")) throw new Error(`refusing to build into ${out}`)
const earlierBuild = (dir) => {
  try {
    return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name === "effect-copas" && existsSync(join(dir, "lib"))
  } catch {
    return false
  }
}
if (out !== dist && existsSync(out) && readdirSync(out).length > 0 && !earlierBuild(out)) {
  throw new Error(`refusing to build into ${out}: not empty, and not an earlier build of the package`)
}

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

// 1. compile src/ into lib/ (type-checked: a type error stops the build)
const tsc = join(repo, "node_modules", "typescript", "bin", "tsc")
execFileSync(process.execPath, [tsc, "-p", join(repo, "tsconfig.build.json"), "--outDir", join(out, "lib")], {
  cwd: repo,
  stdio: "inherit"
})

// 2. sources, the command, docs
cpSync(join(repo, "src"), join(out, "src"), { recursive: true })
cpSync(join(repo, "bin"), join(out, "bin"), { recursive: true })
for (const f of ["README.md", "LICENSE"]) cpSync(join(repo, f), join(out, f))
// the `copas` global's declaration refers to the runtime's types: the .d.ts, not the source (a
// consumer's compiler would otherwise type-check our .ts files with its own settings)
const globalDts = join(out, "bin", "global.d.ts")
writeFileSync(globalDts, readFileSync(globalDts, "utf8").replace('"../src/internal/cli.js"', '"../lib/internal/cli.js"'))

// 3. source maps and declaration maps: tsc wrote paths to the repository's src/; point them at
// the package's own copy
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? walk(p) : [p]
  })
for (const file of walk(join(out, "lib"))) {
  if (!file.endsWith(".map")) continue
  const map = JSON.parse(readFileSync(file, "utf8"))
  map.sources = map.sources.map((s) => {
    const abs = resolve(dirname(file), map.sourceRoot ?? "", s)
    return relative(dirname(file), join(out, "src", relative(join(repo, "src"), abs)))
  })
  writeFileSync(file, JSON.stringify(map))
}

// 4. package.json: the repository's, with the exports pointed at lib/ (and "source" at src/)
const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"))
const compiled = (target) => {
  if (typeof target !== "string" || !target.startsWith("./src/") || !target.endsWith(".ts")) return target
  const base = target.slice("./src/".length, -".ts".length)
  return { types: `./lib/${base}.d.ts`, source: target, default: `./lib/${base}.js` }
}
const exports = Object.fromEntries(Object.entries(pkg.exports).map(([k, v]) => [k, compiled(v)]))
exports["./package.json"] = "./package.json"
const published = {
  name: pkg.name,
  version: pkg.version,
  description: pkg.description,
  license: pkg.license,
  type: pkg.type,
  engines: pkg.engines,
  main: "./lib/index.js",
  types: "./lib/index.d.ts",
  bin: pkg.bin,
  exports,
  dependencies: pkg.dependencies
}
writeFileSync(join(out, "package.json"), JSON.stringify(published, null, 2) + "\n")
for (const [key, target] of Object.entries(exports)) {
  const t = typeof target === "object" && target !== null ? target.default : target
  if (typeof t === "string" && !t.includes("*") && !existsSync(join(out, t))) throw new Error(`export ${key}: ${t} is missing`)
}
process.stdout.write(`effect-copas ${pkg.version} built in ${relative(process.cwd(), out) || "."}\n`)

#!/usr/bin/env node
// The `copas` command: runs TypeScript and JavaScript scripts with the dispatcher started and the
// Node layer provided, until all work is done (Copas's `bin/copas.lua`).
//
// This file is plain JavaScript so that it starts fast. The library is TypeScript: it is compiled
// once with esbuild into a cache directory (one ES module per public module, shared chunks, bare
// imports resolved to absolute URLs so the cache can live anywhere) and loaded natively, without
// loader hooks. The hooks in ./hooks.mjs are registered afterwards, only for the user's code:
// they compile TypeScript scripts, map `effect-copas/*` to the cached library (one instance) and
// let a script anywhere import `effect` from this package's dependencies.
//
// The runtime itself (global, initializer task, exit codes, signals) is src/internal/cli.ts.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs"
import { isBuiltin, register } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join, resolve as resolvePath } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const pkgDir = dirname(dirname(fileURLToPath(import.meta.url)))
const srcDir = join(pkgDir, "src")

const USAGE = `usage: copas [options]... [script [args]...]
Available options are:
  -e code    Execute string 'code' (TypeScript or JavaScript, run as a module).
  -l name    Import module 'name' into the global 'name' (-l g=module: into the global 'g').
  -v         Show version information.
  --         Stop handling options (the next argument is the script).
  -          Execute stdin and stop handling options.
A script is an ES module (.ts, .mts, .js, .mjs). Its default export, an Effect or a function
(args) => Effect, runs as the initializer task. The library is the global \`copas\`.
The library is compiled once into $EFFECT_COPAS_CACHE (default: <tmpdir>/effect-copas-<uid>).`

const usageError = (message) => {
  process.stderr.write(`copas: ${message}\n${USAGE}\n`)
  process.exit(1)
}

// ---- options (validated before anything runs) ----------------------------------------------

/** @typedef {{ kind: "version" } | { kind: "eval", name: string, source: string, args: string[] } | { kind: "lib", global: string, specifier: string } | { kind: "script", path: string, args: string[] } | { kind: "stdin", args: string[] }} Action */

/** The global a `-l` module is stored in: Lua's `-l name` (and `-l g=mod` of Lua 5.4). */
const globalNameOf = (spec) => {
  const eq = spec.indexOf("=")
  if (eq > 0 && /^[A-Za-z_$][\w$]*$/.test(spec.slice(0, eq))) return [spec.slice(0, eq), spec.slice(eq + 1)]
  const base = spec.replace(/^node:/, "").replace(/\/+$/, "").split("/").pop().replace(/\.(d\.)?[cm]?[jt]s$/, "")
  let name = base.replace(/[^\w$]/g, "_")
  if (name === "" || /^\d/.test(name)) name = `_${name}`
  return [name, spec]
}

/** @returns {Action[]} */
const parse = (argv) => {
  /** @type {Action[]} */
  const actions = []
  if (argv.length === 0) return [{ kind: "stdin", args: [] }] // as Lua's runtime: no arguments, read stdin
  for (let i = 0; i < argv.length; i++) {
    const opt = argv[i]
    if (opt === "-v") actions.push({ kind: "version" })
    else if (opt === "-e" || opt === "-l") {
      if (i + 1 >= argv.length) usageError(`'${opt}' needs an argument`)
      const value = argv[++i]
      if (opt === "-e") actions.push({ kind: "eval", name: "[command line]", source: value, args: [] })
      else {
        const [global, specifier] = globalNameOf(value)
        if (specifier === "") usageError(`'-l ${value}': no module`)
        actions.push({ kind: "lib", global, specifier })
      }
    } else if (opt === "-h" || opt === "--help") {
      process.stdout.write(`${USAGE}\n`)
      process.exit(0)
    } else if (opt === "--") {
      // unlike Copas 4.11 (where `--` ends everything), the script after `--` runs
      if (i + 1 < argv.length) actions.push({ kind: "script", path: argv[i + 1], args: argv.slice(i + 2) })
      break
    } else if (opt === "-") {
      actions.push({ kind: "stdin", args: argv.slice(i + 1) })
      break
    } else if (opt.startsWith("-")) {
      usageError(`unrecognized option '${opt}'`)
    } else {
      actions.push({ kind: "script", path: opt, args: argv.slice(i + 1) })
      break
    }
  }
  return actions
}

const actions = parse(process.argv.slice(2))

// ---- the compiled library ------------------------------------------------------------------

const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"))

/**
 * Public modules (package.json "exports" that exist) plus the runtime: out name → source path. In
 * this repository an export is the source path; in the published package (scripts/build.mjs) it
 * is an object whose "source" condition is.
 */
const entryPoints = {}
for (const [key, value] of Object.entries(pkg.exports ?? {})) {
  const target = typeof value === "string" ? value : value?.source
  if (typeof target !== "string" || !target.startsWith("./src/") || !target.endsWith(".ts")) continue
  const file = join(pkgDir, target)
  if (existsSync(file)) entryPoints[key === "." ? "index" : key.slice(2)] = file
}
entryPoints["internal/cli"] = join(srcDir, "internal", "cli.ts")

/** A cheap fingerprint of the sources (paths, sizes, mtimes): the cache key. */
const fingerprint = () => {
  let h = 0x811c9dc5
  const mix = (s) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0
  }
  mix(`${pkgDir}|${pkg.version}|${process.version}|${JSON.stringify(entryPoints)}`)
  // where the dependencies are: the compiled library imports them by absolute URL, and an upgrade
  // may move them (pnpm's paths hold the version: the old files are deleted)
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    if (dep === "esbuild") continue // (not imported by the library; ~1 ms saved)
    try {
      mix(import.meta.resolve(dep))
    } catch { /* not installed, or no main entry: the build says so if it matters */ }
  }
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name.endsWith(".ts")) {
        const st = statSync(p)
        mix(`${p}:${st.size}:${st.mtimeMs}`)
      }
    }
  }
  walk(srcDir)
  return h.toString(36)
}

const cacheRoot = process.env.EFFECT_COPAS_CACHE ||
  join(tmpdir(), `effect-copas-${typeof process.getuid === "function" ? process.getuid() : "user"}`)

const build = async (outDir) => {
  const esbuild = await import("esbuild")
  const tmp = `${outDir}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  try {
    await esbuild.build({
      entryPoints,
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      logLevel: "error",
      plugins: [{
        name: "absolute-bare-imports",
        setup(b) {
          // `effect/Effect` → file:///…/node_modules/effect/dist/esm/Effect.js (resolved from this
          // package), the same URL a script's own `import "effect/Effect"` resolves to
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            if (isBuiltin(args.path)) return { path: args.path, external: true }
            try {
              return { path: import.meta.resolve(args.path), external: true }
            } catch {
              return { path: args.path, external: true }
            }
          })
        }
      }]
    })
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true })
    process.stderr.write(`copas: cannot compile the library in ${srcDir}: ${e?.message ?? e}\n`)
    process.exit(1)
  }
  writeFileSync(join(tmp, "complete"), "")
  try {
    renameSync(tmp, outDir)
  } catch {
    rmSync(tmp, { recursive: true, force: true }) // another copas process built it first
  }
  // drop builds of older sources (not the ones of the last hour: a running process may still use them)
  for (const e of readdirSync(cacheRoot)) {
    const p = join(cacheRoot, e)
    if (p === outDir) continue
    try {
      if (Date.now() - statSync(p).mtimeMs > 3_600_000) rmSync(p, { recursive: true, force: true })
    } catch { /* gone already */ }
  }
}

const libDir = join(cacheRoot, fingerprint())
if (!existsSync(join(libDir, "complete"))) {
  try {
    mkdirSync(cacheRoot, { recursive: true })
  } catch (e) {
    process.stderr.write(`copas: cannot create the cache directory ${cacheRoot} (${e?.code ?? e}); set EFFECT_COPAS_CACHE\n`)
    process.exit(1)
  }
  // one process builds, the others wait for it (a build costs a core for ~0.5 s: test runners start
  // many copas processes at once). The lock holds the builder's pid: a lock whose builder is dead
  // (Ctrl-C or kill during the first run) is stale at once, any lock after 20 s.
  const lock = `${libDir}.lock`
  let locked = false
  try {
    mkdirSync(lock)
    locked = true
    process.on("exit", () => rmSync(lock, { recursive: true, force: true }))
    writeFileSync(join(lock, "pid"), String(process.pid))
  } catch (e) {
    if (!locked && e?.code !== "EEXIST") {
      process.stderr.write(`copas: cannot write in the cache directory ${cacheRoot} (${e?.code ?? e}); set EFFECT_COPAS_CACHE\n`)
      process.exit(1)
    }
  }
  const builderDied = () => {
    let pid
    try {
      pid = Number(readFileSync(join(lock, "pid"), "utf8"))
    } catch {
      return false // not written yet (or gone: the caller sees that)
    }
    if (!(pid > 0)) return false
    try {
      process.kill(pid, 0)
      return false
    } catch (e) {
      return e?.code === "ESRCH"
    }
  }
  if (!locked) {
    for (;;) {
      await new Promise((r) => setTimeout(r, 20))
      if (existsSync(join(libDir, "complete"))) break
      let age
      try {
        age = Date.now() - statSync(lock).mtimeMs
      } catch {
        break // the builder is gone (finished or failed): build it here if needed
      }
      if (age > 20_000 || builderDied()) break
    }
  }
  // (concurrent builds are still safe: each builds in its own directory and renames it in place)
  if (!existsSync(join(libDir, "complete"))) await build(libDir)
  if (locked) rmSync(lock, { recursive: true, force: true })
}
const libUrl = (name) => pathToFileURL(join(libDir, `${name}.js`)).href

// ---- the user's code -----------------------------------------------------------------------

const readStdin = async () => {
  const chunks = []
  for await (const c of process.stdin) chunks.push(c)
  return Buffer.concat(chunks).toString("utf8")
}

const cwdUrl = pathToFileURL(join(process.cwd(), "/")).href
/** Source of the virtual modules (-e, -l, stdin), by id; they live "in" the current directory. */
const evals = {}
let evalCount = 0
const virtualModule = (name, source) => {
  const id = String(++evalCount)
  evals[id] = source
  // a "/" in the name (-l effect/Duration) would be a path separator: show U+2044 instead
  return `${new URL(encodeURIComponent(name.replaceAll("/", "\u2044")), cwdUrl).href}?copas-eval=${id}`
}

/** What src/internal/cli.ts runs, in order. */
const plan = []
/** Main scripts: forced to be ES modules, compiled as TypeScript unless .js/.mjs. */
const mains = {}
for (const a of actions) {
  switch (a.kind) {
    case "version":
      plan.push({ kind: "version" })
      break
    case "eval":
      plan.push({ kind: "module", url: virtualModule(a.name, a.source), argv: [a.name], runDefault: true })
      break
    case "lib":
      plan.push({
        kind: "module",
        url: virtualModule(
          `[-l ${a.specifier}]`,
          `import * as m from ${JSON.stringify(a.specifier)}\n` +
            `const keys = Object.keys(m).filter((k) => k !== "default" && k !== "module.exports")\n` +
            // a CommonJS module (or one with only a default export) is its default value, as require()
            `globalThis[${JSON.stringify(a.global)}] = keys.length === 0 && "default" in m ? m.default : m\n`
        ),
        argv: null,
        runDefault: false
      })
      break
    case "stdin":
      plan.push({ kind: "module", url: virtualModule("[stdin]", await readStdin()), argv: ["-", ...a.args], args: a.args, runDefault: true })
      break
    case "script": {
      const file = resolvePath(a.path)
      if (/\.c[jt]s$/.test(file)) usageError(`'${a.path}': CommonJS scripts are not supported (use .ts, .mts, .js or .mjs)`)
      if (!existsSync(file)) {
        process.stderr.write(`copas: cannot open ${a.path}: no such file\n`)
        process.exit(1)
      }
      if (statSync(file).isDirectory()) {
        process.stderr.write(`copas: cannot open ${a.path}: is a directory\n`)
        process.exit(1)
      }
      const url = pathToFileURL(file).href
      mains[url] = /\.m?js$/.test(file) ? "js" : "ts"
      plan.push({ kind: "module", url, argv: [file, ...a.args], args: a.args, runDefault: true })
      break
    }
  }
}

const cli = await import(libUrl("internal/cli"))

if (plan.some((p) => p.kind === "module")) {
  const self = {}
  const srcMap = {}
  for (const [name, file] of Object.entries(entryPoints)) {
    if (name === "internal/cli") continue
    self[name === "index" ? "effect-copas" : `effect-copas/${name}`] = libUrl(name)
    srcMap[pathToFileURL(file).href] = libUrl(name)
  }
  register(new URL("./hooks.mjs", import.meta.url), {
    data: { self, srcMap, evals, mains, fallbackParent: import.meta.url }
  })
  // stack traces of the user's TypeScript point at its lines (after the library and Effect are
  // loaded: reading Effect's own source maps would cost start-up time)
  process.setSourceMapsEnabled(true)
}

/** esbuild finds the place of a syntax error Node does not name (only run after one) */
const locateSyntaxError = async (url) => {
  if (!url.startsWith("file:")) return undefined // (-e, -l, stdin: compiled by esbuild, placed)
  const esbuild = await import("esbuild")
  try {
    await esbuild.build({
      entryPoints: [fileURLToPath(url)],
      bundle: true,
      write: false,
      packages: "external",
      platform: "node",
      format: "esm",
      logLevel: "silent"
    })
  } catch (e) {
    const l = e?.errors?.[0]?.location
    if (l) return `${resolvePath(l.file)}:${l.line}:${l.column + 1}`
  }
  return undefined
}

cli.main({ plan, nodeVersion: process.version, locateSyntaxError })

// Module loader hooks of the `copas` command (registered by ./copas.mjs after the library is
// loaded, so they only see the user's code):
// - `effect-copas` and `effect-copas/<Module>` (and the library's own src/<Module>.ts files) map to
//   the compiled library the command runs, so a script shares the command's dispatcher;
// - TypeScript (.ts, .mts, and a main script with any other extension, e.g. an extensionless
//   shebang script) is compiled with esbuild (types are stripped, not checked);
// - a relative import ending in .js finds the .ts file (the TypeScript convention), and an
//   extensionless one tries .ts, .mts, .js, /index.ts;
// - a bare import the script's directory cannot resolve (a script in /tmp importing `effect`)
//   is resolved from this package: the runtime provides Effect, as Lua's runtime provides copas;
// - the main script is an ES module even in a CommonJS package scope;
// - -e code, -l imports and stdin are virtual modules `<cwd>/[name]?copas-eval=<id>`.
import { readFile } from "node:fs/promises"
import { fileURLToPath } from "node:url"

/** @type {{ self: Record<string,string>, srcMap: Record<string,string>, evals: Record<string,string>, mains: Record<string,"ts"|"js">, fallbackParent: string }} */
let data

export async function initialize(d) {
  data = d
}

let esbuild
const compile = async (source, sourcefile) => {
  if (source.trim() === "") return source
  esbuild ??= await import("esbuild")
  try {
    const out = await esbuild.transform(source, {
      loader: "ts",
      format: "esm",
      // the Node that runs it: with "node20", esbuild drops import attributes (`with { type: "json" }`)
      target: `node${process.versions.node}`,
      sourcefile,
      sourcemap: "inline",
      sourcesContent: false,
      logLevel: "silent"
    })
    return out.code
  } catch (e) {
    // a syntax error in the user's code: its message and place, not esbuild's stack
    const first = e?.errors?.[0]
    if (first === undefined) throw e
    const where = first.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}` : sourcefile
    const err = new SyntaxError(`${first.text} (${where})`)
    err.stack = `SyntaxError: ${first.text}\n    at ${where}${first.location ? `\n    ${first.location.lineText}` : ""}`
    throw err
  }
}

/** Node's "not found" errors, without the loader's own stack frames. */
const userError = (error) => {
  if (error instanceof Error) error.stack = `${error.name}${error.code ? ` [${error.code}]` : ""}: ${error.message}`
  return error
}

const evalId = (url) => {
  const q = url.indexOf("?copas-eval=")
  return q < 0 ? undefined : url.slice(q + 12)
}

const isPathLike = (s) => s.startsWith("./") || s.startsWith("../") || s.startsWith("/") || s.startsWith("file:")

const TS_EXT = /\.(m?ts)$/

const candidates = (specifier) => {
  if (/\.js$/.test(specifier)) return [specifier.replace(/\.js$/, ".ts")]
  if (/\.mjs$/.test(specifier)) return [specifier.replace(/\.mjs$/, ".mts")]
  if (/\.[cm]?[jt]sx?$/.test(specifier)) return []
  return [`${specifier}.ts`, `${specifier}.mts`, `${specifier}.js`, `${specifier}/index.ts`]
}

export async function resolve(specifier, context, nextResolve) {
  if (evalId(specifier) !== undefined && data.evals[evalId(specifier)] !== undefined) {
    return { url: specifier, format: "module", shortCircuit: true }
  }
  const own = data.self[specifier]
  if (own !== undefined) return { url: own, format: "module", shortCircuit: true }
  try {
    const r = await nextResolve(specifier, context)
    const mapped = data.srcMap[r.url]
    return mapped === undefined ? r : { url: mapped, format: "module", shortCircuit: true }
  } catch (error) {
    const code = error?.code
    if (code !== "ERR_MODULE_NOT_FOUND" && code !== "ERR_UNSUPPORTED_DIR_IMPORT") throw error
    if (isPathLike(specifier)) {
      for (const c of candidates(specifier)) {
        try {
          const r = await nextResolve(c, context)
          return { ...r, url: data.srcMap[r.url] ?? r.url }
        } catch { /* next candidate */ }
      }
      throw userError(error)
    }
    if (specifier.startsWith("effect-copas/")) throw userError(error) // not a public module
    try {
      return await nextResolve(specifier, { ...context, parentURL: data.fallbackParent })
    } catch {
      throw userError(error)
    }
  }
}

export async function load(url, context, nextLoad) {
  const id = evalId(url)
  if (id !== undefined && data.evals[id] !== undefined) {
    const name = decodeURIComponent(url.slice(url.lastIndexOf("/") + 1, url.indexOf("?")))
    return { format: "module", source: await compile(data.evals[id], name), shortCircuit: true }
  }
  const main = data.mains[url]
  if (main === "ts" || (main === undefined && url.startsWith("file:") && TS_EXT.test(new URL(url).pathname))) {
    const file = fileURLToPath(url)
    const source = await readFile(file, "utf8")
    return { format: "module", source: await compile(source, file), shortCircuit: true }
  }
  if (main === "js") return nextLoad(url, { ...context, format: "module" })
  return nextLoad(url, context)
}

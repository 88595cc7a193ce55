// Extracts every ```ts block from the JSDoc of src/*.ts and from README.md into doc-check/,
// lists public exports without JSDoc / @example, and type-checks the snippets with the
// project's tsc. Usage: node scratchpad/doc-examples.mjs [--no-tsc]
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const out = path.join(root, "doc-check")
fs.rmSync(out, { recursive: true, force: true })
fs.mkdirSync(out, { recursive: true })

// Snippets that are deliberately partial: declared stubs for what the surrounding text defines.
// Keyed by the generated file name.
const STUBS = JSON.parse(fs.readFileSync(path.join(root, "scratchpad", "doc-stubs.json"), "utf8"))

const snippets = [] // { file, source, line, code }
const used = new Map()
const uniqueName = (base) => {
  const key = base.toLowerCase() // file names that differ only in case clash in tsc
  const n = (used.get(key) ?? 0) + 1
  used.set(key, n)
  return n === 1 ? base : `${base}.${n}`
}

const blocks = (text) => {
  const res = []
  const re = /```(ts|typescript)[^\n]*\n([\s\S]*?)```/g
  let m
  while ((m = re.exec(text)) !== null) res.push({ index: m.index, code: m[2] })
  return res
}

const lineOf = (text, pos) => text.slice(0, pos).split("\n").length

// ---- src/*.ts
const missing = [] // { file, name, kind, problem }
const exportsSeen = []
const srcFiles = fs.readdirSync(path.join(root, "src")).filter((f) => f.endsWith(".ts")).sort()
for (const f of srcFiles) {
  const mod = f.replace(/\.ts$/, "")
  const full = path.join(root, "src", f)
  const text = fs.readFileSync(full, "utf8")
  const sf = ts.createSourceFile(full, text, ts.ScriptTarget.ES2022, true)

  // name of the innermost interface/class/namespace around a position
  const containers = []
  const visit = (node) => {
    if ((ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node) || ts.isModuleDeclaration(node)) && node.name) {
      containers.push({ start: node.getStart(sf), end: node.end, name: node.name.text })
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)

  // every JSDoc comment
  const re = /\/\*\*[\s\S]*?\*\//g
  let m
  let first = true
  while ((m = re.exec(text)) !== null) {
    const raw = m[0]
    const body = raw.slice(3, -2).split("\n").map((l) => l.replace(/^\s*\* ?/, "")).join("\n")
    const after = text.slice(m.index + raw.length).replace(/^\s+/, "")
    let name
    const decl = after.match(/^export\s+(?:declare\s+)?(?:abstract\s+)?(?:const|let|function\*?|class|interface|type|namespace)\s+([\w$]+)/)
    const spec = after.match(/^export\s*\{\s*([\w$]+)/) ?? after.match(/^([\w$]+)\s+as\s+([\w$]+)/)
    const member = after.match(/^(?:readonly\s+|static\s+|get\s+|async\s+)*\[?([\w$."]+)\]?\??\s*[:(<=]/)
    if (first && m.index < 5 && /^\s*$/.test(text.slice(0, m.index))) name = "module"
    else if (decl) name = decl[1]
    else if (spec) name = spec[2] ?? spec[1]
    else if (member) {
      const c = containers.filter((c) => c.start < m.index && c.end > m.index).pop()
      name = (c ? c.name + "." : "") + member[1].replace(/"/g, "")
    } else name = "anon"
    first = false
    for (const b of blocks(body)) {
      const file = uniqueName(`${mod}.${name}.example`) + ".ts"
      snippets.push({ file, source: `src/${f}`, line: lineOf(text, m.index), code: b.code })
    }
  }

  // exported declarations and their docs
  const docOf = (node) => {
    const ranges = ts.getLeadingCommentRanges(text, node.pos) ?? []
    const docs = ranges.filter((r) => text.slice(r.pos, r.pos + 3) === "/**").map((r) => text.slice(r.pos, r.end))
    return docs.length ? docs[docs.length - 1] : undefined
  }
  const hasExport = (node) => node.modifiers?.some((x) => x.kind === ts.SyntaxKind.ExportKeyword)
  const check = (name, kind, doc) => {
    exportsSeen.push(`${mod}.${name}`)
    if (!doc) missing.push({ file: `src/${f}`, name, kind, problem: "no JSDoc" })
    else if (!/@example/.test(doc)) missing.push({ file: `src/${f}`, name, kind, problem: "no @example" })
  }
  const seenFns = new Map()
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st) && hasExport(st)) {
      for (const d of st.declarationList.declarations) check(d.name.getText(sf), "const", docOf(st))
    } else if (ts.isFunctionDeclaration(st) && hasExport(st) && st.name) {
      // overloads: documented if any signature is
      const prev = seenFns.get(st.name.text)
      const doc = docOf(st)
      if (prev) { if (doc && !prev.doc) prev.doc = doc } else seenFns.set(st.name.text, { doc })
    } else if ((ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st) || ts.isModuleDeclaration(st)) && hasExport(st) && st.name) {
      const kind = ts.SyntaxKind[st.kind].replace(/Declaration$/, "").toLowerCase()
      check(st.name.text, kind, docOf(st))
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause) && !st.moduleSpecifier) {
      for (const el of st.exportClause.elements) {
        const own = docOf(el)
        check(el.name.text, "export {}", own ?? (st.exportClause.elements.length === 1 ? docOf(st) : undefined))
      }
    }
  }
  for (const [name, { doc }] of seenFns) check(name, "function", doc)
}

// ---- README.md
{
  const text = fs.readFileSync(path.join(root, "README.md"), "utf8")
  for (const b of blocks(text)) {
    const line = lineOf(text, b.index)
    const heading = text.slice(0, b.index).match(/^#+ (.*)$/gm)?.pop()?.replace(/^#+ /, "") ?? "top"
    const slug = heading.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")
    const file = uniqueName(`README.${slug}`) + ".ts"
    snippets.push({ file, source: "README.md", line, code: b.code })
  }
}

// ---- write
for (const s of snippets) {
  const stub = STUBS[s.file]
  let code = s.code
  if (stub) {
    // keep a shebang / triple-slash directives first
    const head = code.match(/^(#![^\n]*\n)?((?:\/\/\/[^\n]*\n)*)((?:import[^\n]*\n)*)/)
    const prefix = head ? head[0] : ""
    code = prefix + "// --- stub (doc-check) ---\n" + stub + "\n// ---\n" + code.slice(prefix.length)
    s.stubbed = true
  }
  // a snippet without import/export is still a module (package type: module + NodeNext)
  const bang = code.match(/^#![^\n]*\n/)?.[0] ?? ""
  fs.writeFileSync(path.join(out, s.file), bang + `// ${s.source}:${s.line}\n` + code.slice(bang.length))
}
// resolve effect-copas as an installed package would (node_modules), not by self-reference:
// `/// <reference types="effect-copas/global" />` is resolved through node_modules only
fs.mkdirSync(path.join(out, "node_modules"))
fs.symlinkSync("../..", path.join(out, "node_modules", "effect-copas"))
fs.writeFileSync(path.join(out, "tsconfig.json"), JSON.stringify({
  extends: "../tsconfig.json",
  compilerOptions: {
    // example code defines values it does not go on to use
    noUnusedLocals: process.env.UNUSED === "1",
    noUnusedParameters: process.env.UNUSED === "1",
    rootDir: ".."
  },
  include: ["*.ts"]
}, null, 2))
fs.writeFileSync(path.join(out, "index.json"), JSON.stringify(snippets.map(({ code, ...s }) => s), null, 2))

console.log(`${snippets.length} snippets (${snippets.filter((s) => s.source === "README.md").length} from README.md), ${snippets.filter((s) => s.stubbed).length} with stubs: ${snippets.filter((s) => s.stubbed).map((s) => s.file).join(", ") || "-"}`)
console.log(`${exportsSeen.length} public exports; ${missing.length} without JSDoc or @example`)
for (const x of missing) console.log(`  ${x.file}: ${x.kind} ${x.name}: ${x.problem}`)

if (!process.argv.includes("--no-tsc")) {
  let output = ""
  try {
    execFileSync(path.join(root, "node_modules/.bin/tsc"), ["--noEmit", "-p", path.join(out, "tsconfig.json"), "--pretty", "false"], { encoding: "utf8", cwd: root })
  } catch (e) {
    output = (e.stdout ?? "") + (e.stderr ?? "")
  }
  const errs = output.split("\n").filter((l) => /error TS/.test(l))
  const byFile = new Map()
  for (const l of errs) {
    const f = l.match(/^(?:doc-check\/)?([^(]+)\(/)?.[1] ?? "?"
    byFile.set(f, [...(byFile.get(f) ?? []), l])
  }
  console.log(`tsc: ${errs.length} errors in ${byFile.size} files`)
  for (const [f, ls] of byFile) {
    console.log(`- ${f}`)
    for (const l of ls) console.log(`    ${l.replace(/^[^)]*\)/, (p) => p.replace(/^.*\(/, "("))}`)
  }
  const other = output.split("\n").filter((l) => l.trim() && !/error TS/.test(l) && !/^\s/.test(l))
  if (other.length) console.log(other.join("\n"))
}

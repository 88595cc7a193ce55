/**
 * The published package (scripts/build.mjs): what a user installs must work where the
 * repository's TypeScript sources cannot. A consumer project with the package in its
 * node_modules (built into a temp dir, dependencies linked from this repository): plain `node`
 * runs a server and a client from the compiled modules, `tsc` type-checks a TypeScript consumer
 * against the declarations, and the package's `copas` command runs a script.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { killAll, root, run } from "./examples/support.js"

let app = ""
let pkg = ""

/** links `name` from this repository's node_modules into the consumer's */
const link = (name: string) => {
  const to = join(app, "node_modules", name)
  mkdirSync(dirname(to), { recursive: true })
  symlinkSync(join(root, "node_modules", name), to, "dir")
}

beforeAll(() => {
  app = mkdtempSync(join(tmpdir(), "effect-copas-consumer-"))
  pkg = join(app, "node_modules", "effect-copas")
  execFileSync(process.execPath, [join(root, "scripts", "build.mjs"), pkg], { cwd: root, stdio: "pipe" })
  for (const dep of ["effect", "@effect/platform", "@effect/platform-node", "esbuild", "@types/node"]) link(dep)
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }))
  // a line server and a client in plain JavaScript: sockets, a task, a lock, a timer
  writeFileSync(
    join(app, "main.mjs"),
    `import { Duration, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Future from "effect-copas/Future"
import * as Lock from "effect-copas/Lock"
import * as NodeCopas from "effect-copas/NodeCopas"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { TimeoutError } from "effect-copas/Errors"

const upper = (skt) => Effect.gen(function*() {
  const line = yield* Socket.receive(skt, "*l")
  yield* Socket.send(skt, line.toUpperCase() + "\\n")
})
const main = Effect.gen(function*() {
  const server = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, upper)
  const lock = yield* Lock.make()
  yield* Lock.get(lock)
  const busy = yield* Effect.flip(Lock.get(lock, 0).pipe(Effect.zipLeft(Lock.release(lock)), Future.addThread, Effect.flatMap(Future.get)))
  const skt = yield* Socket.tcp()
  yield* Socket.connect(skt, "127.0.0.1", server.port)
  yield* Socket.send(skt, "hello from node\\n")
  const reply = yield* Socket.receive(skt, "*l")
  yield* Socket.close(skt)
  const slept = yield* Copas.pause(5)
  yield* Server.removeServer(server)
  console.log(JSON.stringify({ reply, slept: Duration.toMillis(slept) >= 4, busy: busy instanceof TimeoutError }))
})
await Effect.runPromise(NodeCopas.run(main))
`
  )
  writeFileSync(
    join(app, "typed.ts"),
    `import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Queue from "effect-copas/Queue"
import type { DestroyedError, StoppingError, TimeoutError } from "effect-copas/Errors"
import { Lock } from "effect-copas"

const program: Effect.Effect<string, TimeoutError | DestroyedError | StoppingError, Copas.Copas> = Effect.gen(function*() {
  const q = yield* Queue.make<string>()
  yield* Queue.push(q, "item")
  const lock = yield* Lock.make()
  yield* Lock.withLock(Effect.void, lock)
  return yield* Queue.pop(q, "1 second")
})
// @ts-expect-error a queue of strings takes no numbers
export const wrong = Effect.flatMap(Queue.make<string>(), (q) => Queue.push(q, 1))
export const ran: Promise<void> = Effect.runPromise(Copas.run(program))
`
  )
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        exactOptionalPropertyTypes: true,
        types: ["node"],
        // as most projects have it; our declarations are checked when the package is built
        skipLibCheck: true,
        noEmit: true
      },
      files: ["typed.ts"]
    })
  )
  writeFileSync(join(app, "script.ts"), `const { Effect, Console, Copas } = copas\nexport default Effect.zipRight(Copas.sleep(1), Console.log("script ran: " + typeof Copas.addThread))\n`)
}, 120_000)

afterAll(() => {
  killAll()
  if (app !== "") rmSync(app, { recursive: true, force: true })
})

describe("the published package", () => {
  it("points every export at compiled JavaScript and declarations, and ships its sources and command", () => {
    const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"))
    const exports = Object.entries(manifest.exports as Record<string, unknown>)
    assert.isAbove(exports.length, 15)
    for (const [key, target] of exports) {
      if (target === null || typeof target === "string" || !("default" in (target as object))) continue
      const t = target as { types: string; default: string; source: string }
      assert.match(t.default, /^\.\/lib\/.*\.js$/, key)
      for (const file of [t.types, t.default, t.source]) assert.isTrue(existsSync(join(pkg, file)), `${key}: ${file}`)
    }
    assert.isUndefined(manifest.devDependencies)
    assert.isTrue(existsSync(join(pkg, "LICENSE")))
    // the source maps point at the package's own sources
    const map = JSON.parse(readFileSync(join(pkg, "lib", "internal", "scheduler.js.map"), "utf8"))
    assert.isTrue(existsSync(join(pkg, "lib", "internal", map.sources[0])), map.sources[0])
  })

  it("builds only into a new or empty folder, or over an earlier build: never empties another folder", async () => {
    const mine = join(app, "mine")
    mkdirSync(mine)
    writeFileSync(join(mine, "notes.txt"), "keep me")
    const r = await run({ file: process.execPath, args: [join(root, "scripts", "build.mjs"), mine], cwd: root }, { timeoutMs: 60_000 })
    assert.notStrictEqual(r.code, 0)
    assert.include(r.stderr, "not an earlier build")
    assert.strictEqual(readFileSync(join(mine, "notes.txt"), "utf8"), "keep me")
  })

  it("runs a server and a client under plain node (no TypeScript loader)", async () => {
    const r = await run({ file: process.execPath, args: ["main.mjs"], cwd: app }, { timeoutMs: 15_000 })
    assert.strictEqual(r.code, 0, r.stderr)
    assert.deepStrictEqual(JSON.parse(r.stdout.trim()), { reply: "HELLO FROM NODE", slept: true, busy: true })
  })

  it("type-checks a TypeScript consumer against its declarations (NodeNext, strict)", async () => {
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc")
    const r = await run({ file: process.execPath, args: [tsc, "-p", "tsconfig.json"], cwd: app }, { timeoutMs: 60_000 })
    assert.strictEqual(r.code, 0, r.stdout + r.stderr)
  })

  it("runs a script with its copas command", async () => {
    const bin = join(pkg, "bin", "copas.mjs")
    const r = await run({ file: process.execPath, args: [bin, "script.ts"], cwd: app, env: { EFFECT_COPAS_CACHE: join(app, "cache") } }, { timeoutMs: 60_000 })
    assert.strictEqual(r.code, 0, r.stderr)
    assert.strictEqual(r.stdout.trim(), "script ran: function")
  })
})

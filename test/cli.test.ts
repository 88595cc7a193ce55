/**
 * The `copas` command (bin/copas.mjs + src/internal/cli.ts), run as a user runs it: child
 * processes, bounded in time, killed at the end.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { spawnSync } from "node:child_process"
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import * as net from "node:net"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { type Command, copasArgs, copasBin, killAll, root, run, start } from "./examples/support.js"

let dir = ""
/** a file in the temp dir */
const f = (name: string) => join(dir, name)
const write = (name: string, text: string) => {
  writeFileSync(f(name), text)
  return f(name)
}
/** `copas ...args` run in the temp dir */
const copasIn = (...args: Array<string>): Command => ({ ...copasArgs(...args), cwd: dir })

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "copas-cli-"))
  write(
    "args.ts",
    `const { Effect, Console, Copas } = copas
const n: number = 1 // TypeScript
export default (args: ReadonlyArray<string>) => Effect.gen(function*() {
  yield* Copas.sleep(n)
  yield* Console.log("args " + JSON.stringify(args) + " argv " + JSON.stringify(process.argv.slice(2)) + " task " + (yield* Copas.getThreadName()))
})
`
  )
  write("effect.ts", `import { Console } from "effect"\nexport default Console.log("default export is an Effect")\n`)
  write("plain.mjs", `console.log("mjs", typeof copas.Copas.sleep)\n`)
  write("plain.js", `export default copas.Console.log("js default")\n`)
  write(
    "shared.ts",
    `import * as Copas from "effect-copas/Copas"
import { Lock } from "effect-copas"
import { helper } from "./lib/helper.js"
console.log("same library", Copas.Copas === copas.Copas.Copas, Copas.sleep === copas.Copas.sleep, Lock === copas.Lock, helper())
`
  )
  mkdirSync(f("lib"))
  write("lib/helper.ts", `export const helper = (): string => "helper.ts via .js"\n`)
  write(
    "work.ts",
    `const { Effect, Console, Copas } = copas
export default Effect.gen(function*() {
  yield* Copas.addThread(Effect.zipRight(Copas.sleep(150), Console.log("task done")))
  yield* Console.log("initializer done")
})
`
  )
  write(
    "fail.ts",
    `import { Effect } from "effect"
export default Effect.gen(function*() {
  yield* Effect.sleep(1)
  return yield* Effect.fail(new Error("kaboom"))
})
`
  )
  write(
    "taskfail.ts",
    `const { Effect, Console, Copas } = copas
export default Effect.gen(function*() {
  yield* Copas.addNamedThread("bad", Effect.fail(new Error("oops in task")))
  yield* Copas.sleep(30)
  yield* Console.log("still running")
})
`
  )
  write("reject.ts", `copas.run(copas.Effect.fail(new Error("nobody awaited me")))\n`)
  write("syntax.ts", `const x: number = \nconst y = ;\n`)
  write("syntax.mjs", `const x = 1\nconst y = ;\n`)
  write("imports-syntax.mjs", `import "./syntax.mjs"\n`)
  write(
    "server.ts",
    `import { Console, Effect } from "effect"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
const handler = (sock: Socket.CopasSocket) => Effect.gen(function*() {
  yield* Console.log("connected")
  yield* Socket.receive(sock)
}).pipe(Effect.onInterrupt(() => Effect.zipRight(Socket.send(sock, "bye\\n"), Console.log("handler interrupted"))))
export default Effect.gen(function*() {
  const server = yield* Server.addServer({ port: 0 }, handler)
  yield* Copas_addThread(Effect.zipRight(Copas_pauseForever, Console.log("never")).pipe(
    Effect.ensuring(Console.log("task finalizer ran"))))
  yield* Console.log("port " + server.port)
})
const Copas_addThread = copas.Copas.addThread
const Copas_pauseForever = copas.Copas.pauseForever
`
  )
  write("data.json", `{ "answer": 42 }\n`)
  write("json.ts", `import data from "./data.json" with { type: "json" }\nconst a: number = data.answer\nconsole.log("json", a)\n`)
  write("-dash.ts", `console.log("a script named -dash.ts")\n`)
  write("shebang.ts", `#!/usr/bin/env copas\nexport default copas.Console.log("shebang " + process.argv.slice(2).join(","))\n`)
  write("shebang-noext", `#!/usr/bin/env copas\nconst n: number = 2\nconsole.log("no extension", n)\n`)
  chmodSync(f("shebang.ts"), 0o755)
  chmodSync(f("shebang-noext"), 0o755)
  mkdirSync(f("bin"))
  symlinkSync(copasBin, f("bin/copas"))
})

afterAll(() => {
  killAll()
  rmSync(dir, { recursive: true, force: true })
})

describe.concurrent("copas command: scripts", () => {
  it("runs a TypeScript script's default export (args) => Effect as the initializer task, with its args", async () => {
    const r = await run(copasIn("args.ts", "a", "b c"))
    assert.strictEqual(r.code, 0, r.stderr)
    assert.strictEqual(r.stdout, `args ["a","b c"] argv ["a","b c"] task copas_initializer\n`)
  })

  it("runs a default export that is an Effect; .mjs and .js scripts; the global needs no import", async () => {
    const [a, b, c] = await Promise.all([run(copasIn("effect.ts")), run(copasIn("plain.mjs")), run(copasIn("plain.js"))])
    assert.strictEqual(a.stdout, "default export is an Effect\n", a.stderr)
    assert.strictEqual(b.stdout, "mjs function\n", b.stderr)
    assert.strictEqual(c.stdout, "js default\n", c.stderr)
    assert.deepStrictEqual([a.code, b.code, c.code], [0, 0, 0])
  })

  it("a default export that is a Promise is awaited; one that cannot run (a number, an object) is an error, exit 1", async () => {
    write("number.mjs", `export default 42\n`)
    write("object.ts", `export default { run: () => 1 }\n`)
    // the next step runs once the Promise has settled
    const promise = copasIn("-e", `export default new Promise((r) => setTimeout(r, 30)).then(() => console.log("first"))`, "-e", `console.log("second")`)
    const [p, n, o] = await Promise.all([run(promise), run(copasIn("number.mjs")), run(copasIn("object.ts"))])
    assert.deepStrictEqual([p.code, p.stdout], [0, "first\nsecond\n"], p.stderr)
    assert.strictEqual(n.code, 1)
    assert.include(n.stderr, `the default export of ${f("number.mjs")} is neither an Effect nor a function (got number 42)`)
    assert.strictEqual(o.code, 1)
    assert.include(o.stderr, "is neither an Effect nor a function (got an object)")
  })

  it("effect-copas imports are the command's library (one dispatcher); ./x.js finds x.ts", async () => {
    const r = await run(copasIn("shared.ts"))
    assert.strictEqual(r.code, 0, r.stderr)
    assert.strictEqual(r.stdout, "same library true true true helper.ts via .js\n")
  })

  it("runs until all work is done: a task the initializer started finishes first", async () => {
    const r = await run(copasIn("work.ts"))
    assert.strictEqual(r.code, 0, r.stderr)
    assert.strictEqual(r.stdout, "initializer done\ntask done\n")
    assert.isAtLeast(r.ms, 150)
  })

  it("an error in the initializer: Copas's trace on stderr (Effect's cause, the script's line), exit 1", async () => {
    const r = await run(copasIn("fail.ts"))
    assert.strictEqual(r.code, 1)
    assert.strictEqual(r.stdout, "")
    const lines = r.stderr.split("\n")
    assert.strictEqual(lines[0], "kaboom (coroutine: copas_initializer, socket: nil)")
    assert.strictEqual(lines[1], "Error: kaboom")
    assert.match(r.stderr, /fail\.ts:4:\d+/)
    assert.notMatch(r.stderr, /node:internal/)
  })

  it("an error in another task goes to the error handler and does not change the exit code", async () => {
    const r = await run(copasIn("taskfail.ts"))
    assert.strictEqual(r.code, 0, r.stderr)
    assert.strictEqual(r.stdout, "still running\n")
    assert.match(r.stderr, /^oops in task \(coroutine: bad, socket: nil\)\nError: oops in task/)
  })

  it("a copas.run nobody awaited that fails is a failure of the script: exit 1", async () => {
    const r = await run(copasIn("reject.ts"))
    assert.strictEqual(r.code, 1)
    assert.match(r.stderr, /^nobody awaited me \(coroutine: copas_initializer, socket: nil\)/)
  })

  it("a syntax error names the file, line and column; exit 1", async () => {
    const r = await run(copasIn("syntax.ts"))
    assert.strictEqual(r.code, 1)
    assert.match(r.stderr, /syntax\.ts:2:\d+/)
  })

  it("a syntax error in JavaScript (the script or a file it imports) names the file, line and column; exit 1", async () => {
    const [a, b] = await Promise.all([run(copasIn("syntax.mjs")), run(copasIn("imports-syntax.mjs"))])
    for (const r of [a, b]) {
      assert.strictEqual(r.code, 1)
      assert.match(r.stderr, /^Unexpected token ';' \(.*syntax\.mjs:2:11\) \(coroutine: copas_initializer, socket: nil\)\n/)
    }
  })

  it("a script that does not exist: exit 1", async () => {
    const r = await run(copasIn("nope.ts"))
    assert.strictEqual(r.code, 1)
    assert.strictEqual(r.stderr, "copas: cannot open nope.ts: no such file\n")
  })

  it("a directory given as the script: a clear message (not the loader's), exit 1", async () => {
    const r = await run(copasIn("lib"))
    assert.strictEqual(r.code, 1)
    assert.strictEqual(r.stderr, "copas: cannot open lib: is a directory\n")
  })

  it("a TypeScript script imports JSON with an import attribute (kept by the compiler)", async () => {
    const r = await run(copasIn("json.ts"))
    assert.strictEqual(r.code, 0, r.stderr)
    assert.strictEqual(r.stdout, "json 42\n")
  })
})

describe.concurrent("copas command: options", () => {
  it("-e runs code (TypeScript, top-level await of copas.run), its default export too", async () => {
    const r = await run(copasIn(
      "-e",
      `const n: number = 42; await copas.run(copas.Copas.sleep(10)); console.log("slept", n); export default copas.Console.log("default")`
    ))
    assert.strictEqual(r.code, 0, r.stderr)
    assert.strictEqual(r.stdout, "slept 42\ndefault\n")
  })

  it("-e '' does nothing and exits 0; several -e run in order", async () => {
    const [a, b] = await Promise.all([
      run(copasIn("-e", "")),
      run(copasIn("-e", "console.log(1)", "-e", "console.log(2)"))
    ])
    assert.deepStrictEqual([a.code, a.stdout, a.stderr], [0, "", ""])
    assert.deepStrictEqual([b.code, b.stdout], [0, "1\n2\n"])
  })

  it("an exit code the script sets with process.exitCode is kept", async () => {
    const [a, b] = await Promise.all([
      run(copasIn("-e", "process.exitCode = 3")),
      run(copasIn("-e", "export default copas.Effect.sync(() => { process.exitCode = 4 })"))
    ])
    assert.deepStrictEqual([a.code, a.stderr], [3, ""])
    assert.deepStrictEqual([b.code, b.stderr], [4, ""])
  })

  it("-e code that throws: trace and exit 1", async () => {
    const r = await run(copasIn("-e", `throw new Error("top")`))
    assert.strictEqual(r.code, 1)
    assert.match(r.stderr, /^top \(coroutine: copas_initializer, socket: nil\)\nError: top/)
  })

  it("-l imports a module into a global (named after it, or -l name=module)", async () => {
    const r = await run(copasIn(
      "-l", "node:path", "-l", "u=node:util", "-l", "effect/Duration",
      "-e", `console.log(typeof path.join, typeof u.format, Duration.toMillis(Duration.seconds(2)))`
    ))
    assert.strictEqual(r.code, 0, r.stderr)
    assert.strictEqual(r.stdout, "function function 2000\n")
  })

  it("-l of a module that does not exist: exit 1", async () => {
    const r = await run(copasIn("-l", "no-such-module-xyz", "-e", ""))
    assert.strictEqual(r.code, 1)
    assert.match(r.stderr, /no-such-module-xyz/)
  })

  it("-v prints the version, the copyright and Node's version", async () => {
    const r = await run(copasIn("-v"))
    assert.strictEqual(r.code, 0, r.stderr)
    const lines = r.stdout.trim().split("\n")
    assert.match(lines[0]!, /^effect-copas \d+\.\d+\.\d+ .*Copyright/)
    assert.match(lines[1]!, /Coroutine Oriented Portable Asynchronous Services/)
    assert.strictEqual(lines[2], `Node.js ${process.version}`)
  })

  it("- runs stdin (with the arguments after it); no arguments at all also reads stdin", async () => {
    const [a, b] = await Promise.all([
      run(copasIn("-", "x", "y"), { input: `console.log("stdin", JSON.stringify(process.argv.slice(2)))` }),
      run(copasIn(), { input: `export default copas.Console.log("from stdin")` })
    ])
    assert.strictEqual(a.stdout, `stdin ["x","y"]\n`, a.stderr)
    assert.strictEqual(b.stdout, "from stdin\n", b.stderr)
    assert.deepStrictEqual([a.code, b.code], [0, 0])
  })

  it("-- ends the options: the script after it runs, even if its name starts with -", async () => {
    const [a, b] = await Promise.all([run(copasIn("--", "-dash.ts")), run(copasIn("--", "args.ts", "-v"))])
    assert.strictEqual(a.stdout, "a script named -dash.ts\n", a.stderr)
    assert.match(b.stdout, /^args \["-v"\]/, b.stderr)
    assert.deepStrictEqual([a.code, b.code], [0, 0])
  })

  it("an unknown option or a missing argument: usage on stderr, exit 1", async () => {
    const [a, b, c] = await Promise.all([run(copasIn("-x")), run(copasIn("-e")), run(copasIn("-l"))])
    for (const r of [a, b, c]) {
      assert.strictEqual(r.code, 1)
      assert.strictEqual(r.stdout, "")
      assert.include(r.stderr, "usage: copas [options]... [script [args]...]")
    }
    assert.match(a.stderr, /^copas: unrecognized option '-x'/)
  })

  it("-h prints the usage on stdout, exit 0", async () => {
    const r = await run(copasIn("-h"))
    assert.strictEqual(r.code, 0)
    assert.include(r.stdout, "usage: copas")
  })
})

describe("copas command: shebang", () => {
  it("#!/usr/bin/env copas scripts run as ./script when copas is on the PATH", async () => {
    const env = { PATH: `${f("bin")}:${process.env.PATH}` }
    const [a, b] = await Promise.all([
      run({ file: f("shebang.ts"), args: ["1", "2"], cwd: dir, env }),
      run({ file: f("shebang-noext"), args: [], cwd: dir, env })
    ])
    assert.strictEqual(a.stdout, "shebang 1,2\n", a.stderr)
    assert.strictEqual(b.stdout, "no extension 2\n", b.stderr)
    assert.deepStrictEqual([a.code, b.code], [0, 0])
  })
})

describe("copas command: signals", () => {
  const connectAndStop = async (signal: NodeJS.Signals) => {
    const p = start(copasIn("server.ts"))
    const port = Number((await p.waitFor(/port (\d+)/))[1])
    const sock = net.connect({ host: "127.0.0.1", port })
    sock.setEncoding("utf8")
    let got = ""
    sock.on("data", (d: string) => (got += d))
    sock.on("error", () => {})
    const closed = new Promise<void>((r) => sock.on("close", () => r()))
    await p.waitFor(/connected/)
    p.kill(signal)
    const r = await p.exit
    await closed
    return { r, got }
  }

  it("SIGINT: handlers interrupted (their finalizers still talk to the client), tasks' finalizers run, exit 130", async () => {
    const { got, r } = await connectAndStop("SIGINT")
    assert.strictEqual(r.code, 130, r.stderr)
    assert.strictEqual(got, "bye\n")
    assert.include(r.stdout, "handler interrupted\n")
    assert.include(r.stdout, "task finalizer ran\n")
    assert.notInclude(r.stdout, "never")
    assert.strictEqual(r.stderr, "")
  })

  it("SIGTERM: the same, exit 143", async () => {
    const { got, r } = await connectAndStop("SIGTERM")
    assert.strictEqual(r.code, 143, r.stderr)
    assert.strictEqual(got, "bye\n")
    assert.include(r.stdout, "task finalizer ran\n")
  })
})

describe("copas command: the compiled library cache", () => {
  it("a clean cache is built once, also by concurrent processes, then reused", async () => {
    const cache = join(dir, "cache")
    const cmd = (i: number): Command => ({ ...copasIn("-e", `console.log("run ${i}")`), env: { EFFECT_COPAS_CACHE: cache } })
    const runs = await Promise.all([0, 1, 2].map((i) => run(cmd(i), { timeoutMs: 30_000 })))
    runs.forEach((r, i) => {
      assert.strictEqual(r.code, 0, r.stderr)
      assert.strictEqual(r.stdout, `run ${i}\n`)
    })
    const built = readdirSync(cache)
    assert.strictEqual(built.length, 1, built.join(", ")) // no leftovers of the builds that lost the race
    const again = await run(cmd(3))
    assert.strictEqual(again.stdout, "run 3\n", again.stderr)
    assert.deepStrictEqual(readdirSync(cache), built)
  })

  it("a lock left by a builder that died (Ctrl-C during a first run) does not hold the next run for 20 s", async () => {
    const first = join(dir, "cache-lock-a")
    const r0 = await run({ ...copasIn("-e", ""), env: { EFFECT_COPAS_CACHE: first } }, { timeoutMs: 30_000 })
    assert.strictEqual(r0.code, 0, r0.stderr)
    const [name] = readdirSync(first)
    // the lock of a build whose process is gone
    const cache = join(dir, "cache-lock-b")
    mkdirSync(join(cache, `${name}.lock`), { recursive: true })
    writeFileSync(join(cache, `${name}.lock`, "pid"), String(spawnSync("true").pid))
    const r = await run({ ...copasIn("-e", `console.log("built")`), env: { EFFECT_COPAS_CACHE: cache } }, { timeoutMs: 10_000 })
    assert.strictEqual(r.code, 0, r.stderr)
    assert.strictEqual(r.stdout, "built\n")
  })

  it("a dependency that moved (pnpm's paths hold the version: an upgrade of effect) makes a new build", async () => {
    // a copy of the package whose `effect` is a link into a versioned directory, as pnpm installs it
    const pkg = join(dir, "pkg-moved")
    mkdirSync(join(pkg, "bin"), { recursive: true })
    for (const file of ["copas.mjs", "hooks.mjs"]) cpSync(join(root, "bin", file), join(pkg, "bin", file))
    cpSync(join(root, "package.json"), join(pkg, "package.json"))
    symlinkSync(join(root, "src"), join(pkg, "src"), "dir")
    for (const dep of ["esbuild", "@effect/platform", "@effect/platform-node"]) {
      mkdirSync(dirname(join(pkg, "node_modules", dep)), { recursive: true })
      symlinkSync(join(root, "node_modules", dep), join(pkg, "node_modules", dep), "dir")
    }
    const real = join(root, "node_modules", "effect")
    const v1 = join(pkg, "node_modules", ".v1", "effect")
    cpSync(join(real, "package.json"), join(v1, "package.json"))
    cpSync(join(real, "dist", "esm"), join(v1, "dist", "esm"), { recursive: true })
    symlinkSync(v1, join(pkg, "node_modules", "effect"), "dir")
    const cmd: Command = {
      file: process.execPath,
      args: [join(pkg, "bin", "copas.mjs"), "-e", `export default copas.Console.log("ran")`],
      cwd: dir,
      env: { EFFECT_COPAS_CACHE: join(dir, "cache-moved") }
    }
    const before = await run(cmd, { timeoutMs: 30_000 })
    assert.deepStrictEqual([before.code, before.stdout], [0, "ran\n"], before.stderr)
    // the upgrade: the old version's directory is gone, `effect` links to the new one
    renameSync(join(pkg, "node_modules", ".v1"), join(pkg, "node_modules", ".v2"))
    rmSync(join(pkg, "node_modules", "effect"))
    symlinkSync(join(pkg, "node_modules", ".v2", "effect"), join(pkg, "node_modules", "effect"), "dir")
    const after = await run(cmd, { timeoutMs: 30_000 })
    assert.deepStrictEqual([after.code, after.stdout], [0, "ran\n"], after.stderr)
  })

  it.skipIf(process.platform !== "linux")("a cache directory it cannot write in: a clear message, exit 1", async () => {
    // the directory exists but its lock cannot be made (as on a read-only file system): here the
    // lock's path is longer than PATH_MAX (4096 on Linux), which any user can arrange
    let cache = join(dir, "ro")
    while (cache.length < 4090) cache = join(cache, "d".repeat(Math.min(200, 4089 - cache.length)))
    mkdirSync(cache, { recursive: true })
    const r = await run({ ...copasIn("-e", ""), env: { EFFECT_COPAS_CACHE: cache } })
    assert.strictEqual(r.code, 1)
    assert.match(r.stderr, /^copas: cannot write in the cache directory .* \(ENAMETOOLONG\); set EFFECT_COPAS_CACHE\n$/)
  })
})

// keep `root` referenced for readers: scripts given by relative path resolve from the cwd
void root

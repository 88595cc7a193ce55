/**
 * Child processes for the tests of the `copas` command and of the examples: run a command to its
 * end (`run`), or start it and talk to it while it runs (`start`: wait for output lines, send
 * signals). Every child is bounded in time and killed by `killAll()` (call it in `afterEach`).
 *
 * @example
 * ```ts
 * const r = await run(copasArgs("-e", "console.log(1)"))
 * const p = start(copasArgs("examples/udp-server.ts", "0"))
 * const [, port] = await p.waitFor(/port (\d+)/)
 * p.kill("SIGINT")
 * const { code } = await p.exit
 * ```
 */
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

/** The repository's root directory. */
export const root = fileURLToPath(new URL("../../", import.meta.url))
/** The `copas` command of this repository. */
export const copasBin = fileURLToPath(new URL("../../bin/copas.mjs", import.meta.url))

/** A command: program, arguments, and spawn options. */
export interface Command {
  readonly file: string
  readonly args: ReadonlyArray<string>
  readonly cwd?: string
  readonly env?: NodeJS.ProcessEnv
}

/** `node bin/copas.mjs ...args`, in the repository's root. */
export const copasArgs = (...args: ReadonlyArray<string>): Command => ({
  file: process.execPath,
  args: [copasBin, ...args],
  cwd: root
})

/** `node --import tsx examples/<name> ...args` (as `npx tsx examples/<name>`). */
export const tsxArgs = (name: string, ...args: ReadonlyArray<string>): Command => ({
  file: process.execPath,
  args: ["--import", "tsx", `examples/${name}`, ...args],
  cwd: root
})

export interface Finished {
  /** the exit code (null when killed by a signal) */
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly ms: number
}

export interface Running {
  readonly child: ChildProcess
  /** everything written so far */
  readonly stdout: () => string
  readonly stderr: () => string
  /** resolves with the match once stdout (by default) matches `re`; rejects after `timeoutMs` or at exit */
  readonly waitFor: (re: RegExp, options?: { timeoutMs?: number; stream?: "stdout" | "stderr" }) => Promise<RegExpMatchArray>
  readonly kill: (signal?: NodeJS.Signals) => void
  /** resolves when the child has exited */
  readonly exit: Promise<Finished>
}

const children = new Set<ChildProcess>()

/** Kills every child still running (SIGKILL). */
export const killAll = (): void => {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL")
  }
  children.clear()
}

/** Starts `cmd`; it is killed with SIGKILL after `timeoutMs` at the latest. */
export const start = (cmd: Command, options: { timeoutMs?: number; input?: string } = {}): Running => {
  const t0 = performance.now()
  const child = spawn(cmd.file, cmd.args as Array<string>, {
    cwd: cmd.cwd ?? root,
    env: { ...process.env, NODE_NO_WARNINGS: "1", ...cmd.env },
    stdio: ["pipe", "pipe", "pipe"]
  })
  children.add(child)
  let out = ""
  let err = ""
  const listeners = new Set<() => void>()
  const changed = () => {
    for (const l of [...listeners]) l()
  }
  child.stdout!.setEncoding("utf8").on("data", (s: string) => {
    out += s
    changed()
  })
  child.stderr!.setEncoding("utf8").on("data", (s: string) => {
    err += s
    changed()
  })
  child.stdin!.on("error", () => {})
  if (options.input !== undefined) child.stdin!.end(options.input)
  else child.stdin!.end()
  const killer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 15_000)
  let exited = false
  const exit = new Promise<Finished>((resolve) => {
    child.on("close", (code, signal) => {
      exited = true
      clearTimeout(killer)
      children.delete(child)
      changed()
      resolve({ code, signal, stdout: out, stderr: err, ms: performance.now() - t0 })
    })
  })
  const waitFor: Running["waitFor"] = (re, o = {}) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const m = (o.stream === "stderr" ? err : out).match(re)
        if (m !== null) {
          done()
          resolve(m)
        } else if (exited) {
          done()
          reject(new Error(`exited before ${re} appeared\nstdout: ${out}\nstderr: ${err}`))
        }
      }
      const timer = setTimeout(() => {
        done()
        reject(new Error(`timed out waiting for ${re}\nstdout: ${out}\nstderr: ${err}`))
      }, o.timeoutMs ?? 10_000)
      const done = () => {
        clearTimeout(timer)
        listeners.delete(check)
      }
      listeners.add(check)
      check()
    })
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor,
    kill: (signal = "SIGTERM") => {
      child.kill(signal)
    },
    exit
  }
}

/** Runs `cmd` to its end (killed after `timeoutMs`). */
export const run = (cmd: Command, options: { timeoutMs?: number; input?: string } = {}): Promise<Finished> =>
  start(cmd, options).exit

/** A TCP client of a line protocol, for the tests: what it receives, and waits on it. */
export interface LineClient {
  readonly sock: import("node:net").Socket
  /** every complete line received so far */
  readonly received: () => Array<string>
  /** resolves with the first `n` lines once they are there (rejects after 5 s) */
  readonly lines: (n: number) => Promise<Array<string>>
  /** resolves once some received line equals `line` (rejects after 5 s) */
  readonly expect: (line: string) => Promise<void>
  /** resolves when the connection is closed */
  readonly closed: Promise<void>
}

/** Connects to 127.0.0.1:`port`. */
export const lineClient = async (port: number): Promise<LineClient> => {
  const net = await import("node:net")
  const sock = net.connect({ host: "127.0.0.1", port })
  sock.setEncoding("utf8")
  let text = ""
  const waiters = new Set<() => void>()
  sock.on("data", (d: string) => {
    text += d
    for (const w of [...waiters]) w()
  })
  sock.on("error", () => {})
  const closed = new Promise<void>((r) => sock.on("close", () => r()))
  const received = () => text.split("\n").slice(0, -1)
  const until = <A>(get: () => A | undefined, what: string) =>
    new Promise<A>((resolve, reject) => {
      const check = () => {
        const a = get()
        if (a === undefined) return
        clearTimeout(t)
        waiters.delete(check)
        resolve(a)
      }
      const t = setTimeout(() => {
        waiters.delete(check)
        reject(new Error(`${what}: not received; got ${JSON.stringify(text)}`))
      }, 5000)
      waiters.add(check)
      check()
    })
  await new Promise<void>((resolve, reject) => {
    sock.once("connect", () => resolve())
    sock.once("error", reject)
  })
  return {
    sock,
    received,
    closed,
    lines: (n) => until(() => (received().length >= n ? received().slice(0, n) : undefined), `${n} lines`),
    expect: (line) => until(() => (received().includes(line) ? true : undefined), JSON.stringify(line)).then(() => {})
  }
}

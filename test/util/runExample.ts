/**
 * Runs `examples/<name>` in a child Node process with tsx (as `npx tsx examples/<name>` does) and
 * returns its exit code and output. Bounded by `timeoutMs`.
 *
 * @example
 * ```ts
 * const { code, stdout } = await runExample("http-requests.ts")
 * ```
 */
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../", import.meta.url))

export interface ExampleRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  readonly ms: number
}

export const runExample = (name: string, timeoutMs = 15_000): Promise<ExampleRun> =>
  new Promise((resolve) => {
    const t0 = performance.now()
    execFile(
      process.execPath,
      ["--import", "tsx", `examples/${name}`],
      { cwd: root, timeout: timeoutMs, env: { ...process.env, NODE_NO_WARNINGS: "1" } },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === "number" ? err.code : 1
        resolve({ code, stdout, stderr, ms: performance.now() - t0 })
      }
    )
  })

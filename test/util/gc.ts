/**
 * Forced garbage collection for leak tests: whether something the library no longer needs can be
 * collected (a `WeakRef` to it is cleared), instead of heap sizes that depend on timing.
 */
import { Effect } from "effect"
import * as v8 from "node:v8"
import * as vm from "node:vm"

let gcFn: (() => void) | undefined

const getGc = (): () => void => {
  if (gcFn !== undefined) return gcFn
  const g = (globalThis as { gc?: () => void }).gc
  if (typeof g === "function") return gcFn = g
  // vitest runs without --expose-gc: switch it on and take `gc` from a fresh context
  v8.setFlagsFromString("--expose-gc")
  return gcFn = vm.runInNewContext("gc") as () => void
}

/**
 * Whether every referent of `refs` has been collected, after full collections. It waits for a
 * macrotask first: a `WeakRef` keeps its target alive until the end of the job that made or read
 * it.
 */
export const collected = (refs: ReadonlyArray<WeakRef<object>>): Effect.Effect<boolean> =>
  Effect.promise(async () => {
    const gc = getGc()
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0))
      gc()
      gc()
      if (refs.every((r) => r.deref() === undefined)) return true
    }
    return false
  })

/** How many of `refs` still have their target, after full collections (see {@link collected}). */
export const alive = (refs: ReadonlyArray<WeakRef<object>>): Effect.Effect<number> =>
  Effect.map(collected(refs), () => refs.filter((r) => r.deref() !== undefined).length)

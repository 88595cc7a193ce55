import { readFileSync } from "node:fs"
const t0 = performance.now()
for (const d of ["effect","@effect/platform","@effect/platform-node","esbuild"]) import.meta.resolve(d)
const t1 = performance.now()
for (const d of ["effect","@effect/platform","@effect/platform-node","esbuild"]) import.meta.resolve(d)
console.log((t1-t0).toFixed(2), (performance.now()-t1).toFixed(2))

import { defineConfig } from "vitest/config"
// scratchpad only: runs scratchpad/u-*.test.ts
export default defineConfig({ test: { include: ["scratchpad/u-*.test.ts"], environment: "node", testTimeout: 20_000 } })

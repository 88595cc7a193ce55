import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    // vitest's default is one worker less than the cores: a single worker on this 2-core machine.
    // Two halve the suite's time (111 s -> 64 s); the live-clock tests keep margins for it.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } }
  }
})

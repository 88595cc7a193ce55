import { Effect, RuntimeFlags } from "effect"
await Effect.runPromise(Effect.withFiberRuntime((f: any, st: any) => { console.log(st, f.currentRuntimeFlags, RuntimeFlags.RuntimeMetrics); return Effect.void }))

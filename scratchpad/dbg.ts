import { Effect, Supervisor } from "effect"
await Effect.runPromise(Effect.withFiberRuntime((f: any) => { console.log(f.currentSupervisor === Supervisor.none, f.currentSupervisor?.constructor?.name, typeof f.constructor.prototype.resume); return Effect.void }))

// shared helpers for the u-io-* trial programs
import { Cause, Effect, Exit, Layer } from "effect"
import * as Copas from "effect-copas/Copas"
import * as MemorySockets from "effect-copas/MemorySockets"
import * as NodeSockets from "effect-copas/NodeSockets"

export const show = (e: Exit.Exit<unknown, unknown>): string => {
  if (Exit.isSuccess(e)) return `ok ${JSON.stringify(e.value)?.slice(0, 120)}`
  const f = Cause.failureOption(e.cause)
  if (f._tag === "Some") {
    const err = f.value as Record<string, unknown>
    const fields = Object.entries(err).filter(([k]) => k !== "stack").map(([k, v]) =>
      `${k}=${v instanceof Uint8Array ? `bytes(${v.length})` : JSON.stringify(v)?.slice(0, 60)}`
    ).join(" ")
    return `FAIL ${String(err._tag)} ${fields}`
  }
  if (Cause.isInterruptedOnly(e.cause)) return "INTERRUPTED"
  return `DIE ${Cause.pretty(e.cause).split("\n")[0]}`
}

export const probe = <A, E, R>(label: string, eff: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const t0 = Date.now()
    const e = yield* Effect.exit(eff)
    console.log(`  ${label.padEnd(58)} -> ${show(e)}  (${Date.now() - t0} ms)`)
    return e
  })

export const targets = [
  { name: "node", layer: NodeSockets.layer },
  { name: "memory", layer: MemorySockets.layer }
] as const

export const runOn = <A, E, R>(layer: Layer.Layer<any>, init: Effect.Effect<A, E, R>) =>
  Copas.loop(init).pipe(Effect.provide(Layer.merge(Copas.layer, layer))) as Effect.Effect<void>

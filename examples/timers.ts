/**
 * Tasks and sleeps: three tasks print in the order their sleeps end, then the loop exits by itself
 * because no work is left.
 *
 *   npx tsx examples/timers.ts
 *   copas examples/timers.ts     (also works: the script runs its own dispatcher with Copas.run)
 */
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"

const say = (name: string, ms: number) =>
  Effect.gen(function*() {
    const slept = yield* Copas.sleep(ms)
    yield* Console.log(`${name} woke after ${Math.round(ms)} ms (slept ${slept.toString()})`)
  })

const main = Copas.run(Effect.gen(function*() {
  yield* Copas.addNamedThread("slow", say("slow", 300))
  yield* Copas.addNamedThread("fast", say("fast", 100))
  yield* Copas.addNamedThread("medium", say("medium", 200))
  yield* Console.log("tasks added; the loop runs until they are done")
}))

Effect.runPromise(main).then(() => console.log("loop finished"))

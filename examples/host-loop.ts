/**
 * Controlling Copas from your own loop (the guide's "Controlling Copas"): with
 * `Copas.layerControlled` nothing runs by itself; the host calls `Copas.step()` on each turn of its
 * loop (a task round: due timers fire and ready tasks run) and handles its own events between
 * steps. It sets the `running` flag itself, as Copas's documentation advises.
 *
 *   npx tsx examples/host-loop.ts
 *
 * The Lua original:
 *   copas.running = true
 *   while condition do
 *     copas.step()
 *     -- processing for other events from your system here
 *   end
 *   copas.running = false
 */
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"

/** A task that does a little work, with sleeps between. */
const worker = (name: string, times: number, ms: number) =>
  Effect.gen(function*() {
    for (let i = 1; i <= times; i++) {
      yield* Copas.sleep(ms)
      yield* Console.log(`${name}: tick ${i} (copas running: ${yield* Copas.running})`)
    }
  })

const host = Effect.gen(function*() {
  yield* Copas.addNamedThread("a", worker("a", 3, 100))
  yield* Copas.addNamedThread("b", worker("b", 2, 170))

  let turns = 0
  let events = 0
  yield* Copas.setRunning(true)
  while (!(yield* Copas.finished)) {
    // run what is ready; if nothing is, wait up to 5 ms for something to become ready
    yield* Copas.step("5 millis")
    turns++
    // processing for other events from your system here, e.g. a UI or another event source
    if (turns % 10 === 0) events++
  }
  yield* Copas.setRunning(false)
  yield* Console.log(`host loop: done after ${turns} turns (${events} host events handled), copas running: ${yield* Copas.running}`)
}).pipe(Effect.provide(Copas.layerControlled))

Effect.runPromise(host)

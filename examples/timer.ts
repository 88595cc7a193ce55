/**
 * The guide's timer, with Copas used as a library: `Copas.run` is Lua's `copas(function() ... end)`
 * (a dispatcher runs the function as its first task, and the loop ends when no work is left). The
 * timer is recurring, but its callback cancels it after the first time: it prints `hello world`
 * once, after one second.
 *
 *   npx tsx examples/timer.ts
 *
 * The Lua original:
 *   copas(function()
 *     copas.timer.new({
 *       delay = 1, recurring = true, params = "hello world",
 *       callback = function(timer_obj, params)
 *         print(params)
 *         timer_obj:cancel()
 *       end
 *     })
 *   end)
 */
import { Console, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Timer from "effect-copas/Timer"

const program = Copas.run(
  Timer.make({
    delay: "1 second", // a Duration; a bare number is milliseconds
    recurring: true, // make the timer repeat
    params: "hello world",
    callback: (timerObj, params) =>
      Effect.gen(function*() {
        yield* Console.log(params) // prints "hello world"
        yield* Timer.cancel(timerObj) // cancel the timer after 1 occurrence
      })
  })
)

Effect.runPromise(program)

#!/usr/bin/env copas
/// <reference path="../bin/global.d.ts" />
/**
 * Copas as a runtime: the script needs no imports (the library is the global `copas`) and no loop
 * (the `copas` command starts the dispatcher and runs the default export as the initializer task).
 * A recurring timer prints `hello world 1` ... `hello world 5`, cancels itself, and the process
 * ends because no work is left.
 *
 *   ./examples/hello-world.ts          (with the `copas` command on the PATH)
 *   copas examples/hello-world.ts 100  (an optional delay in ms; default 1 second)
 *
 * (`/// <reference ...>` only gives TypeScript the type of the global; outside this repository it is
 * `/// <reference types="effect-copas/global" />`.)
 *
 * The Lua original:
 *   #!/usr/bin/env copas
 *   local count = 0
 *   copas.timer.new { delay = 1, recurring = true, callback = function(self)
 *     count = count + 1
 *     print('hello world ' .. count)
 *     if count >= 5 then self:cancel() end
 *   end }
 */
const { Console, Effect, Timer } = copas

let count = 0

export default Timer.make({
  delay: Number(process.argv[2] ?? 1000),
  recurring: true,
  callback: (self) =>
    Effect.gen(function*() {
      count = count + 1
      yield* Console.log(`hello world ${count}`)
      if (count >= 5) yield* Timer.cancel(self)
    })
})

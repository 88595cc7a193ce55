/**
 * The guide's lock protecting a resource: several tasks call `someFunc` at once; the lock lets one
 * in at a time, so its two lines are always printed together even though the task yields (pause)
 * between them. `Lock.get` returns how long the task waited; it fails with `TimeoutError` (after
 * the lock's timeout, default 10 seconds) or `DestroyedError`.
 *
 *   npx tsx examples/lock.ts
 *
 * The Lua original:
 *   local lock = copas.lock.new()
 *   local function some_func()
 *     local ok, err, wait = lock:get()
 *     if not ok then return nil, "we got error '" .. err .. "' after " .. wait .. " seconds" end
 *     print("doing something on my own")
 *     copas.pause()  -- allow to yield, while inside the lock
 *     print("after " .. ok .. " seconds waiting")
 *     lock:release()
 *   end
 */
import { Console, Duration, Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Lock from "effect-copas/Lock"

const someFunc = (lock: Lock.Lock, id: number) =>
  Effect.gen(function*() {
    const waited = yield* Effect.either(Lock.get(lock))
    if (waited._tag === "Left") {
      const err = waited.left
      return yield* Console.log(`task ${id}: we got error '${err._tag}' after ${Math.round(err.waited ?? 0)} ms`)
    }
    yield* Console.log(`task ${id}: doing something on my own`)
    yield* Copas.pause(20) // allow to yield, while inside the lock
    yield* Console.log(`task ${id}: after ${Math.round(Duration.toMillis(waited.right))} ms waiting`)
    yield* Lock.release(lock)
  })

const program = Copas.run(
  Effect.gen(function*() {
    const lock = yield* Lock.make()
    for (let id = 1; id <= 4; id++) yield* Copas.addThread(someFunc(lock, id))
    // `Lock.withLock(effect, lock)` does get + release (also on failure or interruption)
    const tooLate = yield* Lock.make({ timeout: "10 millis" })
    yield* Copas.addThread(Lock.withLock(Copas.sleep(50), tooLate))
    yield* Copas.addThread(someFunc(tooLate, 5))
  })
)

Effect.runPromise(program)

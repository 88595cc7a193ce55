// type probe (compile with: npx tsc -p scratchpad/u-tsconfig.json; every line is an expected error showing a type)
import { Effect } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Future from "effect-copas/Future"
import * as Queue from "effect-copas/Queue"
import * as Semaphore from "effect-copas/Semaphore"
import * as Socket from "effect-copas/Socket"
import * as Timer from "effect-copas/Timer"
import * as Errors from "effect-copas/Errors"
declare const sock: Socket.CopasSocket
declare const q: Queue.Queue<number>
declare const f: Future.Future<number, "x">
declare const sem: Semaphore.Semaphore
declare const t: Timer.Timer<undefined>
declare const e: Errors.TimeoutError
export const t1: never = Queue.finish(q, 100)
export const t2: never = Socket.connect(sock, "h", 1)
export const t3: never = Socket.close(sock)
export const t4: never = Timer.arm(t)
export const t5: never = Future.try(f)
export const t6: never = Semaphore.give(sem, 1)
export const t7: never = Copas.timeout(100, () => Effect.void)
export const t8: never = Semaphore.withPermits(sem)(Effect.succeed(1))
export const t9: never = e.waited
export const t10: never = Socket.send(sock, "x")
export const t11: never = Copas.sleep(-1)
export const t12: never = Copas.getTraceback()

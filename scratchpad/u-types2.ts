// type probe: R of calls on an existing lock / semaphore / queue (every line an expected error)
import { Effect } from "effect"
import * as Lock from "effect-copas/Lock"
import * as Semaphore from "effect-copas/Semaphore"
import * as Queue from "effect-copas/Queue"
declare const l: Lock.Lock
declare const s: Semaphore.Semaphore
declare const q: Queue.Queue<number>
export const a: never = Lock.get(l)
export const b: never = Lock.withLock(l)(Effect.void)
export const c: never = Semaphore.take(s)
export const d: never = Queue.pop(q)

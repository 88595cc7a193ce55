/**
 * Pre-emption sweeps: an operation's task (or a plain fiber) is pre-empted at each of its first
 * 45 instructions (`preemptIn(k)`: the scheduler yields there) and removed or interrupted while it
 * is queued; after everything settles nothing may be left behind (waiters, parks, timeouts,
 * counters, busy workers) and the loop must end. These windows hid real bugs (Effect.async's
 * registration before its canceler, withLock/withPermits taking in the interruptible region,
 * Effect's race starting its fibers one instruction late); the sweeps below found the rest clean
 * and keep them so.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Option } from "effect"
import * as Copas from "effect-copas/Copas"
import * as Future from "effect-copas/Future"
import * as Lock from "effect-copas/Lock"
import * as Queue from "effect-copas/Queue"
import * as Semaphore from "effect-copas/Semaphore"
import * as Timer from "effect-copas/Timer"
import { type Dispatcher, driveFor, failure, leftovers, preemptIn, start } from "./util/copas.js"

const removeSelfIn = (k: number) =>
  Effect.gen(function*() {
    const me = yield* Copas.currentTask
    yield* Copas.addThread(Copas.removeThread(me))
    yield* preemptIn(k)
  })

/** Runs `body` for k = 0..44 (its pre-emption point) in a dispatcher of its own; collects what it reports. */
const sweep = (name: string, body: (k: number, report: (s: string) => void) => Effect.Effect<void, unknown, Copas.Copas>, after?: (d: Dispatcher, report: (s: string) => void) => void) =>
  it.effect(name, () =>
    Effect.gen(function*() {
      const bad: Array<string> = []
      for (let k = 0; k < 45; k++) {
        let d: Dispatcher | undefined
        const report = (s: string) => bad.push(`k=${k}: ${s}`)
        const fiber = yield* start(Effect.gen(function*() {
          d = yield* Copas.Copas
          yield* body(k, report)
        }))
        if (!(yield* driveFor(fiber, () => d, 50, 60_000))) report(`loop did not end`)
        else if (after) after(d!, report)
      }
      assert.deepStrictEqual(bad, [])
    }))

const counters = (d: Dispatcher, report: (s: string) => void) => {
  const c = { taskCount: d.taskCount, parkedTasks: d.parkedTasks, parkedAll: d.parkedAll, sleeping: d.sleepingTasks, callbacks: d.callbacks, reading: d.reading, writing: d.writing, servers: d.servers }
  if (Object.values(c).some((v) => v !== 0)) report(JSON.stringify(c))
}
const checkLeft = (report: (s: string) => void) => Effect.map(leftovers, (s) => {
  if (s.timeout !== 0 || s.inactive !== 0) report(`leftovers ${JSON.stringify(s)}`)
})

describe("sweep core", () => {
  // a task removed at each point of starting a wait
  for (const [name, wait] of [
    ["sleep", Copas.sleep(100)],
    ["pauseForever", Copas.pauseForever],
    ["waitForExit", Copas.waitForExit]
  ] as const) {
    sweep(`${name} removed`, (k, report) => Effect.gen(function*() {
      yield* Copas.addThread(Effect.zipRight(removeSelfIn(k), wait))
      yield* Copas.sleep(10)
      yield* checkLeft(report)
    }), counters)
  }

  sweep("sleeping task woken and removed", (k, report) => Effect.gen(function*() {
    const t = yield* Copas.addThread(Copas.sleep(-1))
    yield* Copas.addThread(Effect.gen(function*() {
      yield* Copas.wakeup(t)
      yield* preemptIn(k) // (the woken task is queued; its remover comes k instructions later)
      yield* Copas.addThread(Copas.removeThread(t))
    }))
    yield* Copas.sleep(10)
    yield* checkLeft(report)
  }), counters)

  sweep("timeout callback set by removed task", (k, report) => Effect.gen(function*() {
    let fired = 0
    yield* Copas.addThread(Effect.gen(function*() {
      yield* removeSelfIn(k)
      yield* Copas.timeout(50, () => Effect.sync(() => { fired++ }))
      yield* Copas.sleep(100)
    }))
    yield* Copas.sleep(200)
    if (fired !== 0) report(`fired ${fired}`)
    yield* checkLeft(report)
  }), counters)

  sweep("future get removed", (k, report) => Effect.gen(function*() {
    const f = yield* Future.addThread(Copas.sleep(5))
    yield* Copas.addThread(Effect.gen(function*() {
      yield* removeSelfIn(k)
      yield* Future.get(f)
    }))
    yield* Copas.sleep(10)
    if ((f as any).waiters.live !== 0) report(`waiters ${(f as any).waiters.live}`)
    yield* checkLeft(report)
  }), counters)

  sweep("future task removed", (k, report) => Effect.gen(function*() {
    const f = yield* Future.addThread(Effect.gen(function*() {
      yield* removeSelfIn(k)
      yield* Copas.sleep(5)
      return 1
    }))
    yield* Effect.exit(Future.get(f))
    const st = yield* Future.try(f)
    if (st._tag === "Pending") report("pending")
    yield* checkLeft(report)
  }), counters)

  sweep("future cancelled while its task is preempted", (k, report) => Effect.gen(function*() {
    let f: Future.Future<number> | undefined
    f = yield* Future.addThread(Effect.gen(function*() {
      yield* Copas.addThread(Effect.suspend(() => Future.cancel(f!)))
      yield* preemptIn(k)
      yield* Copas.sleep(5)
      return 1
    }))
    yield* Effect.exit(Future.get(f))
    yield* Copas.sleep(10)
    yield* checkLeft(report)
  }), counters)

  sweep("cancelAll while a task is preempted", (k) => Effect.gen(function*() {
    yield* Copas.addThread(Effect.gen(function*() {
      yield* Copas.addThread(Copas.cancelAll)
      yield* preemptIn(k)
      yield* Copas.sleep(5)
      yield* Copas.pauseForever
    }))
    yield* Timer.make({ delay: 5, recurring: true, callback: () => Effect.gen(function*() { yield* Copas.sleep(1) }) })
  }), counters)

  sweep("timer callback preempted, cancelAll", (k) => Effect.gen(function*() {
    let n = 0
    yield* Timer.make({ delay: 5, recurring: true, callback: () => Effect.gen(function*() {
      n++
      if (n === 2) {
        yield* Copas.addThread(Copas.cancelAll)
        yield* preemptIn(k)
      }
      yield* Copas.sleep(1)
    }) })
  }), counters)

  sweep("timer callback preempted, cancel timer", (k, report) => Effect.gen(function*() {
    let n = 0
    let t: Timer.Timer<any> | undefined
    t = yield* Timer.make({ delay: 5, recurring: true, callback: () => Effect.gen(function*() {
      n++
      if (n === 2) {
        yield* Copas.addThread(Effect.ignore(Timer.cancel(t!)))
        yield* preemptIn(k)
      }
      yield* Copas.sleep(1)
    }) })
    yield* Copas.sleep(100)
    if (n > 3) report(`n=${n}`)
  }), counters)
})

describe("sweep queue", () => {
  sweep("worker removed at each point around its items", (k, report) =>
    Effect.gen(function*() {
      const q = yield* Queue.make<number>()
      const qi = q as any
      let n = 0
      yield* Queue.addWorker(q, (i) => Effect.gen(function*() {
        n++
        if (i === 0) yield* removeSelfIn(k)
      }))
      yield* Queue.push(q, 0)
      yield* Queue.push(q, 1)
      yield* Copas.sleep(100)
      if (qi.busy !== 0) report(`busy ${qi.busy}`)
      const left = qi.items.length
      const ex = yield* Effect.exit(Queue.finish(q, 1000))
      if (left === 0 && Exit.isFailure(ex)) report(`finish failed ${failure(ex)}`)
      const s = yield* leftovers
      if (s.timeout !== 0 || s.inactive !== 0) report(`leftovers ${JSON.stringify(s)}`)
    }))

  sweep("worker removed at each point with a second worker; finish", (k, report) =>
    Effect.gen(function*() {
      const q = yield* Queue.make<number>()
      const qi = q as any
      const handled: Array<number> = []
      const h = (i: number) => Effect.gen(function*() {
        handled.push(i)
        yield* Copas.sleep(1)
        if (i === 0) yield* removeSelfIn(k)
      })
      yield* Queue.addWorker(q, h)
      yield* Queue.addWorker(q, h)
      for (let i = 0; i < 5; i++) yield* Queue.push(q, i)
      const ex = yield* Effect.exit(Queue.finish(q, 1000))
      if (Exit.isFailure(ex)) report(`finish failed ${failure(ex)} items ${qi.items.length} busy ${qi.busy}`)
      if (qi.busy !== 0) report(`busy ${qi.busy}`)
    }))

  sweep("pop removed at each point while a push lands", (k, report) =>
    Effect.gen(function*() {
      const q = yield* Queue.make<number>()
      const qi = q as any
      let got = 0
      yield* Copas.addThread(Effect.gen(function*() {
        yield* removeSelfIn(k)
        yield* Queue.pop(q, 1000)
        got++
      }))
      yield* Copas.addThread(Queue.push(q, 1))
      yield* Copas.sleep(10)
      if (qi.poppers.live !== 0) report(`poppers ${qi.poppers.live}`)
      const s = yield* leftovers
      if (s.timeout !== 0 || s.inactive !== 0) report(`leftovers ${JSON.stringify(s)}`)
    }))

  sweep("finish by a task removed at each point", (k, report) =>
    Effect.gen(function*() {
      const q = yield* Queue.make<number>()
      const qi = q as any
      yield* Queue.addWorker(q, () => Copas.sleep(5))
      yield* Queue.push(q, 1)
      yield* Copas.addThread(Effect.gen(function*() {
        yield* removeSelfIn(k)
        yield* Queue.finish(q, 1000)
      }))
      yield* Copas.sleep(20)
      if (qi.finishers.live !== 0) report(`finishers ${qi.finishers.live}`)
      if (!qi.destroyed) yield* Queue.destroy(q)
      yield* Copas.sleep(1)
      const s = yield* leftovers
      if (s.timeout !== 0 || s.inactive !== 0) report(`leftovers ${JSON.stringify(s)}`)
    }))

  sweep("destroy while worker mid-item at each point", (k, report) =>
    Effect.gen(function*() {
      const q = yield* Queue.make<number>()
      const qi = q as any
      yield* Queue.addWorker(q, (i) => Effect.gen(function*() {
        if (i === 0) {
          yield* Copas.addThread(Queue.destroy(q))
          yield* preemptIn(k)
        }
      }))
      yield* Queue.push(q, 0)
      yield* Queue.push(q, 1)
      yield* Copas.sleep(10)
      if (qi.busy !== 0) report(`busy ${qi.busy}`)
      const w = [...qi.workers]
      if (w.length !== 0) report(`workers ${w.length}`)
    }))
})

const interruptSelfIn = (k: number) =>
  Effect.gen(function*() {
    const me = Option.getOrThrow(Fiber.getCurrentFiber())
    yield* Copas.addThread(Fiber.interrupt(me))
    yield* preemptIn(k)
  })

/** After a plain fiber's sweep: no wait left parked. */
const parked = (d: Dispatcher, report: (s: string) => void) => {
  if (d.parkedAll !== 0 || d.parkedTasks !== 0) report(`parked ${d.parkedAll}/${d.parkedTasks}`)
}

describe("sweep child fibers", () => {
  sweep("child sleep interrupted", (k) => Effect.gen(function*() {
    yield* Copas.addThread(Effect.gen(function*() {
      const child = yield* Effect.fork(Effect.gen(function*() {
        yield* interruptSelfIn(k)
        yield* Copas.sleep("1 hour")
      }))
      yield* Fiber.await(child)
    }))
  }), parked)
  sweep("child park interrupted, with a timed wait elsewhere", (k) => Effect.gen(function*() {
    yield* Copas.addThread(Effect.gen(function*() {
      const child = yield* Effect.fork(Effect.gen(function*() {
        yield* interruptSelfIn(k)
        yield* Copas.pauseForever
      }))
      yield* Fiber.await(child)
    }))
  }), parked)
  sweep("child lock get interrupted", (k, report) => Effect.gen(function*() {
    const lock = yield* Lock.make()
    yield* Lock.get(lock)
    yield* Copas.addThread(Effect.gen(function*() {
      const child = yield* Effect.fork(Effect.gen(function*() {
        yield* interruptSelfIn(k)
        yield* Lock.get(lock, 100)
      }))
      yield* Fiber.await(child)
    }))
    yield* Copas.sleep(5)
    if ((lock as any).waiters.live !== 0) report(`lock waiters ${(lock as any).waiters.live}`)
    yield* Lock.release(lock)
  }), parked)
  sweep("child withLock interrupted", (k, report) => Effect.gen(function*() {
    const lock = yield* Lock.make()
    yield* Copas.addThread(Effect.gen(function*() {
      const child = yield* Effect.fork(Effect.gen(function*() {
        yield* interruptSelfIn(k)
        yield* Lock.withLock(Effect.void, lock)
      }))
      yield* Fiber.await(child)
    }))
    yield* Copas.sleep(5)
    const ex = yield* Effect.exit(Lock.get(lock, 0))
    if (ex._tag !== "Success") report("lock held")
  }), parked)
  sweep("child sem take interrupted", (k, report) => Effect.gen(function*() {
    const sem = yield* Semaphore.make({ max: 1, start: 0 } as any)
    yield* Copas.addThread(Effect.gen(function*() {
      const child = yield* Effect.fork(Effect.gen(function*() {
        yield* interruptSelfIn(k)
        yield* Semaphore.take(sem, 1, 100)
      }))
      yield* Fiber.await(child)
    }))
    yield* Copas.sleep(5)
    if ((sem as any).waiters.live !== 0) report(`sem waiters ${(sem as any).waiters.live}`)
  }), parked)
  sweep("child queue pop interrupted", (k, report) => Effect.gen(function*() {
    const q = yield* Queue.make<number>()
    yield* Copas.addThread(Effect.gen(function*() {
      const child = yield* Effect.fork(Effect.gen(function*() {
        yield* interruptSelfIn(k)
        yield* Queue.pop(q, 100)
      }))
      yield* Fiber.await(child)
    }))
    yield* Copas.sleep(5)
    if ((q as any).poppers.live !== 0) report(`poppers ${(q as any).poppers.live}`)
  }), parked)
  sweep("child future get interrupted", (k, report) => Effect.gen(function*() {
    const f = yield* Future.addThread(Copas.sleep(50))
    yield* Copas.addThread(Effect.gen(function*() {
      const child = yield* Effect.fork(Effect.gen(function*() {
        yield* interruptSelfIn(k)
        yield* Future.get(f)
      }))
      yield* Fiber.await(child)
    }))
    yield* Copas.sleep(5)
    if ((f as any).waiters.live !== 0) report(`future waiters ${(f as any).waiters.live}`)
  }), parked)
  sweep("child waitForExit interrupted", (k) => Effect.gen(function*() {
    yield* Copas.addThread(Effect.gen(function*() {
      const child = yield* Effect.fork(Effect.gen(function*() {
        yield* interruptSelfIn(k)
        yield* Copas.waitForExit
      }))
      yield* Fiber.await(child)
    }))
  }), parked)
})

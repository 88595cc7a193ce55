/**
 * Helpers of the randomized model checks (test/model-*.test.ts): a tiny discrete-event core for
 * the synchronous models, and the TestClock driver that moves time through the model's instants.
 */
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Fiber, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import { type Dispatcher, settle } from "./copas.js"

/** Two timed events of different sources at the same ms: the order would be arbitrary. */
export class Tie extends Error {}

/** A timed event queue of the model: pops in time order; a tie (same ms) throws `Tie`. */
export class EventHeap<E> {
  private items: Array<{ t: number; e: E; id: number }> = []
  private ids = 0
  add(t: number, e: E): number {
    const id = this.ids++
    this.items.push({ t, e, id })
    return id
  }
  remove(id: number): void {
    this.items = this.items.filter((x) => x.id !== id)
  }
  get size(): number {
    return this.items.length
  }
  pop(): { t: number; e: E } | undefined {
    if (this.items.length === 0) return undefined
    this.items.sort((a, b) => a.t - b.t)
    const first = this.items.shift()!
    if (this.items.length > 0 && this.items[0]!.t === first.t) throw new Tie()
    return first
  }
}

/** Describes an exit as a short string: `ok <value>` or `<Tag>` with `(waited)` when it has one. */
export const describeExit = <A, E>(exit: Exit.Exit<A, E>, value: (a: A) => string = () => ""): string => {
  if (Exit.isSuccess(exit)) return `ok${value(exit.value)}`
  if (Cause.isInterruptedOnly(exit.cause)) return "interrupted"
  const e = Cause.failureOption(exit.cause)
  if (e._tag === "None") return `defect ${Cause.pretty(exit.cause).split("\n")[0]}`
  const err = e.value as { _tag?: string; waited?: number }
  return err.waited === undefined ? `${err._tag}` : `${err._tag}(${err.waited})`
}

/** Milliseconds on the dispatcher's clock (the TestClock). */
export const nowMs = Effect.map(Copas.getTime, (t) => Math.round(t * 1000))

/**
 * Runs `init` in a fresh dispatcher and moves the TestClock through `times` (ms, ascending), letting
 * the dispatcher settle before and after each step; returns when the dispatcher's run has ended
 * (failing the test if it has not `extra` ms after the last instant).
 */
export const drive = <E, R>(
  init: (setD: (d: Dispatcher) => void) => Effect.Effect<void, E, R>,
  times: ReadonlyArray<number>,
  extra = 0
) =>
  Effect.gen(function*() {
    let d: Dispatcher | undefined
    const fiber = yield* Effect.fork(Copas.run(init((x) => { d = x }) as Effect.Effect<void, E, never>))
    let now = 0
    for (const t of times) {
      yield* settle(() => d)
      if (t > now) yield* TestClock.adjust(t - now)
      now = Math.max(now, t)
    }
    yield* settle(() => d)
    if (extra > 0) {
      yield* TestClock.adjust(extra)
      yield* settle(() => d)
    }
    const done = fiber.unsafePoll()
    if (done === null) {
      yield* Fiber.interrupt(fiber)
      return { ended: false, at: now }
    }
    return { ended: true, at: now }
  })

/**
 * Moves the TestClock through the model's `times` while `fiber` (a `Copas.run`) runs, then up to
 * 5 s more; a run that has not returned by then is logged and interrupted.
 */
export const driveToEnd = (
  fiber: Fiber.RuntimeFiber<unknown, unknown>,
  times: ReadonlyArray<number>,
  d: () => Dispatcher | undefined,
  log: Array<string>
) =>
  Effect.gen(function*() {
    let now = 0
    for (const t of times) {
      yield* settle(d)
      if (fiber.unsafePoll() !== null) break
      yield* TestClock.adjust(t - now)
      now = t
    }
    yield* settle(d)
    for (let k = 0; k < 5 && fiber.unsafePoll() === null; k++) {
      yield* TestClock.adjust(1_000)
      yield* settle(d)
    }
    if (fiber.unsafePoll() === null) {
      log.push("run did not return")
      yield* Fiber.interrupt(fiber)
    }
  })

/** Seeds whose model has no tie, `count` of them, from `first`. */
export const goodSeeds = <M>(count: number, first: number, model: (seed: number) => M): Array<{ seed: number; m: M }> => {
  const out: Array<{ seed: number; m: M }> = []
  for (let seed = first; out.length < count; seed++) {
    try {
      out.push({ seed, m: model(seed) })
    } catch (e) {
      if (!(e instanceof Tie)) throw e
    }
  }
  return out
}

/**
 * Seeds per model file: 4 chunks of 15 in `npm test` (a few seconds each); `MODEL_SEEDS=300` for a
 * deeper run (10 chunks), as when the models were written.
 */
const seeds = Number(process.env.MODEL_SEEDS ?? 60)
const MODEL_CHUNKS = seeds >= 100 ? 10 : 4
const MODEL_PER_CHUNK = Math.max(1, Math.ceil(seeds / MODEL_CHUNKS))

/** One seed's run: the model's log, the implementation's, and whether its loop ended. */
export interface ModelRun {
  readonly expected: ReadonlyArray<string>
  readonly actual: ReadonlyArray<string>
  readonly ended?: boolean
}

/**
 * The suite of a model file: the first good seeds (no ties) in chunks run side by side, each
 * seed's logs compared line by line; `about` names a failing seed's plan in the report.
 */
export const modelSuite = <R extends ModelRun>(
  name: string,
  what: string,
  model: (seed: number) => unknown,
  check: (seed: number) => Effect.Effect<R>,
  about: (r: R) => string = () => ""
): void => {
  describe.concurrent(`model: ${name}`, () => {
    const all = goodSeeds(MODEL_CHUNKS * MODEL_PER_CHUNK, 1, model).map((x) => x.seed)
    for (let c = 0; c < MODEL_CHUNKS; c++) {
      const seeds = all.slice(c * MODEL_PER_CHUNK, (c + 1) * MODEL_PER_CHUNK)
      it.effect(`${what} (seeds ${seeds[0]}..${seeds[seeds.length - 1]})`, () =>
        Effect.gen(function*() {
          let lines = 0
          const failures: Array<string> = []
          for (const seed of seeds) {
            const r = yield* check(seed)
            lines += r.expected.length
            if (r.ended === false) failures.push(`seed ${seed}: the loop did not end`)
            if (JSON.stringify(r.actual) !== JSON.stringify(r.expected)) {
              const i = r.expected.findIndex((l, k) => r.actual[k] !== l)
              const a = about(r)
              failures.push(`seed ${seed}${a === "" ? "" : ` (${a})`}: first difference at line ${i}\n  expected: ${r.expected[i]}\n  actual:   ${r.actual[i]}`)
            }
          }
          console.log(`${name} model chunk ${c}: ${seeds.length} seeds, ${lines} log lines, ${failures.length} failing`)
          assert.deepStrictEqual(failures.slice(0, 3), [])
        }), 60_000)
    }
  })
}

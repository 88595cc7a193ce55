/**
 * Randomized model check of the socket layer: the two ends of one in-memory connection
 * (`MemorySockets.pair`, wrapped) are driven by two tasks running random scripts at random
 * milliseconds under TestClock — send (with start/end), receive ("*l", "*a", n, with a prefix),
 * receivePartial, receiveBytes, setTimeout/setTimeouts, shutdown, close — while a third task closes
 * or resets one end at a random instant (often while its task is blocked), and finally closes both.
 * Every call's result (value, TimeoutError `partial`, ClosedError `partial`/`sent`,
 * LineTooLongError with the bytes left readable) and the millisecond it completes at are compared
 * with a synchronous model of LuaSocket/Copas's rules as SPEC "Receive patterns and data", reference
 * §2.6/§2.9 and the README describe them. Sends are small: back-pressure is covered elsewhere.
 * Odd seeds run in latin1 (a string is its bytes), even seeds in utf8 with characters of 2–4 bytes,
 * which sends with indexes (bytes) cut: a string partial (a timeout's, receivePartial's) then keeps
 * only whole characters, and the first bytes of one that may still complete stay buffered; at the
 * end of the stream everything left is decoded (U+FFFD for a cut character).
 */
import { Clock, Effect, Exit, Cause, Fiber, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import * as MemorySockets from "effect-copas/MemorySockets"
import * as Socket from "effect-copas/Socket"
import { type Dispatcher, seeded, settle } from "./util/copas.js"
import { EventHeap, modelSuite } from "./util/model.js"

// ---- plans --------------------------------------------------------------------------------------

type Pat = "*l" | "*a" | number
type Op =
  | { readonly k: "send"; readonly data: string; readonly start: number | undefined; readonly end: number | undefined }
  | { readonly k: "recv"; readonly mode: "receive" | "partial" | "bytes"; readonly pat: Pat; readonly prefix: string | undefined }
  | { readonly k: "setTimeout"; readonly ms: number | null }
  | { readonly k: "setTimeouts"; readonly receive: number | null | undefined; readonly send: number | null | undefined }
  | { readonly k: "shutdown"; readonly how: "send" | "receive" | "both" }
  | { readonly k: "close" }

interface Step {
  readonly gap: number
  readonly op: Op
}
interface Third {
  readonly t: number
  readonly kind: "close" | "reset"
  readonly side: 0 | 1
}
export interface Plan {
  readonly encoding: "latin1" | "utf8"
  readonly steps: readonly [ReadonlyArray<Step>, ReadonlyArray<Step>]
  readonly maxLine: readonly [number, number]
  readonly third: ReadonlyArray<Third>
  readonly end: number
}

const NAMES = ["A", "B"] as const
const q = (s: string) => JSON.stringify(s)
const opText = (op: Op): string => {
  switch (op.k) {
    case "send":
      return `send(${q(op.data)}${op.start === undefined && op.end === undefined ? "" : `,${op.start},${op.end}`})`
    case "recv":
      return `${op.mode}(${typeof op.pat === "number" ? op.pat : q(op.pat)}${op.prefix === undefined ? "" : `,${q(op.prefix)}`})`
    case "setTimeout":
      return `setTimeout(${op.ms})`
    case "setTimeouts":
      return `setTimeouts(r=${op.receive},s=${op.send})`
    case "shutdown":
      return `shutdown(${op.how})`
    case "close":
      return "close"
  }
}

const LATIN1 = [..."abcde\n\n\n\rab"]
const UTF8 = [..."abcde\n\n\n\ra\u00e9\u20ac\u{1d11e}"]
const randomData = (rnd: (n: number) => number, maxLine: number, utf8: boolean): string => {
  if (rnd(6) === 0) return "x".repeat(maxLine + rnd(12)) + (rnd(2) === 0 ? "\n" : "")
  const alphabet = utf8 ? UTF8 : LATIN1
  let s = ""
  for (let i = 1 + rnd(24); i > 0; i--) s += alphabet[rnd(alphabet.length)]
  return s
}

export const planOf = (seed: number): Plan => {
  const rnd = seeded(seed * 7919 + 13)
  const encoding = seed % 2 === 0 ? "utf8" : "latin1"
  const utf8 = encoding === "utf8"
  const maxLine: [number, number] = [6 + rnd(20), 6 + rnd(20)]
  const side = (s: 0 | 1): Array<Step> =>
    Array.from({ length: 8 + rnd(10) }, (): Step | [Step, Step] => {
      const gap = 1 + (rnd(4) === 0 ? rnd(900) : rnd(250))
      const r = rnd(100)
      let op: Op
      if (r < 40) {
        const data = randomData(rnd, maxLine[1 - s]!, utf8)
        const idx = rnd(4) === 0
        // (indexes count bytes: in utf8 they cut characters)
        const len = Buffer.byteLength(data, encoding)
        const pick = () => (rnd(3) === 0 ? undefined : rnd(len + 5) - 3)
        op = { k: "send", data, start: idx ? pick() : undefined, end: idx ? pick() : undefined }
        if (utf8 && !idx && rnd(3) === 0) {
          // sent in two parts cut inside a character (a send resumed at `sent`), some time apart
          const b = Buffer.from(data, "utf8")
          const cuts = [...b.keys()].filter((i) => i > 0 && (b[i]! & 0xc0) === 0x80)
          if (cuts.length > 0) {
            const cut = cuts[rnd(cuts.length)]!
            return [
              { gap, op: { k: "send", data, start: undefined, end: cut } },
              { gap: 1 + rnd(400), op: { k: "send", data, start: cut, end: undefined } }
            ]
          }
        }
      } else if (r < 84) {
        const p = rnd(20)
        const pat: Pat = p < 10 ? "*l" : p < 18 ? rnd(18) : "*a"
        const m = rnd(10)
        const prefix = rnd(4) === 0 ? (rnd(2) === 0 ? (utf8 && rnd(2) === 0 ? "\u00e9" : "p") : "q\r") : undefined
        op = { k: "recv", mode: m < 6 ? "receive" : m < 8 ? "partial" : "bytes", pat, prefix }
      } else if (r < 97) {
        const t = () => (rnd(6) === 0 ? null : rnd(6) === 0 ? 0 : 1 + rnd(600))
        op = rnd(2) === 0
          ? { k: "setTimeout", ms: t() }
          : { k: "setTimeouts", receive: rnd(4) === 0 ? undefined : t(), send: rnd(2) === 0 ? undefined : t() }
      } else if (r < 99) {
        op = { k: "shutdown", how: (["send", "receive", "both"] as const)[rnd(3)]! }
      } else op = { k: "close" }
      return { gap, op }
    }).flat()
  const steps: [Array<Step>, Array<Step>] = [side(0), side(1)]
  // most scripts start with a receive timeout, so that fewer calls wait for the end
  for (const st of steps) if (rnd(3) !== 0) st.unshift({ gap: 1 + rnd(50), op: { k: "setTimeouts", receive: 50 + rnd(700), send: undefined } })
  const third: Array<Third> = []
  if (rnd(3) === 0) third.push({ t: 1000 + rnd(4500), kind: "close", side: rnd(2) as 0 | 1 })
  if (rnd(4) === 0) third.push({ t: 1000 + rnd(4500), kind: "reset", side: rnd(2) as 0 | 1 })
  return { encoding, steps, maxLine, third, end: 6000 }
}

// ---- the model ----------------------------------------------------------------------------------

interface Blocked {
  readonly op: Extract<Op, { k: "recv" }>
  deadline: number | undefined
  deadlineId: number | undefined
}
interface SideM {
  readonly i: 0 | 1
  buf: Array<number>
  gotEnd: boolean
  err: string | undefined
  destroyed: boolean
  closed: boolean
  shutRead: boolean
  shutWrite: boolean
  rto: number | undefined
  sto: number | undefined
  readonly maxLine: number
  step: number
  blocked: Blocked | undefined
  /** what a close by another task left for the blocked receive */
  kept: Array<number> | undefined
}

type Ev = { kind: "step"; side: 0 | 1 } | { kind: "deadline"; side: 0 | 1 } | { kind: "third"; th: Third } | { kind: "end" }

const noCR = (b: ReadonlyArray<number>): Array<number> => b.filter((x) => x !== 13)

type Result = { ok: string } | { err: string }

const fatal = new TextDecoder("utf-8", { fatal: true })
const oneChar = (b: ReadonlyArray<number>): boolean => {
  try {
    return [...fatal.decode(new Uint8Array(b))].length === 1
  } catch {
    return false
  }
}
const CONT = [0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf]
const completions: Array<Array<number>> = [[]]
for (let i = 0; i < 3; i++) for (const c of completions.filter((x) => x.length === i)) for (const b of CONT) completions.push([...c, b])
const heldMemo = new Map<string, number>()
/**
 * How many bytes at the end of `b` begin a character that more bytes could still complete (found
 * by trying every completion: independent of the implementation's table).
 */
const heldOf = (b: ReadonlyArray<number>): number => {
  const key = b.slice(-3).join(",")
  let r = heldMemo.get(key)
  if (r === undefined) {
    r = 0
    for (let k = 1; k <= 3 && k <= b.length && r === 0; k++) {
      const tail = b.slice(b.length - k)
      if (!oneChar(tail) && completions.some((c) => c.length > 0 && oneChar([...tail, ...c]))) r = k
    }
    heldMemo.set(key, r)
  }
  return r
}

export const model = (plan: Plan) => {
  const enc = plan.encoding
  const bytesOf = (s: string): Array<number> => [...Buffer.from(s, enc)]
  /** a result as the implementation's log shows it: bytes as latin1, strings decoded */
  const text = (b: ReadonlyArray<number>, mode: Extract<Op, { k: "recv" }>["mode"]): string =>
    Buffer.from(b as Array<number>).toString(mode === "bytes" ? "latin1" : enc)
  /** what a string partial takes: all but a character that may still complete */
  /** the prefix as the result shows it (bytes: its encoded bytes, as latin1) */
  const shown = (p: string | undefined, mode: Extract<Op, { k: "recv" }>["mode"]): string =>
    p === undefined ? "" : mode === "bytes" ? Buffer.from(p, enc).toString("latin1") : p
  const whole = (x: SideM, mode: Extract<Op, { k: "recv" }>["mode"]): number =>
    x.buf.length - (enc === "utf8" && mode !== "bytes" ? heldOf(x.buf) : 0)
  const log: Array<string> = []
  const heap = new EventHeap<Ev>()
  const times = new Set<number>()
  let now = 0
  const S: [SideM, SideM] = [0, 1].map((i) => ({
    i: i as 0 | 1,
    buf: [],
    gotEnd: false,
    err: undefined,
    destroyed: false,
    closed: false,
    shutRead: false,
    shutWrite: false,
    rto: undefined,
    sto: undefined,
    maxLine: plan.maxLine[i]!,
    step: 0,
    blocked: undefined,
    kept: undefined
  })) as unknown as [SideM, SideM]
  const other = (x: SideM) => S[1 - x.i]!
  const at = (t: number, e: Ev) => {
    times.add(t)
    return heap.add(t, e)
  }

  const destroy = (x: SideM, how: "close" | "abort" | "error" | "auto") => {
    if (x.destroyed) return
    x.destroyed = true
    const y = other(x)
    if (y.destroyed) return
    if (how === "abort") {
      if (y.err === undefined) y.err = "ECONNRESET"
      destroy(y, "error")
    } else if (how === "close" || how === "auto") {
      y.gotEnd = true
      if (y.shutWrite) destroy(y, "auto")
    }
  }

  const overLimit = (x: SideM, n: number) => n > x.maxLine && (n > x.maxLine + 1 || x.buf[n - 1] !== 13)
  const take = (x: SideM, n: number) => x.buf.splice(0, n)

  /** One attempt of a receive: a result, or undefined (wait). */
  const tryRecv = (x: SideM, op: Extract<Op, { k: "recv" }>): Result | undefined => {
    const prefix = shown(op.prefix, op.mode)
    const str = (b: ReadonlyArray<number>) => text(b, op.mode)
    const partialMode = op.mode === "partial" || x.rto === 0
    const line = op.pat === "*l"
    const closedErr = (): Result => {
      const kept = x.kept
      x.kept = undefined
      const body = kept ?? take(x, x.buf.length)
      return { err: `ClosedError partial=${q(prefix + str(line ? noCR(body) : body))}` }
    }
    const failure = (): Result | undefined => {
      if (x.closed || x.shutRead || x.err !== undefined || x.gotEnd || x.destroyed) return closedErr()
      return undefined
    }
    if (x.closed) return closedErr()
    if (op.pat === "*l") {
      const lf = x.buf.indexOf(10)
      if (lf >= 0) {
        if (overLimit(x, lf)) return { err: `LineTooLongError limit=${x.maxLine} buffered=${x.buf.length}` }
        const l = take(x, lf + 1)
        return { ok: prefix + str(noCR(l.slice(0, lf))) }
      }
      if (overLimit(x, x.buf.length)) return { err: `LineTooLongError limit=${x.maxLine} buffered=${x.buf.length}` }
      if (partialMode && whole(x, op.mode) > 0) return { ok: prefix + str(noCR(take(x, whole(x, op.mode)))) }
      return failure()
    }
    if (op.pat === "*a") {
      if (x.shutRead || x.err !== undefined) return closedErr()
      if (x.gotEnd || x.destroyed) return { ok: prefix + str(take(x, x.buf.length)) }
      if (partialMode && whole(x, op.mode) > 0) return { ok: prefix + str(take(x, whole(x, op.mode))) }
      return undefined
    }
    const need = op.pat - Buffer.byteLength(op.prefix ?? "", enc)
    if (need <= 0) return { ok: prefix }
    if (x.buf.length >= need) return { ok: prefix + str(take(x, need)) }
    if (partialMode && whole(x, op.mode) > 0) return { ok: prefix + str(take(x, whole(x, op.mode))) }
    return failure()
  }

  const fmt = (r: Result) => ("ok" in r ? `ok ${q(r.ok)}` : r.err)
  const finish = (x: SideM, op: Op, r: Result) => {
    log.push(`${now} ${NAMES[x.i]} ${opText(op)} -> ${fmt(r)}`)
    x.step++
    next(x)
  }
  const next = (x: SideM) => {
    const st = plan.steps[x.i][x.step]
    if (st !== undefined) at(now + st.gap, { kind: "step", side: x.i })
  }
  /** re-evaluates the blocked receives after any change */
  const reeval = () => {
    for (const x of S) {
      const b = x.blocked
      if (b === undefined) continue
      const r = tryRecv(x, b.op)
      if (r !== undefined) {
        x.blocked = undefined
        if (b.deadlineId !== undefined) heap.remove(b.deadlineId)
        finish(x, b.op, r)
      }
    }
  }

  const close = (x: SideM) => {
    if (x.closed) return
    x.closed = true
    // a receive blocked when another task closes the socket gets the bytes that had arrived
    // (README: "ClosedError (`partial`: what came before the close)"; Copas feeds the partial back)
    if (x.blocked !== undefined) x.kept = x.buf
    x.buf = []
    destroy(x, "close")
  }

  const runOp = (x: SideM, op: Op) => {
    const y = other(x)
    switch (op.k) {
      case "send": {
        const data = bytesOf(op.data)
        const len = data.length
        const norm = (v: number | undefined, d: number) => (v === undefined ? d : v < 0 ? Math.max(0, len + v) : Math.min(v, len))
        const from = norm(op.start, 0)
        const to = Math.max(from, norm(op.end, len))
        if (from === to) return finish(x, op, { ok: String(to) })
        if (x.closed || x.shutWrite || x.err !== undefined || x.destroyed) {
          return finish(x, op, { err: `ClosedError sent=${from}` })
        }
        finish(x, op, { ok: String(to) })
        if (y.destroyed) {
          // the peer is gone: the write fails afterwards (EPIPE), as a socket reports it
          if (x.err === undefined) x.err = "EPIPE"
          destroy(x, "error")
        } else if (!y.shutRead) y.buf.push(...data.slice(from, to))
        return
      }
      case "recv": {
        const r = tryRecv(x, op)
        if (r !== undefined) return finish(x, op, r)
        const b: Blocked = { op, deadline: undefined, deadlineId: undefined }
        if (x.rto !== undefined && x.rto > 0) {
          b.deadline = now + x.rto
          b.deadlineId = at(b.deadline, { kind: "deadline", side: x.i })
        }
        x.blocked = b
        return
      }
      case "setTimeout":
        x.rto = x.sto = op.ms === null ? undefined : op.ms
        return finish(x, op, { ok: "" })
      case "setTimeouts":
        if (op.receive !== undefined) x.rto = op.receive === null ? undefined : op.receive
        if (op.send !== undefined) x.sto = op.send === null ? undefined : op.send
        return finish(x, op, { ok: "" })
      case "shutdown": {
        if (op.how !== "receive" && !x.shutWrite) {
          x.shutWrite = true
          if (!x.destroyed) {
            if (!y.destroyed) {
              y.gotEnd = true
              if (y.shutWrite) destroy(y, "auto")
            }
            if (x.gotEnd) destroy(x, "auto")
          }
        }
        if (op.how !== "send" && !x.shutRead) {
          x.shutRead = true
          x.buf = []
        }
        return finish(x, op, { ok: "" })
      }
      case "close":
        close(x)
        return finish(x, op, { ok: "" })
    }
  }

  next(S[0])
  next(S[1])
  for (const th of plan.third) at(th.t, { kind: "third", th })
  at(plan.end, { kind: "end" })
  for (;;) {
    const e = heap.pop()
    if (e === undefined) break
    now = e.t
    const ev = e.e
    if (ev.kind === "step") {
      const x = S[ev.side]
      runOp(x, plan.steps[ev.side][x.step]!.op)
    } else if (ev.kind === "deadline") {
      const x = S[ev.side]
      const b = x.blocked!
      x.blocked = undefined
      // a timeout: the connection lives on, a character that may still complete stays buffered
      const body = take(x, whole(x, b.op.mode))
      finish(x, b.op, { err: `TimeoutError partial=${q(shown(b.op.prefix, b.op.mode) + text(b.op.pat === "*l" ? noCR(body) : body, b.op.mode))}` })
    } else if (ev.kind === "third") {
      const x = S[ev.th.side]
      log.push(`${now} C ${ev.th.kind} ${NAMES[ev.th.side]}`)
      if (ev.th.kind === "close") close(x)
      else if (!x.destroyed) destroy(x, "abort")
    } else {
      log.push(`${now} C end`)
      close(S[0])
      close(S[1])
    }
    reeval()
  }
  return { log, times: [...times].sort((a, b) => a - b) }
}

// ---- the implementation -------------------------------------------------------------------------

const describeExit = (exit: Exit.Exit<unknown, unknown>): string => {
  if (Exit.isSuccess(exit)) {
    const v = exit.value
    if (v === undefined) return `ok ${q("")}`
    if (v instanceof Uint8Array) return `ok ${q(Buffer.from(v).toString("latin1"))}`
    return `ok ${q(String(v))}`
  }
  const f = Cause.failureOption(exit.cause)
  if (f._tag === "None") return `defect ${Cause.pretty(exit.cause).split("\n")[0]}`
  const e = f.value as { _tag: string; partial?: string | Uint8Array; sent?: number; limit?: number; buffered?: number; code?: string }
  const p = e.partial instanceof Uint8Array ? Buffer.from(e.partial).toString("latin1") : e.partial
  switch (e._tag) {
    case "LineTooLongError":
      return `LineTooLongError limit=${e.limit} buffered=${e.buffered}`
    case "TimeoutError":
    case "ClosedError":
      return e.sent !== undefined ? `${e._tag} sent=${e.sent}` : `${e._tag} partial=${q(p ?? "<none>")}`
    default:
      return `${e._tag} ${e.code ?? ""} partial=${q(p ?? "<none>")} sent=${e.sent}`
  }
}

const callOf = (sock: Socket.CopasSocket, op: Op, enc: Plan["encoding"]): Effect.Effect<unknown, unknown> => {
  switch (op.k) {
    case "send":
      return op.start === undefined && op.end === undefined
        ? Socket.send(sock, op.data)
        : Socket.send(sock, op.data, op.start, op.end)
    case "recv":
      return op.mode === "receive"
        ? Socket.receive(sock, op.pat, op.prefix)
        : op.mode === "partial"
        ? Socket.receivePartial(sock, op.pat, op.prefix)
        : Socket.receiveBytes(sock, op.pat, op.prefix === undefined ? undefined : Buffer.from(op.prefix, enc))
    case "setTimeout":
      return Socket.setTimeout(sock, op.ms)
    case "setTimeouts":
      return Socket.setTimeouts(sock, {
        ...(op.receive !== undefined ? { receive: op.receive } : {}),
        ...(op.send !== undefined ? { send: op.send } : {})
      })
    case "shutdown":
      return Socket.shutdown(sock, op.how)
    case "close":
      return Socket.close(sock)
  }
}

export const runImpl = (plan: Plan, times: ReadonlyArray<number>) =>
  Effect.gen(function*() {
    const log: Array<string> = []
    let d: Dispatcher | undefined
    const base = yield* Clock.currentTimeMillis
    const ms = Effect.map(Clock.currentTimeMillis, (t) => t - base)
    const init = Effect.gen(function*() {
      d = yield* Copas.Copas
      const raws = MemorySockets.pair()
      const socks: Array<Socket.CopasSocket> = []
      for (let i = 0; i < 2; i++) {
        socks.push(yield* Socket.wrap(raws[i]!, undefined, { encoding: plan.encoding, maxLineLength: plan.maxLine[i]! }))
      }
      for (let i = 0; i < 2; i++) {
        yield* Copas.addThread(Effect.gen(function*() {
          for (const st of plan.steps[i]!) {
            yield* Copas.sleep(st.gap)
            const exit = yield* Effect.exit(callOf(socks[i]!, st.op, plan.encoding))
            log.push(`${yield* ms} ${NAMES[i]} ${opText(st.op)} -> ${describeExit(exit)}`)
          }
        }))
      }
      const events = [...plan.third.map((th) => ({ t: th.t, th })), { t: plan.end, th: undefined }].sort((a, b) => a.t - b.t)
      yield* Copas.addThread(Effect.gen(function*() {
        for (const ev of events) {
          yield* Copas.sleep(ev.t - (yield* ms))
          const th = ev.th
          if (th === undefined) {
            log.push(`${yield* ms} C end`)
            yield* Socket.close(socks[0]!)
            yield* Socket.close(socks[1]!)
          } else {
            log.push(`${yield* ms} C ${th.kind} ${NAMES[th.side]}`)
            if (th.kind === "close") yield* Socket.close(socks[th.side]!)
            else raws[th.side]!.abort()
          }
        }
      }))
    })
    const fiber = yield* Effect.fork(Copas.run(init))
    let now = 0
    for (const t of times) {
      yield* settle(() => d, 4)
      yield* TestClock.adjust(t - now)
      now = t
    }
    yield* settle(() => d, 4)
    for (let k = 0; k < 5 && fiber.unsafePoll() === null; k++) {
      yield* TestClock.adjust(1_000)
      yield* settle(() => d, 4)
    }
    const ended = fiber.unsafePoll() !== null
    if (!ended) yield* Fiber.interrupt(fiber)
    return { log, ended }
  })

/** same-ms lines in a canonical order (which of two tasks logs first within a ms is not specified) */
const canon = (l: ReadonlyArray<string>) =>
  [...l].sort((a, b) => (Number(a.split(" ")[0]) - Number(b.split(" ")[0])) || (a < b ? -1 : a > b ? 1 : 0))

export const check = (seed: number) =>
  Effect.gen(function*() {
    const plan = planOf(seed)
    const m = model(plan)
    const r = yield* runImpl(plan, m.times)
    return { seed, plan, expected: canon(m.log), actual: canon(r.log), ended: r.ended }
  })

modelSuite(
  "Socket",
  "two tasks' random socket scripts on both ends of a connection match the model",
  (s) => model(planOf(s)),
  check
)

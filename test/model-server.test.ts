/**
 * Randomized model check of the server layer: a TCP server (MemorySockets, TestClock) with a random
 * `maxConnections` and server `timeout` serves random clients (tasks) that connect at random
 * milliseconds, send commands and wait for the answer, stay silent (sometimes past the server
 * timeout), then close or reset. The handler echoes, works (sleeps) then answers, fails with a
 * typed error, dies, or closes the socket itself; receive errors end it (failing, on some seeds).
 * At a random instant a control task removes the server (with or without `drain`; with `keepOpen`
 * followed by a second `removeServer`, or by `addServer(server, handler)` again with no options and a
 * later `removeServer`). Every call (time and result), the handlers' lines,
 * `server.connections` and `Server.metrics` at checkpoints, the instant `Copas.run` returns and
 * what is left (`Copas.status()`) are compared with a synchronous model of README "Sockets and
 * servers" / the Servers table, SPEC §5 and reference §2.5.
 */
import { Cause, Clock, Data, Effect, Exit, Fiber, Metric, TestClock } from "effect"
import * as Copas from "effect-copas/Copas"
import * as MemorySockets from "effect-copas/MemorySockets"
import * as Server from "effect-copas/Server"
import * as Socket from "effect-copas/Socket"
import { type Dispatcher, seeded, settle } from "./util/copas.js"
import { resetConn } from "./util/harness.js"
import { EventHeap, modelSuite } from "./util/model.js"

// ---- plans --------------------------------------------------------------------------------------

type Cmd = { readonly k: "echo"; readonly x: string } | { readonly k: "work"; readonly ms: number } | {
  readonly k: "fail" | "die" | "close"
}
interface ClientPlan {
  readonly i: number
  readonly connectAt: number
  readonly steps: ReadonlyArray<{ readonly gap: number; readonly cmd: Cmd }>
  readonly end: { readonly gap: number; readonly how: "close" | "reset" }
}
interface Removal {
  readonly keepOpen: boolean
  readonly drain: number | undefined
}
export interface Plan {
  readonly clients: ReadonlyArray<ClientPlan>
  readonly max: number | undefined
  /** server timeout (ms), undefined = none */
  readonly timeout: number | undefined
  /** client socket timeout (ms) */
  readonly ct: number
  /** receive/send errors make the handler fail (else it returns) */
  readonly propagate: boolean
  readonly removeAt: number
  readonly first: Removal
  /** after a keepOpen removal: removeServer again, or (`readd`) addServer(server) again, then removeServer `gap` later */
  readonly second: { readonly gap: number; readonly drain: number | undefined; readonly readd: number | undefined } | undefined
  readonly checkpoints: ReadonlyArray<number>
}

const cmdText = (c: Cmd): string => (c.k === "echo" ? `echo:${c.x}` : c.k === "work" ? `work:${c.ms}` : c.k)

export const planOf = (seed: number): Plan => {
  const rnd = seeded(seed * 7919 + 101)
  const timeout = rnd(3) === 0 ? undefined : 300 + rnd(1200)
  const max = rnd(3) === 0 ? undefined : 1 + rnd(3)
  const ct = 400 + rnd(2500)
  const clients: Array<ClientPlan> = Array.from({ length: 2 + rnd(7) }, (_, i) => {
    const steps = Array.from({ length: rnd(5) }, (_, k) => {
      const r = rnd(100)
      const cmd: Cmd = r < 50
        ? { k: "echo", x: `c${i}s${k}` }
        : r < 68
        ? { k: "work", ms: 1 + rnd(1500) }
        : r < 77
        ? { k: "fail" }
        : r < 85
        ? { k: "die" }
        : { k: "close" }
      return { gap: 1 + (rnd(4) === 0 ? rnd(2000) : rnd(300)), cmd }
    })
    return {
      i,
      connectAt: 1 + rnd(3000),
      steps,
      end: { gap: 1 + (rnd(3) === 0 ? rnd(2000) : rnd(300)), how: rnd(3) === 0 ? "reset" : "close" }
    }
  })
  const keepOpen = rnd(3) === 0
  const drain = () => (rnd(2) === 0 ? undefined : rnd(5) === 0 ? 0 : 1 + rnd(2000))
  return {
    clients,
    max,
    timeout,
    ct,
    propagate: rnd(2) === 0,
    removeAt: 200 + rnd(5000),
    first: { keepOpen, drain: drain() },
    second: keepOpen ? { gap: 1 + rnd(1500), drain: drain(), readd: rnd(2) === 0 ? 1 + rnd(2000) : undefined } : undefined,
    checkpoints: Array.from({ length: 3 }, () => 1 + rnd(7000)).sort((a, b) => a - b)
  }
}

const describePlan = (p: Plan): string =>
  `max=${p.max} timeout=${p.timeout} ct=${p.ct} propagate=${p.propagate} remove@${p.removeAt} ${JSON.stringify(p.first)}` +
  ` second=${JSON.stringify(p.second)} clients=${
    p.clients.map((c) =>
      `c${c.i}@${c.connectAt}[${c.steps.map((s) => `+${s.gap} ${cmdText(s.cmd)}`).join(", ")}; +${c.end.gap} ${c.end.how}]`
    ).join(" ")
  }`

// ---- the model ----------------------------------------------------------------------------------

interface Conn {
  readonly i: number
  n: number | undefined
  /** client → server lines not taken yet */
  toSrv: Array<string>
  toCli: Array<string>
  srvIn: number
  srvOut: number
  srvClosed: boolean
  /** the client closed (the server reads EOF) */
  srvEof: boolean
  /** the client reset */
  srvErr: boolean
  /** the server wrote to a closed client (EPIPE) */
  srvEpipe: boolean
  /** the server side closed (the client reads EOF) */
  cliEof: boolean
  /** reset by the listener's close, or EPIPE */
  cliErr: boolean
  cliClosed: boolean
}
interface ClientM {
  readonly p: ClientPlan
  conn: Conn | undefined
  step: number
  blocked: number | undefined
}
interface HandlerM {
  readonly n: number
  readonly conn: Conn
  state: "recv" | "work" | "done"
  timer: number | undefined
}

type Ev =
  | { k: "connect"; c: ClientM }
  | { k: "step"; c: ClientM }
  | { k: "end"; c: ClientM }
  | { k: "cdeadline"; c: ClientM }
  | { k: "hdeadline"; h: HandlerM }
  | { k: "work"; h: HandlerM }
  | { k: "remove"; which: 1 | 2 }
  | { k: "readd" }
  | { k: "drain" }
  | { k: "checkpoint" }

const bytes = (s: string) => Buffer.byteLength(s) + 1

export const model = (plan: Plan) => {
  const log: Array<string> = []
  const cover = new Set<string>()
  const heap = new EventHeap<Ev>()
  const times = new Set<number>()
  let now = 0
  const at = (t: number, e: Ev) => {
    times.add(t)
    return heap.add(t, e)
  }
  const L = (s: string) => log.push(`${now} ${s}`)
  // server
  let removed = false
  let listenerOpen = true
  let paused = false
  let connections = 0
  let accepted = 0
  let failures = 0
  let bytesIn = 0
  let bytesOut = 0
  const queue: Array<Conn> = []
  const tasks = new Set<HandlerM>()
  const clientOf = new Map<Conn, ClientM>()
  let draining: { which: 1 | 2; deadline: number | undefined } | undefined
  let lastEnd = 0
  const clients: Array<ClientM> = plan.clients.map((p) => ({ p, conn: undefined, step: 0, blocked: undefined }))

  // -- clients
  const toEnd = (c: ClientM) => {
    c.step = c.p.steps.length
    at(now + c.p.end.gap, { k: "end", c })
  }
  const nextStep = (c: ClientM) => {
    if (c.step >= c.p.steps.length) toEnd(c)
    else at(now + c.p.steps[c.step]!.gap, { k: "step", c })
  }
  const tryRecv = (c: ClientM): string | undefined => {
    const x = c.conn!
    if (x.toCli.length > 0) return `ok ${x.toCli.shift()}`
    if (x.cliErr || x.cliEof) return "ClosedError"
    return undefined
  }
  const clientRecv = (c: ClientM) => {
    const r = tryRecv(c)
    if (r === undefined) {
      c.blocked = at(now + plan.ct, { k: "cdeadline", c })
      return
    }
    recvDone(c, r)
  }
  const recvDone = (c: ClientM, r: string) => {
    L(`c${c.p.i} recv -> ${r}`)
    c.step++
    if (r.startsWith("ok")) nextStep(c)
    else toEnd(c)
  }
  const wakeClient = (x: Conn) => {
    const c = clientOf.get(x)!
    if (c.blocked === undefined) return
    const r = tryRecv(c)
    if (r === undefined) return
    heap.remove(c.blocked)
    c.blocked = undefined
    recvDone(c, r)
  }

  // -- handlers
  const handlerOf = new Map<Conn, HandlerM>()
  const serverClose = (x: Conn) => {
    if (x.srvClosed) return
    x.srvClosed = true
    x.toSrv = []
    connections--
    bytesIn += x.srvIn
    bytesOut += x.srvOut
    if (!x.cliClosed) {
      x.cliEof = true
      wakeClient(x)
    }
    if (paused && (plan.max === undefined || connections < plan.max)) {
      paused = false
      if (queue.length > 0) cover.add(removed ? "slot freed after removal, queue waits" : "slot freed, queued accepted")
      if (!removed) acceptQueued()
    }
  }
  const handlerEnd = (h: HandlerM, how: "ok" | "failure" | "interrupted") => {
    h.state = "done"
    if (h.timer !== undefined) heap.remove(h.timer)
    h.timer = undefined
    serverClose(h.conn)
    if (how === "failure") failures++
    tasks.delete(h)
    lastEnd = now
    if (tasks.size === 0 && draining !== undefined) {
      if (draining.deadline !== undefined) heap.remove(draining.deadline)
      removalDone(draining.which)
    }
  }
  const handlerError = (h: HandlerM, what: string) => {
    L(`h${h.n} ${what}`)
    handlerEnd(h, plan.propagate ? "failure" : "ok")
  }
  const handlerSend = (h: HandlerM, text: string): boolean => {
    const x = h.conn
    if (x.srvErr || x.srvEpipe) {
      cover.add("handler send fails")
      handlerError(h, "send -> ClosedError")
      return false
    }
    x.srvOut += bytes(text)
    if (x.cliClosed) {
      cover.add("handler sends to a closed client")
      x.srvEpipe = true
    }
    else {
      x.toCli.push(text)
      wakeClient(x)
    }
    return true
  }
  const handlerRecv = (h: HandlerM) => {
    const x = h.conn
    if (x.toSrv.length > 0) return handle(h, x.toSrv.shift()!)
    if (x.srvErr || x.srvEof) return handlerError(h, "recv -> ClosedError")
    h.state = "recv"
    if (plan.timeout !== undefined) h.timer = at(now + plan.timeout, { k: "hdeadline", h })
  }
  const wakeHandler = (x: Conn) => {
    const h = handlerOf.get(x)
    if (h === undefined || h.state !== "recv") return
    if (h.timer !== undefined) heap.remove(h.timer)
    h.timer = undefined
    handlerRecv(h)
  }
  const handle = (h: HandlerM, line: string) => {
    L(`h${h.n} got ${line}`)
    if (line.startsWith("echo:")) {
      if (handlerSend(h, line.slice(5))) handlerRecv(h)
    } else if (line.startsWith("work:")) {
      h.state = "work"
      h.timer = at(now + Number(line.slice(5)), { k: "work", h })
    } else if (line === "fail" || line === "die") handlerEnd(h, "failure")
    else {
      serverClose(h.conn)
      handlerEnd(h, "ok")
    }
  }
  const accept = (x: Conn) => {
    const n = ++accepted
    x.n = n
    connections++
    if (plan.max !== undefined && connections >= plan.max) paused = true
    x.srvIn += x.toSrv.reduce((s, l) => s + bytes(l), 0)
    const h: HandlerM = { n, conn: x, state: "recv", timer: undefined }
    handlerOf.set(x, h)
    tasks.add(h)
    L(`h${n} start`)
    handlerRecv(h)
  }
  const acceptQueued = () => {
    while (!removed && listenerOpen && !paused && queue.length > 0) accept(queue.shift()!)
  }

  // -- removal
  const closeListener = () => {
    if (!listenerOpen) return
    listenerOpen = false
    for (const x of queue.splice(0)) {
      // accepted by the "kernel", taken by nobody: reset
      cover.add(x.cliClosed ? "queued closed conn reset by listener close" : "queued conn reset by listener close")
      if (!x.cliClosed) {
        x.cliErr = true
        wakeClient(x)
      }
    }
  }
  const removalDone = (which: 1 | 2) => {
    draining = undefined
    L(`ctl remove${which} -> done`)
    if (which === 1 && plan.second !== undefined) {
      if (plan.second.readd !== undefined) at(now + plan.second.gap, { k: "readd" })
      else at(now + plan.second.gap, { k: "remove", which: 2 })
    }
    else lastEnd = now
  }
  const interruptAll = () => {
    for (const h of [...tasks]) {
      L(`h${h.n} interrupted`)
      handlerEnd(h, "interrupted")
    }
  }
  const remove = (which: 1 | 2) => {
    const o = which === 1 ? plan.first : { keepOpen: false, drain: plan.second!.drain }
    removed = true
    if (!o.keepOpen) closeListener()
    if (o.drain === undefined || tasks.size === 0) return removalDone(which)
    cover.add(o.drain === undefined ? "remove, no drain" : tasks.size === 0 ? "drain, nothing to wait" : o.drain === 0 ? "drain 0 interrupts" : "drain waits")
    if (o.drain === 0) {
      interruptAll()
      if (draining === undefined && tasks.size === 0) return removalDone(which)
      return
    }
    draining = { which, deadline: undefined }
    draining.deadline = at(now + o.drain, { k: "drain" })
  }

  for (const c of clients) at(c.p.connectAt, { k: "connect", c })
  at(plan.removeAt, { k: "remove", which: 1 })
  for (const t of plan.checkpoints) at(t, { k: "checkpoint" })

  for (;;) {
    const e = heap.pop()
    if (e === undefined) break
    now = e.t
    lastEnd = Math.max(lastEnd, now)
    const ev = e.e
    switch (ev.k) {
      case "connect": {
        const c = ev.c
        if (!listenerOpen) {
          L(`c${c.p.i} connect -> ConnectError refused`)
          break
        }
        L(`c${c.p.i} connect -> ok`)
        if (removed) cover.add("connect to a kept-open listener")
        else if (paused) cover.add("connect queued at the limit")
        const x: Conn = {
          i: c.p.i,
          n: undefined,
          toSrv: [],
          toCli: [],
          srvIn: 0,
          srvOut: 0,
          srvClosed: false,
          srvEof: false,
          srvErr: false,
          srvEpipe: false,
          cliEof: false,
          cliErr: false,
          cliClosed: false
        }
        c.conn = x
        clientOf.set(x, c)
        queue.push(x)
        acceptQueued()
        nextStep(c)
        break
      }
      case "step": {
        const c = ev.c
        const x = c.conn!
        const text = cmdText(c.p.steps[c.step]!.cmd)
        if (x.cliErr) {
          L(`c${c.p.i} send ${text} -> ClosedError`)
          toEnd(c)
          break
        }
        L(`c${c.p.i} send ${text} -> ok`)
        if (x.srvClosed) {
          cover.add("client sends to a closed server side")
          x.cliErr = true
        }
        else {
          x.toSrv.push(text)
          if (x.n !== undefined) {
            x.srvIn += bytes(text)
            wakeHandler(x)
          }
        }
        clientRecv(c)
        break
      }
      case "cdeadline": {
        const c = ev.c
        c.blocked = undefined
        recvDone(c, "TimeoutError")
        break
      }
      case "end": {
        const c = ev.c
        const x = c.conn
        L(`c${c.p.i} ${c.p.end.how}`)
        if (x === undefined) break
        x.cliClosed = true
        if (x.srvClosed) break
        cover.add(`client ${c.p.end.how}s ${x.n === undefined ? "while queued" : "accepted"}${x.toSrv.length > 0 ? " with unread lines" : ""}`)
        if (c.p.end.how === "reset") {
          x.srvErr = true
          if (x.n === undefined) {
            // reset while queued: what it sent is gone with it
            x.toSrv = []
          }
        } else x.srvEof = true
        if (x.n !== undefined) wakeHandler(x)
        break
      }
      case "hdeadline": {
        const h = ev.h
        h.timer = undefined
        cover.add("server timeout")
        handlerError(h, "recv -> TimeoutError")
        break
      }
      case "work": {
        const h = ev.h
        h.timer = undefined
        if (handlerSend(h, "done")) handlerRecv(h)
        break
      }
      case "remove":
        remove(ev.which)
        break
      case "readd":
        cover.add(queue.length > 0 ? "re-added with queued connections" : "re-added")
        removed = false
        L("ctl readd -> done")
        if (!paused) acceptQueued()
        at(now + plan.second!.readd!, { k: "remove", which: 2 })
        break
      case "drain":
        cover.add("drain deadline interrupts")
        draining!.deadline = undefined
        interruptAll()
        break
      case "checkpoint":
        L(`metrics conns=${connections} open=${connections} acc=${accepted} fail=${failures} in=${bytesIn} out=${bytesOut}`)
        break
    }
  }
  log.push(`${lastEnd} run returned`)
  log.push(`final conns=${connections} open=${connections} acc=${accepted} fail=${failures} in=${bytesIn} out=${bytesOut}`)
  log.push(`status read=0 write=0 active=0 inactive=0 timeout=0`)
  return { log, cover, times: [...times].sort((a, b) => a - b) }
}

// ---- the implementation -------------------------------------------------------------------------

class HandlerError extends Data.TaggedError("HandlerError")<{}> {}

const tagOf = (exit: Exit.Exit<unknown, unknown>): string => {
  if (Exit.isSuccess(exit)) return "ok"
  if (Cause.isInterruptedOnly(exit.cause)) return "interrupted"
  const f = Cause.failureOption(exit.cause)
  if (f._tag === "None") return `defect ${Cause.pretty(exit.cause).split("\n")[0]}`
  const e = f.value as { _tag: string; reason?: string }
  return e._tag === "ConnectError" ? `ConnectError ${e.reason}` : e._tag
}

export const runImpl = (plan: Plan, times: ReadonlyArray<number>, name: string) =>
  Effect.gen(function*() {
    const log: Array<string> = []
    let d: Dispatcher | undefined
    const base = yield* Clock.currentTimeMillis
    const ms = Effect.map(Clock.currentTimeMillis, (t) => t - base)
    const L = (s: string) => Effect.map(ms, (t) => void log.push(`${t} ${s}`))
    const counter = (m: Metric.Metric.Counter<number>) =>
      Effect.map(Metric.value(Metric.tagged(m, "server", name)), (s) => s.count)
    const snapshot = Effect.gen(function*() {
      return {
        open: (yield* Metric.value(Metric.tagged(Server.metrics.connectionsOpen, "server", name))).value,
        acc: yield* counter(Server.metrics.connectionsAccepted),
        fail: yield* counter(Server.metrics.handlerFailures),
        in: yield* counter(Server.metrics.bytesIn),
        out: yield* counter(Server.metrics.bytesOut)
      }
    })
    const b = yield* snapshot
    let server: Server.CopasServer | undefined
    const metricsLine = Effect.map(snapshot, (s) =>
      `conns=${server!.connections} open=${s.open} acc=${s.acc - b.acc} fail=${s.fail - b.fail} in=${s.in - b.in} out=${
        s.out - b.out
      }`)

    const handler = (sock: Socket.CopasSocket) =>
      Effect.gen(function*() {
        const n = (yield* Copas.getThreadName()).split("_").pop()
        yield* L(`h${n} start`)
        const bad = (what: string, exit: Exit.Exit<unknown, unknown>) =>
          Effect.zipRight(L(`h${n} ${what} -> ${tagOf(exit)}`), plan.propagate ? Effect.failCause((exit as Exit.Failure<unknown, unknown>).cause) : Effect.void)
        for (;;) {
          const r = yield* Effect.exit(Socket.receive(sock))
          if (Exit.isFailure(r)) return yield* bad("recv", r)
          const line = r.value
          yield* L(`h${n} got ${line}`)
          let answer: string | undefined
          if (line.startsWith("echo:")) answer = line.slice(5)
          else if (line.startsWith("work:")) {
            yield* Copas.sleep(Number(line.slice(5)))
            answer = "done"
          } else if (line === "fail") return yield* Effect.fail(new HandlerError())
          else if (line === "die") return yield* Effect.die("boom")
          else return yield* Socket.close(sock)
          const s = yield* Effect.exit(Socket.send(sock, `${answer}\n`))
          if (Exit.isFailure(s)) return yield* bad("send", s)
        }
      }).pipe(Effect.onInterrupt(() =>
        Effect.flatMap(Copas.getThreadName(), (t) => L(`h${t.split("_").pop()} interrupted`))
      ))

    const init = Effect.gen(function*() {
      d = yield* Copas.Copas
      yield* Copas.setErrorHandler(() => Effect.void, { default: true })
      const srv = yield* Server.addServer({ host: "127.0.0.1", port: 0 }, handler, {
        name,
        ...(plan.timeout !== undefined ? { timeout: plan.timeout } : {}),
        ...(plan.max !== undefined ? { maxConnections: plan.max } : {})
      })
      server = srv
      for (const cp of plan.clients) {
        yield* Copas.addThread(Effect.gen(function*() {
          yield* Copas.sleep(cp.connectAt - (yield* ms))
          const c = yield* Socket.tcp()
          yield* Socket.setTimeout(c, plan.ct)
          const ce = yield* Effect.exit(Socket.connect(c, "127.0.0.1", srv.port))
          yield* L(`c${cp.i} connect -> ${tagOf(ce)}`)
          if (Exit.isFailure(ce)) return yield* Socket.close(c)
          for (const st of cp.steps) {
            yield* Copas.sleep(st.gap)
            const text = cmdText(st.cmd)
            const se = yield* Effect.exit(Socket.send(c, `${text}\n`))
            yield* L(`c${cp.i} send ${text} -> ${tagOf(se)}`)
            if (Exit.isFailure(se)) break
            const re = yield* Effect.exit(Socket.receive(c))
            yield* L(`c${cp.i} recv -> ${Exit.isSuccess(re) ? `ok ${re.value}` : tagOf(re)}`)
            if (Exit.isFailure(re)) break
          }
          yield* Copas.sleep(cp.end.gap)
          yield* L(`c${cp.i} ${cp.end.how}`)
          if (cp.end.how === "reset") resetConn((c as unknown as { conn: { destroy(e?: Error): unknown } }).conn)
          yield* Socket.close(c)
        }))
      }
      yield* Copas.addThread(Effect.gen(function*() {
        yield* Copas.sleep(plan.removeAt)
        yield* Server.removeServer(srv, {
          keepOpen: plan.first.keepOpen,
          ...(plan.first.drain !== undefined ? { drain: plan.first.drain } : {})
        })
        yield* L("ctl remove1 -> done")
        if (plan.second !== undefined) {
          yield* Copas.sleep(plan.second.gap)
          if (plan.second.readd !== undefined) {
            yield* Server.addServer(srv, handler)
            yield* L("ctl readd -> done")
            yield* Copas.sleep(plan.second.readd)
          }
          yield* Server.removeServer(srv, plan.second.drain !== undefined ? { drain: plan.second.drain } : {})
          yield* L("ctl remove2 -> done")
        }
      }))
      yield* Copas.addThread(Effect.gen(function*() {
        for (const t of plan.checkpoints) {
          yield* Copas.sleep(t - (yield* ms))
          yield* L(`metrics ${yield* metricsLine}`)
        }
      }))
    })
    const fiber = yield* Effect.fork(
      Copas.run(init).pipe(
        Effect.zipRight(L("run returned")),
        Effect.provide(MemorySockets.layer)
      )
    )
    let now = 0
    for (const t of times) {
      yield* settle(() => d, 4)
      if (fiber.unsafePoll() !== null) break
      yield* TestClock.adjust(t - now)
      now = t
    }
    yield* settle(() => d, 4)
    for (let k = 0; k < 10 && fiber.unsafePoll() === null; k++) {
      yield* TestClock.adjust(1_000)
      yield* settle(() => d, 4)
    }
    const ended = fiber.unsafePoll() !== null
    if (!ended) yield* Fiber.interrupt(fiber)
    else {
      const ex = fiber.unsafePoll()!
      if (Exit.isFailure(ex)) log.push(`run failed ${Cause.pretty(ex.cause).split("\n")[0]}`)
    }
    log.push(`final ${yield* metricsLine}`)
    const st = yield* Copas.status().pipe(Effect.provideService(Copas.Copas, d!))
    log.push(`status read=${st.read} write=${st.write} active=${st.active} inactive=${st.inactive} timeout=${st.timeout}`)
    return { log, ended }
  })

/** same-ms lines in a canonical order (which of two tasks logs first within a ms is not specified) */
const canon = (l: ReadonlyArray<string>) => {
  const timed = l.filter((x) => /^\d/.test(x))
  const rest = l.filter((x) => !/^\d/.test(x))
  return [
    ...timed.sort((a, b) => (Number(a.split(" ")[0]) - Number(b.split(" ")[0])) || (a < b ? -1 : a > b ? 1 : 0)),
    ...rest
  ]
}

export const check = (seed: number) =>
  Effect.gen(function*() {
    const plan = planOf(seed)
    const m = model(plan)
    const r = yield* runImpl(plan, m.times, `model-srv-${seed}`)
    return { seed, plan, expected: canon(m.log), actual: canon(r.log), ended: r.ended }
  })

modelSuite(
  "Server",
  "random clients of a server with maxConnections, timeout and removal match the model",
  (s) => model(planOf(s)),
  check,
  (r) => describePlan(r.plan)
)

/**
 * The socket core behind `Socket.ts`: a pull reader with back-pressure over any stream `Duplex`
 * (node:net, node:tls or the memory network), datagram queues for UDP, Copas's per-call deadlines
 * on the dispatcher's timer heap, and the TLS upgrade in place.
 *
 * Design notes (why):
 * - Reads: the Duplex flows into a list of chunks (`c0`, then `cs`) plus an offset into the first one; a line is found
 *   with `Buffer.indexOf` and decoded straight from the chunk range, so a buffered line costs no
 *   copy and no suspension (latin1: a chunk of several lines is decoded once, each line is a slice). Past `HIGH_WATER` buffered bytes with nobody waiting the Duplex is
 *   paused (TCP flow control pushes back on the peer); reading below `LOW_WATER` resumes it.
 * - Calls: `receive`/`send` are Effect instructions of their own (`ReceiveCall`, `SendCall`): one
 *   object per call built, no closure, nothing of ours allocated per run on the common paths. A call
 *   that completes at once hands its value straight to the fiber's next continuation, and enters
 *   the next socket call that continuation returns (`succeedNow`, `enterCall`): a receive+send line
 *   of an echo loop takes 2 run-loop steps, not 6.
 * - Waits: the socket's owner task (the handler of a connection) waits in a reused slot
 *   (`OwnWait`): no allocation per wait, and a wake-up resumes the fiber with the call itself.
 *   Other fibers wait with one `asyncCancel` each (with a canceler). The socket's event callbacks
 *   call the resume directly, and the resume goes through the dispatcher's scheduler. A wait
 *   registers in `d.reading`/`d.writing` while it is suspended. A deadline is one TIMEOUT entry in
 *   the dispatcher's heap (TestClock-able).
 * - Writes: `write()` and go on (a string as it is: Node encodes it on the way out); a send suspends
 *   on 'drain' only when the Duplex asks for it. While more input is already buffered (pipelining)
 *   the replies are collected and written once, on the next tick or when the task waits for input.
 * - Memory per connection: no closures per socket (the connection's listeners are module functions
 *   that find the socket through a symbol property), arrays made only when needed, hot fields first.
 * - Fairness: a call that completes without suspending counts towards a budget (bytes and calls);
 *   when it runs out the task yields once to I/O (Copas yields on 10% of its I/O loops).
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import { readFileSync } from "node:fs"
import { isIP } from "node:net"
import * as tls from "node:tls"
import { ClosedError, ConnectError, LineTooLongError, SocketError, TimeoutError, TlsError } from "../Errors.js"
import { withBit } from "./bits.js"
import { asyncCancel, asyncNoCancel, type Dispatcher, type NamedSocket, taskOf, type TaskExitHook, type TaskExitListener, type TaskImpl, yieldToIO } from "./dispatcher.js"
import { type Entry, TIMEOUT } from "./heap.js"
import { raceFirst } from "./race.js"
import { currentFiber as currentFiberOf, EffectPrimitive as Primitive } from "./primitive.js"
import type { DatagramTransport, Endpoint, Network, StreamConn } from "./transport.js"

/** @internal */
export const SocketTypeId: unique symbol = Symbol.for("effect-copas/Socket")

export const HIGH_WATER = 256 * 1024
export const LOW_WATER = 64 * 1024
/** datagrams queued per UDP socket before new ones are dropped (as the OS would) */
export const MAX_DATAGRAMS = 1024
export const DEFAULT_DATAGRAM = 8192
const WRITE_CHUNK = 256 * 1024
const FAIR_BYTES = 64 * 1024
const FAIR_CALLS = 32
/** largest rest of a chunk decoded at once for the lines in it (see `takeLine`) */
const SLICE_MAX = 16 * 1024

export type Encoding = "utf8" | "latin1"
export type Pattern = "*l" | "*a" | number

export type ReceiveError = TimeoutError | ClosedError | LineTooLongError | SocketError
export type SendError = TimeoutError | ClosedError | SocketError

/** Options of the TLS layer (Copas's sslparams, in Node's terms). See `Socket.TlsOptions`. */
export interface TlsOptions {
  readonly mode?: "client" | "server" | undefined
  readonly key?: string | Buffer | undefined
  readonly cert?: string | Buffer | undefined
  /** LuaSec's name for `cert` */
  readonly certificate?: string | Buffer | undefined
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer> | undefined
  /** LuaSec's name for `ca` (a file) */
  readonly cafile?: string | undefined
  readonly passphrase?: string | undefined
  readonly verify?: boolean | "none" | "peer" | ReadonlyArray<string> | undefined
  readonly servername?: string | undefined
  readonly minVersion?: tls.SecureVersion | undefined
  readonly maxVersion?: tls.SecureVersion | undefined
  /** LuaSec's protocol: "tlsv1_2", "tlsv1_3", "any" */
  readonly protocol?: string | undefined
  readonly ciphers?: string | undefined
  readonly alpn?: string | ReadonlyArray<string> | undefined
  readonly sni?: {
    readonly names: string | Readonly<Record<string, TlsOptions | tls.SecureContext>>
    readonly strict?: boolean | undefined
  } | undefined
  readonly secureContext?: tls.SecureContext | undefined
}

const pemOrFile = (v: string | Buffer | undefined): string | Buffer | undefined =>
  v === undefined || Buffer.isBuffer(v) || v.includes("-----BEGIN") ? v : readFileSync(v)

const protocolVersions = (p: string | undefined): { min?: tls.SecureVersion; max?: tls.SecureVersion } => {
  switch (p) {
    case undefined:
    case "any":
      return {}
    case "tlsv1_3":
      return { min: "TLSv1.3", max: "TLSv1.3" }
    case "tlsv1_2":
      return { min: "TLSv1.2", max: "TLSv1.2" }
    case "tlsv1_1":
      return { min: "TLSv1.1", max: "TLSv1.1" }
    case "tlsv1":
      return { min: "TLSv1", max: "TLSv1" }
    default:
      throw new TypeError(`unsupported TLS protocol: ${p}`)
  }
}

/** The parts of Node's secure-context options that come from our options. */
const contextOptions = (o: TlsOptions): tls.SecureContextOptions => {
  const v = protocolVersions(o.protocol)
  const ca = o.ca !== undefined
    ? (Array.isArray(o.ca) ? (o.ca as ReadonlyArray<string | Buffer>).map(pemOrFile) : pemOrFile(o.ca as string | Buffer))
    : o.cafile !== undefined
    ? pemOrFile(o.cafile)
    : undefined
  const r: Record<string, unknown> = {}
  const key = pemOrFile(o.key)
  const cert = pemOrFile(o.cert ?? o.certificate)
  if (key !== undefined) r.key = key
  if (cert !== undefined) r.cert = cert
  if (ca !== undefined) r.ca = ca
  if (o.passphrase !== undefined) r.passphrase = o.passphrase
  if (o.ciphers !== undefined) r.ciphers = o.ciphers
  const min = o.minVersion ?? v.min
  const max = o.maxVersion ?? v.max
  if (min !== undefined) r.minVersion = min
  if (max !== undefined) r.maxVersion = max
  return r as tls.SecureContextOptions
}

const verifyOn = (o: TlsOptions, server: boolean): boolean => {
  const v = o.verify
  if (v === undefined) return !server
  if (typeof v === "boolean") return v
  if (v === "none") return false
  if (v === "peer") return true
  return !(v as ReadonlyArray<string>).includes("none")
}

const alpnList = (a: TlsOptions["alpn"]): Array<string> | undefined =>
  a === undefined ? undefined : typeof a === "string" ? [a] : [...a]

const contextCache = new WeakMap<object, tls.SecureContext>()
const contextFor = (o: TlsOptions | tls.SecureContext): tls.SecureContext => {
  if ("context" in o) {
    return o as tls.SecureContext
  }
  const opts = o as TlsOptions
  if (opts.secureContext !== undefined) return opts.secureContext
  let c = contextCache.get(opts)
  if (c === undefined) {
    c = tls.createSecureContext(contextOptions(opts))
    contextCache.set(opts, c)
  }
  return c
}

/**
 * Why a TLS server with these options could never complete a handshake (`undefined`: none found):
 * what the server side of `handshake` would build for each connection (its own key and
 * certificate, every SNI entry), built once, so a server with a missing file or a key that does
 * not match its certificate fails to start instead of failing every connection.
 */
export const serverTlsProblem = (o: TlsOptions): TlsError | undefined => {
  const params = (detail: string, cause?: unknown) =>
    new TlsError(cause === undefined ? { reason: "params", detail } : { reason: "params", detail, cause })
  const names = o.sni !== undefined && typeof o.sni.names === "object" ? o.sni.names : undefined
  const cert = o.cert ?? o.certificate
  if (o.secureContext === undefined && (o.key === undefined) !== (cert === undefined)) {
    return params("a TLS server needs both a key and a certificate")
  }
  const hasOwn = o.secureContext !== undefined || o.key !== undefined
  if (!hasOwn && (names === undefined || Object.keys(names).length === 0)) {
    return params("a TLS server needs a key and a certificate (or sni names)")
  }
  try {
    if (hasOwn) contextFor(o)
    if (names !== undefined) for (const name of Object.keys(names)) contextFor(names[name]!)
  } catch (err) {
    return params(String((err as Error)?.message ?? err), err)
  }
  return undefined
}

const VERIFY_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "HOSTNAME_MISMATCH"
])

const tlsErrorOf = (err: unknown, sniRejected: string | undefined): TlsError => {
  const e = err as { code?: string; message?: string; reason?: string }
  const code = e?.code
  const detail = e?.reason ?? e?.message ?? String(err)
  if (sniRejected !== undefined) {
    return new TlsError({ reason: "sni", detail: `unknown server name '${sniRejected}'`, code, cause: err })
  }
  if (code !== undefined && (VERIFY_CODES.has(code) || code.includes("CERT"))) {
    return new TlsError({ reason: "verification", detail, code, cause: err })
  }
  if (code !== undefined && code.includes("UNRECOGNIZED_NAME")) {
    return new TlsError({ reason: "sni", detail, code, cause: err })
  }
  return new TlsError({ reason: "handshake", detail, code, cause: err })
}

/**
 * The client certificate's verification on a server-side TLSSocket (`null`: verified). Node
 * verifies it (and sets `authorized`) only for sockets of a `tls.Server`; a standalone
 * `new TLSSocket(s, { isServer: true, requestCert: true })` lets the handshake succeed whatever
 * the certificate, so we ask the handle as `tls.Server` does.
 */
const peerVerifyError = (sock: tls.TLSSocket): Error | null => {
  const handle = (sock as unknown as { _handle?: { verifyError?: () => Error | null | undefined } })._handle
  if (typeof handle?.verifyError === "function") {
    const err = handle.verifyError() ?? null
    const s = sock as { authorized: boolean; authorizationError: Error }
    if (err === null) s.authorized = true
    else s.authorizationError = err
    return err
  }
  // no such handle (should not happen): at least insist on a certificate
  const cert = sock.getPeerCertificate()
  return cert !== null && Object.keys(cert).length > 0 ? null : new Error("peer did not return a certificate")
}

/**
 * The host a wrapped transport was connected to, when it knows: node:net's `_host` (the name given
 * to `connect`), else the peer's address (a certificate is then checked against that IP).
 */
const connectedHost = (raw: unknown): string | undefined => {
  const r = raw as { _host?: unknown; remoteAddress?: unknown }
  if (typeof r._host === "string" && r._host !== "") return r._host
  return typeof r.remoteAddress === "string" && r.remoteAddress !== "" ? r.remoteAddress : undefined
}

const isResetCode = (code: string | undefined): boolean =>
  code === "ECONNRESET" || code === "EPIPE" || code === "ECONNABORTED" || code === "ERR_STREAM_DESTROYED" ||
  code === "ERR_STREAM_WRITE_AFTER_END" || code === "ERR_STREAM_PREMATURE_CLOSE"

const TRUE = Effect.succeed(true)
const FALSE = Effect.succeed(false)

/**
 * Effect's instruction class: socket calls are instructions of their own (below). Without it (an
 * Effect whose instructions changed shape) this module cannot load; the failure is immediate and
 * names the cause instead of misbehaving later.
 */
const EffectPrimitive = Primitive ?? (() => {
  throw new Error("effect-copas: this version of effect has instructions of an unknown shape (see internal/primitive.ts)")
})()

type AnyFiber = Fiber.RuntimeFiber<unknown, unknown>

/** The parts of Effect's fiber run loop `succeedNow` uses (present on every `FiberRuntime` of 3.x). */
interface Frame {
  readonly _op: string
  readonly effect_instruction_i0: unknown
  readonly effect_instruction_i1: (a: unknown) => unknown
  readonly effect_instruction_i2: (a: unknown) => unknown
}
interface RunLoop {
  getNextSuccessCont?(): Frame | undefined
  pushStack(frame: Frame): void
}

/**
 * A call's result handed straight to the fiber's next continuation, as Effect's own `Sync`
 * instruction does, instead of a new `Success` instruction for the next run-loop step: one step and
 * one allocation less per call (two per echoed line). Only frames whose success handler is a plain
 * function call are taken (`flatMap`, `matchEffect` ...); any other frame is put back and the value
 * goes through the run loop as usual. Must be called synchronously from the fiber's own instruction
 * (the fiber's stack top is where the result goes).
 */
const succeedNow = <A>(fiber: AnyFiber, value: A): Effect.Effect<A> => {
  const f = fiber as unknown as RunLoop
  if (f.getNextSuccessCont !== undefined) {
    const cont = f.getNextSuccessCont()
    if (cont !== undefined) {
      if (cont._op === "OnSuccess") return enterCall(f, cont.effect_instruction_i1(value) as Frame) as Effect.Effect<A>
      if (cont._op === "OnSuccessAndFailure") return enterCall(f, cont.effect_instruction_i2(value) as Frame) as Effect.Effect<A>
      f.pushStack(cont)
    }
  }
  return Effect.succeed(value)
}

/**
 * When the continuation's next instruction is `flatMap(call, k)` / `matchEffect(call, ...)` with a
 * socket call (a loop of receive and send), its frame is pushed now and the call is the next
 * step, as the run loop's next step would do: one step less per call. Only for our calls, so it
 * never goes further than one instruction.
 */
const enterCall = (f: RunLoop, next: Frame): unknown => {
  // (a continuation that returned no Effect is left to the run loop, which reports it)
  if (next != null && (next._op === "OnSuccess" || next._op === "OnSuccessAndFailure")) {
    const call = next.effect_instruction_i0
    if (call instanceof ReceiveCall || call instanceof SendCall) {
      f.pushStack(next)
      return call
    }
  }
  return next
}

/**
 * A socket call as an Effect instruction of its own: a "Commit" primitive (the instruction
 * `Effect.suspend` builds) whose `commit` method is shared and reads the arguments from the
 * instruction. Building a call allocates one object and no closure (the echo loop builds a send per
 * line). It stays a lazy description: nothing happens until it runs, and it can run any number of
 * times. Not "WithRuntime": the run loop runs that with a new fiber-status object and closure each
 * time (~150 bytes of garbage per call). The running fiber is the one Effect's run loop publishes
 * (`currentFiber` in primitive.ts).
 */
const currentFiber = currentFiberOf as () => AnyFiber | undefined

const CallBase = EffectPrimitive as unknown as new(op: string) => { effect_instruction_i0: unknown; effect_instruction_i1: unknown }

class ReceiveCall extends CallBase {
  /** this call resumed after an own-task wait (`SocketImpl.ownWait`); made on first use */
  resumed: Resumed | undefined = undefined
  constructor(
    readonly sock: SocketImpl,
    readonly pattern: Pattern | undefined,
    readonly prefix: string | Uint8Array | undefined,
    readonly bytes: boolean,
    readonly partial: boolean
  ) {
    super("Commit")
  }
  commit(): Effect.Effect<string | Uint8Array, ReceiveError> {
    const f = currentFiber()
    return f !== undefined
      ? this.sock.runReceive(this, f, false)
      : Effect.withFiberRuntime((fb) => this.sock.runReceive(this, fb as AnyFiber, false))
  }
}

class SendCall extends CallBase {
  /** this call resumed after an own-task wait for 'drain'; made on first use */
  resumed: Resumed | undefined = undefined
  constructor(
    readonly sock: SocketImpl,
    readonly data: string | Uint8Array,
    readonly start: number | undefined,
    readonly end: number | undefined
  ) {
    super("Commit")
  }
  commit(): Effect.Effect<number, SendError> {
    const f = currentFiber()
    return f !== undefined
      ? this.sock.runSend(this, f, false)
      : Effect.withFiberRuntime((fb) => this.sock.runSend(this, fb as AnyFiber, false))
  }
}

/**
 * A call run again after an own-task wait: what the woken fiber resumes with (once per echoed
 * line). A "Commit" primitive with its own `commit` (as `Effect.suspend` builds it) and `i1` = the
 * call, not a third subclass: the base constructor's field initializers are shared by every
 * subclass, and past 4 shapes V8 makes them megamorphic (0.5 µs per construction measured). Not
 * "WithRuntime" either: see `ReceiveCall` (~150 bytes of garbage per run).
 */
type Resumed = { readonly effect_instruction_i1: ReceiveCall | SendCall }
const resumedOf = (call: ReceiveCall | SendCall): Resumed => {
  const op = new EffectPrimitive("Commit")
  op.commit = runResumed
  op.effect_instruction_i1 = call
  return op as unknown as Resumed
}
function runResumed(this: Resumed): Effect.Effect<unknown, unknown> {
  const c = this.effect_instruction_i1
  const f = currentFiber()
  if (f === undefined) return Effect.withFiberRuntime((fb) => runCall(c, fb as AnyFiber))
  return runCall(c, f)
}
const runCall = (c: ReceiveCall | SendCall, fiber: AnyFiber): Effect.Effect<unknown, unknown> =>
  c instanceof ReceiveCall ? c.sock.runReceive(c, fiber, true) : c.sock.runSend(c, fiber, true)

/**
 * A socket's wait slot for its owner task (one for reads, one for writes; made on first use).
 * The owner is the first registered task whose own fiber waits on the socket; it keeps the slot
 * until it ends (other fibers wait through `SocketImpl.wait`). Its waits allocate nothing: the
 * suspension is one instruction shared by all (`parkOwn`), and a wake-up resumes the fiber with the
 * call itself (`retry`), which runs again. No canceler: the owner's fiber is interrupted only to
 * end the task, and a wait left behind is replaced by the next one or woken (dropped) when the
 * socket closes or the task ends (`exitTask`).
 */
class OwnWait {
  // (layout order: what every wait and wake-up touches first)
  readonly task: TaskImpl
  readonly write: boolean
  /** the parked fiber's resume while it waits */
  resume: ((effect: Effect.Effect<unknown, unknown>) => void) | undefined = undefined
  /** what the woken fiber runs: the call again */
  retry: Resumed | undefined = undefined
  /** `bytesIn` when the call found nothing to take (see `park`) */
  seen = 0
  /** the deadline of the call in progress, kept across its waits (undefined: none) */
  deadline: number | undefined = undefined
  timedOut = false
  entry: Entry | undefined = undefined
  onTimeout: (() => void) | undefined = undefined
  readonly sock: SocketImpl
  constructor(sock: SocketImpl, task: TaskImpl, write: boolean) {
    this.task = task
    this.write = write
    this.sock = sock
  }
}

/**
 * The suspension of every own wait: one instruction for all sockets, not one (with its closure)
 * per socket: ~180 bytes less per idle connection. An Async instruction's registration gets only
 * the resume callback, so the wait travels in the owner task (`TaskImpl.parking`, set by
 * `ownWait` just before the fiber runs this): the fiber running it is the one whose call returned
 * it, and a task has one own fiber.
 */
const parkOwn: Effect.Effect<never> = asyncNoCancel<never>((resume) => {
  const task = taskOf(currentFiber()!)
  // (not cleared: the next own wait sets it first, and it names a wait the task owns anyway)
  const w = task.parking as OwnWait
  w.sock.park(w, resume as (effect: Effect.Effect<unknown, unknown>) => void)
})

/** a deadline as `OwnWait` keeps it (a field that is never a boxed Infinity) */
const finite = (deadline: number): number | undefined => deadline === Infinity ? undefined : deadline

const uncorkSocket = (s: SocketImpl): void => s.uncork()

/** `Uint8Array` → `Buffer` without copying. */
export const asBuffer = (u: Uint8Array): Buffer =>
  Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength)

/** Node's own decoders (what `Buffer#toString` calls after checking its arguments). */
type Slicer = (this: Buffer, start: number, end: number) => string
const bufferProto = Buffer.prototype as unknown as { latin1Slice?: Slicer; utf8Slice?: Slicer }
const latin1Slice: Slicer = bufferProto.latin1Slice ?? function(this: Buffer, s, e) {
  return this.toString("latin1", s, e)
}
const utf8Slice: Slicer = bufferProto.utf8Slice ?? function(this: Buffer, s, e) {
  return this.toString("utf8", s, e)
}
/** `buf.toString(enc, start, end)` for a valid range */
const decodeRange = (buf: Buffer, start: number, end: number, enc: Encoding): string =>
  start === end ? "" : (enc === "latin1" ? latin1Slice : utf8Slice).call(buf, start, end)

/**
 * Whether `lead`, `second` can begin a well-formed UTF-8 sequence of more than `have` bytes
 * (Unicode Table 3-7: the second byte's range depends on the lead byte).
 */
const utf8Continues = (lead: number, second: number, have: number): boolean => {
  const len = lead >= 0xf5 ? 0 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0
  if (len <= have) return false
  if (have === 1) return true
  const lo = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80
  const hi = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf
  return second >= lo && second <= hi
}

/** Removes every CR (LuaSocket's "*l" drops them all, not only the one before LF). */
const decodeNoCR = (buf: Buffer, start: number, end: number, enc: Encoding): string => {
  const cr = buf.indexOf(13, start)
  if (cr === -1 || cr >= end) return decodeRange(buf, start, end, enc)
  if (cr === end - 1) return decodeRange(buf, start, end - 1, enc)
  const out = Buffer.allocUnsafe(end - start)
  let j = 0
  for (let i = start; i < end; i++) {
    const b = buf[i]!
    if (b !== 13) out[j++] = b
  }
  return out.toString(enc, 0, j)
}
const stripCR = (buf: Buffer): Buffer => {
  if (buf.indexOf(13) === -1) return buf
  const out = Buffer.allocUnsafe(buf.length)
  let j = 0
  for (let i = 0; i < buf.length; i++) if (buf[i] !== 13) out[j++] = buf[i]!
  return out.subarray(0, j)
}

interface Datagram {
  readonly data: Buffer
  readonly from: Endpoint
}

/** What `receiveFrom` returns. */
export interface ReceivedFrom<A> {
  readonly data: A
  readonly address: string
  readonly port: number
}

export interface Stats {
  readonly bytesReceived: number
  readonly bytesSent: number
  /** seconds since the socket was made (LuaSocket's `getstats` age) */
  readonly age: number
}

const openSockets = new WeakMap<Dispatcher, Set<SocketImpl>>()
const registerOpen = (s: SocketImpl): void => {
  let set = openSockets.get(s.d)
  if (set === undefined) {
    const fresh = new Set<SocketImpl>()
    set = fresh
    openSockets.set(s.d, fresh)
    // closing the dispatcher (or cancelAll) closes every socket it still has open
    s.d.closeHooks.add(() => {
      for (const sk of [...fresh]) sk.closeNow()
    })
  }
  set.add(s)
}

let socketCounter = 0
const EPOCH = Date.now()
const sinceEpoch = (): number => {
  const ms = Date.now() - EPOCH
  return ms < 0x3fffffff ? ms | 0 : ms
}

/** The socket a connection feeds: its listeners are module functions, not closures per socket. */
const kSocket: unique symbol = Symbol("effect-copas/SocketImpl")
type Fed = StreamConn & { [kSocket]?: SocketImpl }
function connData(this: Fed, chunk: Buffer): void {
  this[kSocket]!.onData(chunk)
}
function connEnd(this: Fed): void {
  this[kSocket]!.onEnd()
}
function connClose(this: Fed): void {
  this[kSocket]!.onClosed()
}
function connError(this: Fed, err: Error): void {
  this[kSocket]!.onError(err)
}
function connDrain(this: Fed): void {
  this[kSocket]!.wakeWriters()
}

/**
 * The 'error' listener a network puts on a connection as soon as it exists, so that an RST before
 * the core attached cannot crash (the error stays readable as `errored`). `attach` replaces it
 * with its own (one listener, not two: Node keeps an array per event with more than one).
 */
export const errorGuard = (_err: Error): void => {}

/** A server, told when its connection's socket closes and (after autoclose) when its task ends. */
export interface SocketOwner extends TaskExitListener {
  socketClosed(s: SocketImpl): void
}

/** the bits of `SocketImpl.bits` */
const SHUT_READ = 1
const SHUT_WRITE = 2
const CLOSED = 4
const EOF = 8
const GONE = 16
const FLOW_PAUSED = 32
const CORKED = 64
const SERVER_SIDE = 128
const CONNECTING = 256

/** The options `setOption` keeps: a "set" bit each, and the value in the bit above it. */
export type OptionKey = "nodelay" | "keepalive" | "reuseaddr"
const OPTION_BITS: Record<OptionKey, number> = { nodelay: 1, keepalive: 4, reuseaddr: 16 }

/**
 * What most sockets never use (TLS, UDP, waits of other fibers than the owner's, a connect
 * timeout), in one object made on first write and read through accessors: a server's connection
 * carries one slot for all of it (memory per idle connection; the read paths are as fast).
 */
class SocketExtra {
  /** waits of other fibers than the owner's (see `wait`) */
  readWaiters: Array<() => void> | undefined = undefined
  writeWaiters: Array<() => void> | undefined = undefined
  connectTimeout = Infinity
  raw: StreamConn | undefined = undefined
  dgram: DatagramTransport | undefined = undefined
  datagrams: Array<Datagram> | undefined = undefined
  dropped = 0
  /** the UDP server socket given to a handler: its close does nothing (Copas) */
  noClose = false
  tlsOptions: TlsOptions | undefined = undefined
  tlsSocket: tls.TLSSocket | undefined = undefined
  peerHost: string | undefined = undefined
  sniNames: TlsOptions["sni"] = undefined
}

/** @internal */
export class SocketImpl implements NamedSocket, TaskExitHook {
  // Field order is layout order. The fields a request touches come first: with thousands of
  // connections each request starts with a cold cache, and every cache line counts.
  /** the owner task's wait slots (see `OwnWait`) */
  private rw: OwnWait | undefined = undefined
  /** what was read and not consumed: the first chunk, the offset into it, the chunks after it */
  private c0: Buffer | undefined = undefined
  private off = 0
  private cs: Array<Buffer> | undefined = undefined
  buffered = 0
  /** bytes at the front known to hold no LF */
  private scanned = 0
  bytesIn = 0
  bytesOut = 0
  private fairBytes = 0
  private fairCalls = 0
  /** the socket's yes/no states, one bit each (see the accessors below): one slot, not eight */
  private bits = 0
  error: Error | undefined = undefined
  kind: "master" | "tcp" | "udp"
  encoding: Encoding = "utf8"
  conn: StreamConn | undefined = undefined
  readonly d: Dispatcher
  maxLineLength = 1024 * 1024
  /** the receive and send timeouts in ms, `undefined` for none (see `receiveTimeout`) */
  private rto: number | undefined = undefined
  private sto: number | undefined = undefined
  /** the chunk whose next CR is at `crAt` (see `takeLine`) */
  private crChunk: Buffer | undefined = undefined
  private crAt = -1
  /** `strChunk` (latin1) decoded from `strBase` to its end, when it holds several lines (see `takeLine`) */
  private strChunk: Buffer | undefined = undefined
  private str = ""
  private strBase = 0
  /**
   * replies of the fast path held while more input is buffered (see `send`), written by `uncork`:
   * strings joined (written once, encoded by Node), or buffers once one is not a string
   */
  private batch: string | Array<Buffer> | undefined = undefined
  private batchBytes = 0
  private ww: OwnWait | undefined = undefined
  /** what most sockets never use (see `SocketExtra`); made on first write */
  private x: SocketExtra | undefined = undefined
  /** the task whose end wakes this socket's waiters (set once per task; see `wait`) */
  exitTask: TaskImpl | undefined = undefined
  declare readonly [SocketTypeId]: typeof SocketTypeId // on the prototype (one field less per socket)
  /**
   * the name, or its prefix while `nameN` is not 0: a server's connection gets its name on first
   * use (`nameAs`), most are never asked
   */
  private _name: string | undefined = undefined
  private nameN = 0
  /**
   * when it was made, in ms since the module was loaded: a small integer (`| 0`), so V8 keeps it
   * unboxed (a double field is a 16-byte box per socket); past ~12 days of uptime it is a double
   */
  readonly created = sinceEpoch()
  /** the options set (`setOption`): bits, see `OPTION_BITS` */
  opts = 0
  /**
   * told once when the socket is closed (server accounting; an object, not a closure per socket),
   * and, with autoclose, when its task ends (`taskExited`), closed or not by then
   */
  closeListener: SocketOwner | undefined = undefined
  readonly network: Network | undefined

  constructor(d: Dispatcher, network: Network | undefined, kind: "master" | "tcp" | "udp", name?: string) {
    this.d = d
    this.network = network
    this.kind = kind
    this.name = name ?? `${kind}{${++socketCounter}}`
  }

  get name(): string {
    if (this.nameN !== 0) {
      this._name = `${this._name}${this.nameN}`
      this.nameN = 0
    }
    return this._name!
  }
  set name(name: string) {
    this._name = name
    this.nameN = 0
  }
  /** Names the socket `prefix + n` (n > 0), made when first asked for. */
  nameAs(prefix: string, n: number): void {
    this._name = prefix
    this.nameN = n
  }

  toString(): string {
    return this.name
  }
  toJSON(): unknown {
    return { _id: "CopasSocket", name: this.name, kind: this.kind }
  }

  get isTls(): boolean {
    return this.tlsSocket !== undefined
  }

  /**
   * The end of a server connection's task, with autoclose (the socket is its `exitListener`: no
   * closure per connection): the socket closes, then the server is told.
   */
  taskExited(task: TaskImpl): void {
    // (kept by `closeNow`: a socket the handler closed itself still reports its task's end)
    const owner = this.closeListener
    this.closeNow()
    this.closeListener = undefined
    owner?.taskExited(task)
  }

  // ---- the yes/no states, in `bits` ---------------------------------------------------------------

  private flag(bit: number, on: boolean): void {
    this.bits = withBit(this.bits, bit, on)
  }
  /** `shutdown("receive")` (or both) was called: incoming data is dropped */
  get shutRead(): boolean { return (this.bits & SHUT_READ) !== 0 }
  set shutRead(on: boolean) { this.flag(SHUT_READ, on) }
  get shutWrite(): boolean { return (this.bits & SHUT_WRITE) !== 0 }
  set shutWrite(on: boolean) { this.flag(SHUT_WRITE, on) }
  get closed(): boolean { return (this.bits & CLOSED) !== 0 }
  set closed(on: boolean) { this.flag(CLOSED, on) }
  /** the peer ended its side (or the connection is gone) */
  get eof(): boolean { return (this.bits & EOF) !== 0 }
  set eof(on: boolean) { this.flag(EOF, on) }
  /** the connection closed under us */
  get gone(): boolean { return (this.bits & GONE) !== 0 }
  set gone(on: boolean) { this.flag(GONE, on) }
  private get flowPaused(): boolean { return (this.bits & FLOW_PAUSED) !== 0 }
  private set flowPaused(on: boolean) { this.flag(FLOW_PAUSED, on) }
  private get corked(): boolean { return (this.bits & CORKED) !== 0 }
  private set corked(on: boolean) { this.flag(CORKED, on) }
  get serverSide(): boolean { return (this.bits & SERVER_SIDE) !== 0 }
  set serverSide(on: boolean) { this.flag(SERVER_SIDE, on) }
  /** a `connect` is under way (a second one fails "in-progress" instead of opening another connection) */
  get connecting(): boolean { return (this.bits & CONNECTING) !== 0 }
  set connecting(on: boolean) { this.flag(CONNECTING, on) }

  // ---- the rarely used fields, in `x` -----------------------------------------------------------

  private extra(): SocketExtra {
    return this.x ??= new SocketExtra()
  }
  private get readWaiters() { return this.x?.readWaiters }
  private set readWaiters(v) { this.extra().readWaiters = v }
  private get writeWaiters() { return this.x?.writeWaiters }
  private set writeWaiters(v) { this.extra().writeWaiters = v }
  /**
   * The timeouts in ms (`Infinity`: none). Kept as `undefined` for none: a field holding Infinity
   * has V8's double representation, a box of 16 bytes per socket for each.
   */
  get receiveTimeout(): number { return this.rto ?? Infinity }
  set receiveTimeout(ms: number) { this.rto = ms === Infinity ? undefined : ms }
  get sendTimeout(): number { return this.sto ?? Infinity }
  set sendTimeout(ms: number) { this.sto = ms === Infinity ? undefined : ms }
  get connectTimeout(): number { return this.x?.connectTimeout ?? Infinity }
  set connectTimeout(ms: number) { if (this.x !== undefined || ms !== Infinity) this.extra().connectTimeout = ms }
  /** the transport connection under a TLS socket (undefined: the socket is not TLS) */
  get raw() { return this.x?.raw }
  set raw(v) { this.extra().raw = v }
  get dgram() { return this.x?.dgram }
  set dgram(v) { this.extra().dgram = v }
  get datagrams() { return this.x?.datagrams }
  set datagrams(v) { this.extra().datagrams = v }
  get noClose(): boolean { return this.x?.noClose ?? false }
  set noClose(v: boolean) { this.extra().noClose = v }
  get tlsOptions() { return this.x?.tlsOptions }
  set tlsOptions(v) { this.extra().tlsOptions = v }
  get tlsSocket() { return this.x?.tlsSocket }
  set tlsSocket(v) { this.extra().tlsSocket = v }
  get peerHost() { return this.x?.peerHost }
  set peerHost(v) { this.extra().peerHost = v }
  get sniNames() { return this.x?.sniNames }
  set sniNames(v) { this.extra().sniNames = v }

  /** `setOption`'s value for an option (`undefined`: never set) */
  getOption(key: OptionKey): boolean | undefined {
    const bit = OPTION_BITS[key]
    return (this.opts & bit) === 0 ? undefined : (this.opts & (bit << 1)) !== 0
  }
  setOption(key: OptionKey, value: boolean): void {
    const bit = OPTION_BITS[key]
    this.opts = (this.opts & ~(bit << 1)) | bit | (value ? bit << 1 : 0)
  }

  // ---- events --------------------------------------------------------------------------------

  onData(chunk: Buffer): void {
    // (closed: what still comes while a close lets the written data leave is not ours to keep)
    if ((this.bits & (SHUT_READ | CLOSED)) !== 0) return
    this.pushChunk(chunk)
    this.buffered += chunk.length
    this.bytesIn += chunk.length
    if (this.buffered >= HIGH_WATER && !this.flowPaused && this.rw?.resume === undefined && !(this.readWaiters?.length)) {
      this.flowPaused = true
      this.conn!.pause()
    }
    this.wakeReaders()
  }
  onEnd(): void {
    this.eof = true
    this.wakeAll()
  }
  onClosed(): void {
    this.eof = true
    this.gone = true
    this.wakeAll()
  }
  /** the socket's only 'error' listener, for its whole life (an early RST never crashes) */
  onError(err: Error): void {
    if (this.error === undefined) this.error = err
    this.wakeAll()
  }

  /**
   * Wakes the tasks waiting to read. Their runs are batched as Copas batches them (select, then
   * run every task that became ready): a wake-up from an I/O callback queues the task for the
   * scheduler's drain in the check phase of this loop turn (see `CopasScheduler.ioWake`), after the
   * callbacks of every other socket ready in the same turn, instead of a drain in the microtask
   * checkpoint after each callback (measured: 5–10 % less CPU per echoed line at 16, 256 and 1000
   * connections).
   */
  private wakeReaders(): void {
    const sched = this.d.scheduler
    sched.ioWake = true
    try {
      const rw = this.rw
      if (rw !== undefined && rw.resume !== undefined) this.wakeOwn(rw)
      const ws = this.readWaiters
      if (ws !== undefined && ws.length > 0) {
        if (ws.length === 1) {
          // the usual single reader: no new array
          const w = ws[0]!
          ws.length = 0
          w()
        } else {
          this.readWaiters = []
          for (let i = 0; i < ws.length; i++) ws[i]!()
        }
      }
    } finally {
      sched.ioWake = false
    }
  }
  /** Wakes the tasks waiting to write (batched as {@link wakeReaders}). */
  wakeWriters(): void {
    const sched = this.d.scheduler
    sched.ioWake = true
    try {
      const ww = this.ww
      if (ww !== undefined && ww.resume !== undefined) this.wakeOwn(ww)
      const ws = this.writeWaiters
      if (ws !== undefined && ws.length > 0) {
        this.writeWaiters = []
        for (let i = 0; i < ws.length; i++) ws[i]!()
      }
    } finally {
      sched.ioWake = false
    }
  }
  wakeAll(): void {
    this.wakeReaders()
    this.wakeWriters()
  }
  /** the end of `exitTask`: wake (drop) a wait its interrupted fiber left behind */
  taskEnded(): void {
    this.wakeAll()
  }

  /** Starts reading a stream connection (synchronously, so no 'error' goes unheard). */
  attach(conn: StreamConn, errorListener = true): void {
    this.conn = conn
    this.kind = "tcp"
    ;(conn as Fed)[kSocket] = this
    if (errorListener) {
      conn.on("error", connError)
      conn.removeListener("error", errorGuard)
    }
    const pending = (conn as { errored?: Error | null }).errored
    if (pending) this.error = pending
    if (conn.destroyed) this.gone = this.eof = true
    conn.on("data", connData)
    conn.on("end", connEnd)
    conn.on("close", connClose)
    conn.on("drain", connDrain)
    conn.resume()
    registerOpen(this)
  }

  private detach(conn: StreamConn): void {
    conn.removeListener("data", connData)
    conn.removeListener("end", connEnd)
    conn.removeListener("close", connClose)
    conn.removeListener("drain", connDrain)
  }

  attachDatagram(t: DatagramTransport): void {
    this.dgram = t
    this.kind = "udp"
    this.datagrams = []
    t.onMessage((data, from) => {
      if (this.closed) return
      const q = this.datagrams!
      if (q.length >= MAX_DATAGRAMS) {
        this.x!.dropped++
        return
      }
      q.push({ data, from })
      this.bytesIn += data.length
      this.wakeReaders()
    })
    registerOpen(this)
  }

  private ensureFlowing(): void {
    if (this.flowPaused && this.conn !== undefined) {
      this.flowPaused = false
      this.conn.resume()
    }
  }

  // ---- the buffer ----------------------------------------------------------------------------

  /** Appends a chunk read from the connection. */
  private pushChunk(b: Buffer): void {
    if (this.c0 === undefined) this.c0 = b
    else (this.cs ??= []).push(b)
  }

  /** Drops the first chunk (consumed). */
  private shiftChunk(): void {
    const cs = this.cs
    this.off = 0
    this.crChunk = this.strChunk = undefined
    this.str = ""
    if (cs !== undefined) {
      this.c0 = cs.shift()
      if (cs.length === 0) this.cs = undefined
    } else this.c0 = undefined
  }

  /** Forgets everything buffered. */
  private clearChunks(): void {
    this.c0 = this.cs = this.crChunk = this.strChunk = undefined
    this.str = ""
    this.off = 0
    this.buffered = 0
    this.scanned = 0
  }

  private findLF(): number {
    const first = this.c0
    if (first === undefined) return -1
    const cs = this.cs
    const n = cs === undefined ? 1 : 1 + cs.length
    let base = 0
    for (let c = 0; c < n; c++) {
      const ch = c === 0 ? first : cs![c - 1]!
      const start = c === 0 ? this.off : 0
      const len = ch.length - start
      if (base + len > this.scanned) {
        const k = ch.indexOf(10, start + Math.max(0, this.scanned - base))
        if (k >= 0) return base + (k - start)
      }
      base += len
    }
    this.scanned = base
    return -1
  }

  /** The buffered byte at offset `i` (`i < buffered`). */
  private byteAt(i: number): number {
    let ch = this.c0!
    let start = this.off
    let c = 0
    while (i >= ch.length - start) {
      i -= ch.length - start
      ch = this.cs![c++]!
      start = 0
    }
    return ch[start + i]!
  }

  /** The buffered byte `k` from the end (`1 <= k <= buffered`). */
  private byteFromEnd(k: number): number {
    const cs = this.cs
    if (cs !== undefined) {
      for (let c = cs.length - 1; c >= 0; c--) {
        const ch = cs[c]!
        if (k <= ch.length) return ch[ch.length - k]!
        k -= ch.length
      }
    }
    const first = this.c0!
    return first[first.length - k]!
  }

  /**
   * How many buffered bytes a partial result may take: all of them, but in utf8 (strings) not the
   * first 1–3 bytes of a character whose rest may still come. Those stay buffered for the next call,
   * so a partial never ends in a U+FFFD made of a character cut by a timeout or a chunk boundary
   * (and, fed back as the prefix, gives the right data). Costs one byte read when the buffer ends
   * in ASCII. At the end of the stream nothing is held (`drainPartial`): the character can never
   * complete and decodes as U+FFFD, as a stream decoder's flush does.
   */
  private whole(bytes: boolean): number {
    const n = this.buffered
    if (bytes || n === 0 || this.encoding !== "utf8") return n
    let b = this.byteFromEnd(1)
    if (b < 0x80) return n
    // back over at most 3 continuation bytes to the lead byte
    for (let k = 1; k <= 3 && k <= n; k++) {
      if (k > 1) b = this.byteFromEnd(k)
      if ((b & 0xc0) !== 0x80) return utf8Continues(b, k > 1 ? this.byteFromEnd(k - 1) : 0, k) ? n - k : n
    }
    return n
  }

  /**
   * Whether `n` buffered bytes (all of them before any LF) exceed the line limit: the CR of a
   * CRLF is not part of the line, so `maxLineLength` bytes and a CR still fit.
   */
  private overLimit(n: number): boolean {
    const max = this.maxLineLength
    return n > max && (n > max + 1 || this.byteAt(n - 1) !== 13)
  }

  private afterTake(n: number): void {
    this.buffered -= n
    this.scanned = this.scanned > n ? this.scanned - n : 0
    if (this.flowPaused && this.buffered < LOW_WATER) this.ensureFlowing()
  }

  /** Removes `n` bytes from the front (a view when they are in one chunk). */
  private take(n: number): Buffer {
    let r: Buffer
    if (n === 0) return Buffer.alloc(0)
    const first = this.c0!
    if (n <= first.length - this.off) {
      r = first.subarray(this.off, this.off + n)
      this.off += n
      if (this.off === first.length) this.shiftChunk()
    } else {
      const parts: Array<Buffer> = []
      let need = n
      while (need > 0) {
        const ch = this.c0!
        const a = ch.length - this.off
        if (a <= need) {
          parts.push(this.off === 0 ? ch : ch.subarray(this.off))
          this.shiftChunk()
          need -= a
        } else {
          parts.push(ch.subarray(this.off, this.off + need))
          this.off += need
          need = 0
        }
      }
      r = Buffer.concat(parts, n)
    }
    this.afterTake(n)
    return r
  }

  /** Takes a line whose LF is at `lf`; returns it decoded (CRs dropped) or as bytes. */
  private takeLine(lf: number, bytes: boolean): string | Buffer {
    const first = this.c0!
    const start = this.off
    if (!bytes && lf < first.length - start) {
      // The next CR of this chunk, remembered: a chunk of many lines is searched for CRs once,
      // not once per line to its end.
      let cr = this.crAt
      if (this.crChunk !== first || (cr !== -1 && cr < start)) {
        cr = first.indexOf(13, start)
        this.crChunk = first
        this.crAt = cr
      }
      const end = start + lf
      let s: string
      if (cr !== -1 && cr < end) s = decodeNoCR(first, start, end, this.encoding)
      else if (
        this.encoding === "latin1" &&
        (this.strChunk === first || (lf + 1 < first.length - start && first.length - start <= SLICE_MAX))
      ) {
        // More lines follow in this chunk (pipelining): the rest of the chunk is decoded once and
        // each line is a slice of it (a V8 sliced string: no call into Node, no copy, per line).
        // A line kept keeps that string alive: hence only for chunks up to SLICE_MAX.
        if (this.strChunk !== first) {
          this.str = latin1Slice.call(first, start, first.length)
          this.strChunk = first
          this.strBase = start
        }
        s = this.str.slice(start - this.strBase, end - this.strBase)
      } else s = decodeRange(first, start, end, this.encoding)
      this.off += lf + 1
      if (this.off === first.length) this.shiftChunk()
      this.afterTake(lf + 1)
      return s
    }
    const b = this.take(lf + 1)
    const line = stripCR(b.subarray(0, lf))
    return bytes ? line : line.toString(this.encoding)
  }

  // ---- receive -------------------------------------------------------------------------------

  private decode(b: Buffer, bytes: boolean): string | Buffer {
    return bytes ? b : b.toString(this.encoding)
  }

  private withPrefix(prefix: string | Uint8Array | undefined, body: string | Buffer, bytes: boolean): string | Uint8Array {
    if (prefix === undefined) return body
    if (bytes) {
      const p = typeof prefix === "string" ? Buffer.from(prefix, this.encoding) : asBuffer(prefix)
      return p.length === 0 ? body : Buffer.concat([p, body as Buffer])
    }
    return (typeof prefix === "string" ? prefix : asBuffer(prefix).toString(this.encoding)) + (body as string)
  }

  /**
   * What is buffered, consumed, as the `partial` of an error: everything at the end of the stream
   * (`held` false), or the {@link whole} characters on a timeout (the connection lives on).
   */
  private drainPartial(
    prefix: string | Uint8Array | undefined,
    bytes: boolean,
    line: boolean,
    held: boolean
  ): string | Uint8Array {
    const n = held ? this.whole(bytes) : this.buffered
    let b = n > 0 ? this.take(n) : Buffer.alloc(0)
    if (line) b = stripCR(b)
    return this.withPrefix(prefix, this.decode(b, bytes), bytes)
  }

  /** A closed/failed state as the error of a receive (undefined: still open). */
  private readFailure(prefix: string | Uint8Array | undefined, bytes: boolean, line: boolean): ReceiveError | undefined {
    if (this.closed || this.shutRead) {
      return new ClosedError({ operation: "receive", partial: this.drainPartial(prefix, bytes, line, false) })
    }
    if (this.error !== undefined) {
      const code = (this.error as { code?: string }).code
      const partial = this.drainPartial(prefix, bytes, line, false)
      return isResetCode(code)
        ? new ClosedError({ operation: "receive", partial })
        : new SocketError({ operation: "receive", code, detail: this.error.message, partial, cause: this.error })
    }
    if (this.eof) return new ClosedError({ operation: "receive", partial: this.drainPartial(prefix, bytes, line, false) })
    return undefined
  }

  /**
   * One attempt at a receive: the result, `undefined` (wait for more), or a failure.
   * `partialMode`: return whatever is buffered when the pattern is not complete (receivePartial).
   */
  private tryReceive(
    pattern: Pattern,
    prefix: string | Uint8Array | undefined,
    prefixLen: number,
    bytes: boolean,
    partialMode: boolean
  ): string | Uint8Array | ReceiveError | undefined {
    if (this.closed) return this.readFailure(prefix, bytes, pattern === "*l")
    if (pattern === "*l") {
      const lf = this.buffered > 0 ? this.findLF() : -1
      if (lf >= 0) {
        if (this.overLimit(lf)) return new LineTooLongError({ limit: this.maxLineLength, buffered: this.buffered })
        return this.withPrefix(prefix, this.takeLine(lf, bytes), bytes)
      }
      if (this.overLimit(this.buffered)) {
        return new LineTooLongError({ limit: this.maxLineLength, buffered: this.buffered })
      }
      // (nothing whole yet: wait as for nothing at all, or the end's failure)
      const n = partialMode ? this.whole(bytes) : 0
      if (n > 0) return this.withPrefix(prefix, this.decode(stripCR(this.take(n)), bytes), bytes)
      return this.readFailure(prefix, bytes, true)
    }
    if (pattern === "*a") {
      if (this.eof || this.closed || this.error !== undefined || this.shutRead) {
        if (this.error !== undefined || this.closed || this.shutRead) return this.readFailure(prefix, bytes, false)
        return this.withPrefix(prefix, this.decode(this.take(this.buffered), bytes), bytes)
      }
      const n = partialMode ? this.whole(bytes) : 0
      if (n > 0) return this.withPrefix(prefix, this.decode(this.take(n), bytes), bytes)
      return undefined
    }
    const need = pattern - prefixLen
    if (need <= 0) return this.withPrefix(prefix, bytes ? Buffer.alloc(0) : "", bytes)
    if (this.buffered >= need) return this.withPrefix(prefix, this.decode(this.take(need), bytes), bytes)
    const n = partialMode ? this.whole(bytes) : 0
    if (n > 0) return this.withPrefix(prefix, this.decode(this.take(n), bytes), bytes)
    return this.readFailure(prefix, bytes, false)
  }

  private timeoutFailure(
    task: TaskImpl,
    operation: string,
    partial: string | Uint8Array | undefined,
    sent: number | undefined
  ): TimeoutError | SocketError {
    if (task.socketTimeoutErrors && this.tlsSocket !== undefined) {
      // Copas with useSocketTimeoutErrors returns LuaSec's own error for a TLS socket
      const code = operation === "send" ? "wantwrite" : "wantread"
      return new SocketError({ operation, code, detail: code, partial, sent })
    }
    return new TimeoutError({ operation, partial, sent })
  }

  /**
   * Yields to I/O once the task has done enough without suspending (fairness). Called only from a
   * call's own instruction (see `succeedNow`).
   */
  private fair<A>(fiber: Fiber.RuntimeFiber<unknown, unknown>, value: A, bytes: number): Effect.Effect<A> {
    this.fairBytes += bytes
    if (++this.fairCalls < FAIR_CALLS && this.fairBytes < FAIR_BYTES) return succeedNow(fiber, value)
    this.fairCalls = 0
    this.fairBytes = 0
    return Effect.as(yieldToIO(fiber), value)
  }

  deadline(ms: number | undefined): number {
    return ms === undefined || ms === Infinity || ms <= 0 ? Infinity : this.d.scheduler.now() + ms
  }

  /** `task` when `fiber` is that registered task's own fiber (its waits need no canceler). */
  ownTask(fiber: Fiber.RuntimeFiber<unknown, unknown>, task: TaskImpl): TaskImpl | undefined {
    return task.fiber === fiber && task.dispatcher === this.d && !task.done ? task : undefined
  }


  /**
   * Suspends until the socket has news for readers (or writers); `true` when the deadline passed.
   * `own`: the waiting fiber is this registered task's own fiber. Such a fiber is interrupted only
   * to end the task, so its wait has no canceler (cheaper); a waiter left behind by the interruption
   * is woken, and so dropped, when the socket closes or the task ends (a spurious wake-up is
   * harmless: every caller checks again).
   */
  wait(write: boolean, deadline: number, own?: TaskImpl): Effect.Effect<boolean> {
    if (own !== undefined) {
      if (this.exitTask !== own && !this.closed) {
        this.exitTask = own
        ;(own.onExit ??= []).push(this)
      }
      return asyncNoCancel<boolean>((resume) => {
        this.addWaiter(write, deadline, resume)
      })
    }
    // (`asyncCancel`, not `Effect.async`: a fiber pre-empted between Effect.async's registration and
    // its canceler, and interrupted then, stayed counted as reading or writing)
    return asyncCancel<boolean>((resume) => Effect.sync(this.addWaiter(write, deadline, resume)))
  }

  /** `taskOf(f)`, without the registry lookup for the socket's owner (see `OwnWait`). */
  private taskFor(f: AnyFiber): TaskImpl {
    const w = this.rw
    if (w !== undefined && w.task.fiber === f && !w.task.done) return w.task
    return taskOf(f)
  }

  /**
   * The owner's wait slot (made, or taken over from a task that ended); `undefined` when another
   * live task owns it.
   */
  private slot(write: boolean, own: TaskImpl): OwnWait | undefined {
    const cur = write ? this.ww : this.rw
    if (cur !== undefined) {
      if (cur.task === own) return cur
      if (!cur.task.done) return undefined
      // the old owner ended; a wait it left behind is dropped (its fiber is gone)
      if (cur.resume !== undefined) this.wakeOwn(cur)
    }
    if (this.exitTask !== own && !this.closed) {
      // the owner's end wakes (drops) a wait its interrupted fiber left behind
      this.exitTask = own
      ;(own.onExit ??= []).push(this)
    }
    const w = new OwnWait(this, own, write)
    if (write) this.ww = w
    else this.rw = w
    return w
  }

  /** Suspends the owner's fiber in slot `w` until news; it then runs `retry` (the call again). */
  private ownWait<A, E>(w: OwnWait, retry: Resumed): Effect.Effect<A, E> {
    w.retry = retry
    if (w.deadline !== undefined && w.deadline <= this.d.scheduler.now()) {
      w.timedOut = true
      return retry as unknown as Effect.Effect<A, E>
    }
    const task = w.task
    if (task.parking !== w) task.parking = w
    return parkOwn as unknown as Effect.Effect<A, E>
  }

  /** The registration of an own wait (runs when the fiber suspends). */
  park(w: OwnWait, resume: (effect: Effect.Effect<unknown, unknown>) => void): void {
    // News that came between the call's check and now (the fiber may have yielded in between):
    // go on at once instead of waiting for more.
    if (
      w.write
        ? this.conn === undefined || !this.conn.writableNeedDrain || this.closed || this.gone || this.error !== undefined
        : this.bytesIn !== w.seen || this.eof || this.closed || this.shutRead || this.error !== undefined
    ) {
      return resume(w.retry as unknown as Effect.Effect<unknown, unknown>)
    }
    const d = this.d
    if (w.resume !== undefined) {
      // a wait the owner's interrupted fiber left behind: this one replaces it
      if (w.entry !== undefined) {
        d.scheduler.removeTimer(w.entry)
        w.entry = undefined
      }
    } else if (w.write) d.writing++
    else d.reading++
    w.resume = resume
    if (!w.write) {
      this.ensureFlowing()
      if (this.corked) this.uncork()
    }
    if (d.debug !== null) d.debug.waiting(this, w.write)
    if (w.deadline !== undefined) {
      w.entry = d.scheduler.addTimer(
        w.deadline,
        TIMEOUT,
        w.onTimeout ??= () => {
          w.entry = undefined
          w.timedOut = true
          this.wakeOwn(w)
        }
      )
    }
  }

  private wakeOwn(w: OwnWait): void {
    const r = w.resume
    if (r === undefined) return
    w.resume = undefined
    const d = this.d
    if (w.write) d.writing--
    else d.reading--
    if (w.entry !== undefined) {
      d.scheduler.removeTimer(w.entry)
      w.entry = undefined
    }
    r(w.retry as unknown as Effect.Effect<unknown, unknown>)
  }

  /** Registers a waiter; returns what withdraws it. */
  private addWaiter(write: boolean, deadline: number, resume: (effect: Effect.Effect<boolean>) => void): () => void {
    {
      const d = this.d
      if (deadline !== Infinity && deadline <= d.scheduler.now()) {
        resume(TRUE)
        return () => {}
      }
      let entry: Entry | undefined
      let done = false
      const finish = () => {
        done = true
        if (write) d.writing--
        else d.reading--
      }
      const w = () => {
        if (done) return
        finish()
        if (entry !== undefined) d.scheduler.removeTimer(entry)
        resume(FALSE)
      }
      const remove = () => {
        const list = (write ? this.writeWaiters : this.readWaiters)!
        const i = list.indexOf(w)
        if (i >= 0) list.splice(i, 1)
      }
      if (write) {
        ;(this.writeWaiters ??= []).push(w)
        d.writing++
      } else {
        ;(this.readWaiters ??= []).push(w)
        d.reading++
        this.ensureFlowing()
        if (this.corked) this.uncork()
      }
      if (d.debug !== null) d.debug.waiting(this, write)
      if (deadline !== Infinity) {
        entry = d.scheduler.addTimer(deadline, TIMEOUT, () => {
          if (done) return
          finish()
          entry = undefined
          remove()
          resume(TRUE)
        })
      }
      return () => {
        if (done) return
        finish()
        if (entry !== undefined) d.scheduler.removeTimer(entry)
        remove()
        d.requestCheck()
      }
    }
  }

  receive(
    pattern: Pattern | undefined,
    prefix: string | Uint8Array | undefined,
    bytes: boolean,
    partial: boolean
  ): Effect.Effect<string | Uint8Array, ReceiveError> {
    return new ReceiveCall(this, pattern, prefix, bytes, partial) as unknown as Effect.Effect<string | Uint8Array, ReceiveError>
  }

  /** Runs a `ReceiveCall`: first run, or `resumed` after an own-task wait. */
  runReceive(call: ReceiveCall, f: AnyFiber, resumed: boolean): Effect.Effect<string | Uint8Array, ReceiveError> {
    const task = this.taskFor(f)
    if (task.socket !== this) task.socket = this // (no store, no write barrier, once set)
    const { pattern, prefix, bytes, partial } = call
    if (this.kind === "udp") return this.receiveDatagram(f, task, pattern, bytes, false) as Effect.Effect<string | Uint8Array, ReceiveError>
    const pat = pattern ?? "*l"
    if (pat !== "*l" && pat !== "*a" && !(typeof pat === "number" && pat >= 0 && Number.isInteger(pat))) {
      return Effect.die(new TypeError(`invalid receive pattern: ${String(pat)} (expected "*l", "*a" or a byte count)`))
    }
    if (this.kind === "master") {
      return Effect.fail(new SocketError({ operation: "receive", code: "ENOTCONN", detail: "not connected" }))
    }
    const prefixLen = prefix === undefined
      ? 0
      : typeof prefix === "string"
      ? Buffer.byteLength(prefix, this.encoding)
      : prefix.byteLength
    // Copas: a receive timeout of exactly 0 means "no timeout, return on any data"
    const partialMode = partial || this.rto === 0
    if (resumed) {
      const w = this.rw!
      if (w.timedOut) {
        w.timedOut = false
        return Effect.fail(this.timeoutFailure(task, "receive", this.drainPartial(prefix, bytes, pat === "*l", true), undefined))
      }
    } else if (pat === "*l" && prefix === undefined && !partialMode && this.buffered > 0 && !this.closed) {
      // a line is already buffered (pipelining): take it at once
      const lf = this.findLF()
      if (lf >= 0 && lf <= this.maxLineLength) return this.fair(f, this.takeLine(lf, bytes), lf + 1)
    }
    const r = this.tryReceive(pat, prefix, prefixLen, bytes, partialMode)
    if (r === undefined) {
      const own = this.ownTask(f, task)
      const w = own !== undefined ? this.slot(false, own) : undefined
      if (w !== undefined) {
        if (!resumed) w.deadline = finite(this.deadline(this.rto))
        w.seen = this.bytesIn
        return this.ownWait(w, call.resumed ??= resumedOf(call))
      }
      // another fiber (or task) than the slot's owner: the general wait, with a canceler
      const deadline = resumed ? this.rw!.deadline ?? Infinity : this.deadline(this.rto)
      return this.receiveAfterWait(task, pat, prefix, prefixLen, bytes, partialMode, deadline)
    }
    if (typeof r === "object" && !(r instanceof Uint8Array)) return Effect.fail(r)
    if (resumed) {
      this.fairCalls = 0
      this.fairBytes = 0
      return succeedNow(f, r)
    }
    return this.fair(f, r, 1)
  }

  /** A receive through `wait` (any fiber): waits, tries again, until done or the deadline. */
  private receiveAfterWait(
    task: TaskImpl,
    pat: Pattern,
    prefix: string | Uint8Array | undefined,
    prefixLen: number,
    bytes: boolean,
    partialMode: boolean,
    deadline: number
  ): Effect.Effect<string | Uint8Array, ReceiveError> {
    return Effect.flatMap(this.wait(false, deadline), (timedOut): Effect.Effect<string | Uint8Array, ReceiveError> => {
      if (timedOut) {
        return Effect.fail(this.timeoutFailure(task, "receive", this.drainPartial(prefix, bytes, pat === "*l", true), undefined))
      }
      const r = this.tryReceive(pat, prefix, prefixLen, bytes, partialMode)
      if (r === undefined) return this.receiveAfterWait(task, pat, prefix, prefixLen, bytes, partialMode, deadline)
      if (typeof r === "object" && !(r instanceof Uint8Array)) return Effect.fail(r)
      this.fairCalls = 0
      this.fairBytes = 0
      return Effect.succeed(r)
    })
  }

  receiveDatagram(
    fiber: Fiber.RuntimeFiber<unknown, unknown>,
    task: TaskImpl,
    size: Pattern | undefined,
    bytes: boolean,
    from: boolean
  ): Effect.Effect<string | Uint8Array | ReceivedFrom<string | Uint8Array>, ReceiveError> {
    const n = size ?? DEFAULT_DATAGRAM
    if (typeof n !== "number") {
      return Effect.die(new TypeError(`bad argument #1 to 'receive' (number expected, got ${typeof n})`))
    }
    if (!(n >= 0)) {
      // (a negative or NaN size: "number expected, got number" said nothing)
      return Effect.die(new RangeError(`bad argument #1 to 'receive' (datagram size must be a number >= 0, got: ${n})`))
    }
    const deadline = this.deadline(this.rto)
    const attempt = (suspended: boolean): Effect.Effect<string | Uint8Array | ReceivedFrom<string | Uint8Array>, ReceiveError> => {
      if (this.closed) return Effect.fail(new ClosedError({ operation: "receive", partial: bytes ? new Uint8Array(0) : "" }))
      const q = this.datagrams!
      if (q.length > 0) {
        const dg = q.shift()!
        // LuaSocket truncates a datagram larger than the requested size (the rest is lost)
        const b = dg.data.length > n ? dg.data.subarray(0, n) : dg.data
        const data = this.decode(b, bytes)
        const r = from ? { data, address: dg.from.address, port: dg.from.port } : data
        return suspended ? Effect.succeed(r) : this.fair(fiber, r, b.length + 1)
      }
      return Effect.flatMap(this.wait(false, deadline, this.ownTask(fiber, task)), (timedOut) =>
        timedOut
          ? Effect.fail(this.timeoutFailure(task, "receive", bytes ? new Uint8Array(0) : "", undefined))
          : attempt(true))
    }
    return attempt(false)
  }

  receiveFrom(size: number | undefined, bytes: boolean): Effect.Effect<ReceivedFrom<string | Uint8Array>, ReceiveError> {
    return Effect.withFiberRuntime((fiber) => {
      const f = fiber as Fiber.RuntimeFiber<unknown, unknown>
      const task = taskOf(f)
      task.socket = this
      if (this.kind !== "udp") {
        return Effect.die(new TypeError("receiveFrom needs a UDP socket"))
      }
      return this.receiveDatagram(f, task, size, bytes, true) as Effect.Effect<ReceivedFrom<string | Uint8Array>, ReceiveError>
    })
  }

  // ---- send ----------------------------------------------------------------------------------

  /** Ends a batch or a cork (see `send`); idempotent. Not an arrow field: one closure less per socket. */
  uncork(): void {
    if (!this.corked) return
    this.corked = false
    const c = this.conn
    const b = this.batch
    if (b !== undefined) {
      // the replies collected while more input was buffered leave in one write
      this.batch = undefined
      const n = this.batchBytes
      this.batchBytes = 0
      if (c !== undefined && !c.destroyed && !c.writableEnded) {
        if (typeof b === "string") c.write(b, this.encoding)
        else c.write(b.length === 1 ? b[0]! : Buffer.concat(b, n))
      }
      return
    }
    if (c !== undefined && !c.destroyed) c.uncork()
  }
  private addToBatch(data: string | Uint8Array, len: number): void {
    const b = this.batch!
    if (typeof b === "string") {
      if (typeof data === "string") this.batch = b + data
      else this.batch = [Buffer.from(b, this.encoding), asBuffer(data)]
    } else b.push(typeof data === "string" ? Buffer.from(data, this.encoding) : asBuffer(data))
    this.batchBytes += len
    if (this.batchBytes >= FAIR_BYTES) this.uncork()
  }

  private writeFailure(sent: number): SendError | undefined {
    if (this.closed || this.shutWrite) return new ClosedError({ operation: "send", sent })
    const e = this.error
    if (e !== undefined) {
      const code = (e as { code?: string }).code
      return isResetCode(code)
        ? new ClosedError({ operation: "send", sent })
        : new SocketError({ operation: "send", code, detail: e.message, sent, cause: e })
    }
    const c = this.conn!
    if (this.gone || c.destroyed || c.writableEnded) return new ClosedError({ operation: "send", sent })
    return undefined
  }

  send(data: string | Uint8Array, start: number | undefined, end: number | undefined): Effect.Effect<number, SendError> {
    return new SendCall(this, data, start, end) as unknown as Effect.Effect<number, SendError>
  }

  /** Runs a `SendCall`: first run, or `resumed` after the owner waited for 'drain'. */
  runSend(call: SendCall, f: AnyFiber, resumed: boolean): Effect.Effect<number, SendError> {
    const task = this.taskFor(f)
    if (task.socket !== this) task.socket = this
    const { data, start, end } = call
    if (resumed && this.ww!.timedOut) {
      this.ww!.timedOut = false
      return Effect.fail(this.timeoutFailure(task, "send", undefined, 0))
    }
    if (start === undefined && end === undefined && this.kind === "tcp") {
      // The common case, without the general loop's closures: write and go on. A string is
      // written as it is (Node encodes it on the way out, no Buffer of ours).
      const str = typeof data === "string"
      const len = str ? (this.encoding === "latin1" ? data.length : Buffer.byteLength(data, "utf8")) : data.byteLength
      const c = this.conn!
      if (len <= WRITE_CHUNK && this.writeFailure(0) === undefined) {
        if (!c.writableNeedDrain) {
          this.bytesOut += len
          if (this.batch !== undefined) this.addToBatch(data, len)
          else if (!this.corked && this.buffered > 0) {
            // more requests are already here: collect the replies and write them once (cheaper
            // than corking the Duplex: one write, no per-write bookkeeping in the stream)
            this.corked = true
            this.batch = str ? data : [asBuffer(data)]
            this.batchBytes = len
            process.nextTick(uncorkSocket, this)
          } else if (str) c.write(data, this.encoding)
          else c.write(data)
          if (resumed) {
            this.fairCalls = 0
            this.fairBytes = 0
            return succeedNow(f, len)
          }
          return this.fair(f, len, len)
        }
        const own = this.ownTask(f, task)
        const w = own !== undefined ? this.slot(true, own) : undefined
        if (w !== undefined) {
          if (this.corked) this.uncork()
          if (!resumed) w.deadline = finite(this.deadline(this.sto))
          return this.ownWait(w, call.resumed ??= resumedOf(call))
        }
      }
    }
    return this.sendGeneral(f, task, data, start, end, resumed)
  }

  /**
   * `send` in general (indices, UDP, big or blocked writes). A method of its own: its closures
   * would otherwise make every `runSend` allocate their context, fast path included.
   */
  private sendGeneral(
    f: AnyFiber,
    task: TaskImpl,
    data: string | Uint8Array,
    start: number | undefined,
    end: number | undefined,
    resumed: boolean
  ): Effect.Effect<number, SendError> {
    const buf = typeof data === "string" ? Buffer.from(data, this.encoding) : asBuffer(data)
    const len = buf.length
    const norm = (i: number | undefined, dflt: number): number => {
      if (i === undefined) return dflt
      if (typeof i !== "number" || Number.isNaN(i)) throw new TypeError(`send: index must be a number, got: ${String(i)}`)
      const k = Math.trunc(i)
      return k < 0 ? Math.max(0, len + k) : Math.min(k, len)
    }
    const from = norm(start, 0)
    const to = Math.max(from, norm(end, len))
    if (this.kind === "udp") {
      if (this.closed) return Effect.fail(new ClosedError({ operation: "send", sent: from }))
      return Effect.map(this.dgram!.send(buf.subarray(from, to)), () => {
        this.bytesOut += to - from
        return to
      })
    }
    if (this.kind === "master") {
      return Effect.fail(new SocketError({ operation: "send", code: "ENOTCONN", detail: "not connected", sent: from }))
    }
    const deadline = resumed ? this.ww!.deadline ?? Infinity : this.deadline(this.sto)
    let pos = from
    const loop = (suspended: boolean): Effect.Effect<number, SendError> => {
      const c = this.conn!
      while (pos < to) {
        const failure = this.writeFailure(pos)
        if (failure !== undefined) return Effect.fail(failure)
        if (c.writableNeedDrain) {
          if (this.corked) this.uncork()
          return Effect.flatMap(this.wait(true, deadline, this.ownTask(f, task)), (timedOut) =>
            timedOut ? Effect.fail(this.timeoutFailure(task, "send", undefined, pos)) : loop(true))
        }
        const next = to - pos > WRITE_CHUNK ? pos + WRITE_CHUNK : to
        if (this.batch !== undefined) this.uncork() // what the fast path collected goes first
        if (!this.corked && this.buffered > 0) {
          // more requests are already here: collect the replies and write them once
          this.corked = true
          c.cork()
          process.nextTick(uncorkSocket, this)
        }
        c.write(pos === 0 && next === len ? buf : buf.subarray(pos, next))
        this.bytesOut += next - pos
        pos = next
      }
      if (suspended) return Effect.succeed(to)
      return this.fair(f, to, to - from)
    }
    return loop(false)
  }

  sendTo(data: string | Uint8Array, address: string, port: number): Effect.Effect<number, SendError> {
    return Effect.suspend((): Effect.Effect<number, SendError> => {
      if (this.kind !== "udp") return Effect.die(new TypeError("sendTo needs a UDP socket"))
      if (this.closed) return Effect.fail(new ClosedError({ operation: "sendto", sent: 0 }))
      const buf = typeof data === "string" ? Buffer.from(data, this.encoding) : asBuffer(data)
      // counted once sent: a refused datagram (too long, no route) is not traffic
      return Effect.map(this.dgram!.send(buf, port, address), () => {
        this.bytesOut += buf.length
        return buf.length
      })
    })
  }

  // ---- connect, TLS --------------------------------------------------------------------------

  connect(host: string, port: number): Effect.Effect<void, ConnectError | SocketError | TlsError | ClosedError> {
    return Effect.withFiberRuntime<void, ConnectError | SocketError | TlsError | ClosedError>((fiber) => {
      const task = taskOf(fiber as Fiber.RuntimeFiber<unknown, unknown>)
      task.socket = this
      if (this.kind === "udp") {
        if (this.closed) return Effect.fail(new ConnectError({ reason: "other", address: `${host}:${port}`, code: "closed" }))
        return this.dgram!.connect(port, host)
      }
      if (this.kind === "tcp") {
        return Effect.fail(new ConnectError({ reason: "already-connected", address: `${host}:${port}` }))
      }
      if (this.closed) return Effect.fail(new ConnectError({ reason: "other", address: `${host}:${port}`, code: "closed" }))
      if (this.network === undefined) return Effect.die(new TypeError("this socket has no network to connect with"))
      if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) {
        return Effect.die(new RangeError(`connect: invalid port: ${String(port)}`))
      }
      const d = this.d
      const ms = this.connectTimeout
      const opts = { host, port }
      // The connection as soon as the network hands it over (in the race's child, before anything
      // can interrupt it there), destroyed at the end unless attached: the race passes it on through
      // a Deferred, and a caller interrupted while queued with it (removeThread, cancelAll), or a
      // deadline or close that wins the race in the same turn, dropped it, open for good.
      let got: StreamConn | undefined
      let attached = false
      // a close from another task ends the attempt at once, as it wakes every waiter (Copas #104)
      // (our `raceFirst`: Effect's hangs a task removed between making and starting its children)
      let attemptEff: Effect.Effect<StreamConn, ConnectError | SocketError> = raceFirst(
        Effect.map(this.network.connect(opts), (conn) => (got = conn)),
        this.whenClosed(`${host}:${port}`)
      )
      if (ms !== Infinity && ms > 0) {
        attemptEff = this.raceDeadline(attemptEff, this.deadline(ms), () =>
          task.socketTimeoutErrors
            ? new ConnectError({ reason: "in-progress", address: `${host}:${port}` })
            : new ConnectError({ reason: "timeout", address: `${host}:${port}` }))
      }
      let counted = false
      let mine = false
      return Effect.suspend(() => {
        // LuaSocket's EALREADY: two tasks connecting one socket must not both open a connection
        // (the second would replace the first, which stayed open, unreachable)
        if (this.connecting) return Effect.fail(new ConnectError({ reason: "in-progress", address: `${host}:${port}` }))
        mine = true
        this.connecting = true
        counted = true
        d.writing++
        if (d.debug !== null) d.debug.waiting(this, true)
        return attemptEff
      }).pipe(
        Effect.ensuring(Effect.sync(() => {
          if (!counted) return
          counted = false
          d.writing--
          d.requestCheck()
        })),
        Effect.flatMap((conn): Effect.Effect<void, ConnectError | TlsError | ClosedError> => {
          if (this.closed) {
            conn.destroy()
            return Effect.fail(new ConnectError({ reason: "other", address: `${host}:${port}`, code: "closed" }))
          }
          attached = true
          this.peerHost = host
          this.attach(conn)
          this.applyOptions()
          if (this.tlsOptions !== undefined) {
            // a close while the handshake runs ends the connect as one during the TCP part does
            return Effect.catchTag(
              this.handshake(task, undefined),
              "ClosedError",
              () => Effect.fail(new ConnectError({ reason: "other", address: `${host}:${port}`, code: "closed" }))
            )
          }
          return Effect.void
        }),
        Effect.ensuring(Effect.sync(() => {
          if (mine) this.connecting = mine = false
          if (got !== undefined && !attached && !got.destroyed) got.destroy()
        }))
      )
    })
  }

  /**
   * Fails with `ConnectError` (code "closed") once the socket is closed: a write waiter that
   * `closeNow` wakes (it wakes every waiter), registered again on any other wake-up.
   */
  private whenClosed(address: string): Effect.Effect<never, ConnectError> {
    return asyncCancel<never, ConnectError>((resume) => {
      const w = (): void => {
        if (this.closed) resume(Effect.fail(new ConnectError({ reason: "other", address, code: "closed" })))
        else (this.writeWaiters ??= []).push(w)
      }
      w()
      return Effect.sync(() => {
        const ws = this.writeWaiters
        const i = ws === undefined ? -1 : ws.indexOf(w)
        if (i >= 0) ws!.splice(i, 1)
      })
    })
  }

  /** Races `eff` with a deadline on the dispatcher's heap (interrupting `eff` on expiry). */
  raceDeadline<A, E, E2>(eff: Effect.Effect<A, E>, deadline: number, onTimeout: () => E2): Effect.Effect<A, E | E2> {
    const timer = asyncCancel<never, E2>((resume) => {
      const entry = this.d.scheduler.addTimer(deadline, TIMEOUT, () => resume(Effect.fail(onTimeout())))
      return Effect.sync(() => {
        this.d.scheduler.removeTimer(entry)
      })
    })
    return raceFirst(eff, timer)
  }

  applyOptions(): void {
    const c = this.conn
    if (c === undefined) return
    const nodelay = this.getOption("nodelay")
    if (nodelay !== undefined) c.setNoDelay?.(nodelay)
    const keepalive = this.getOption("keepalive")
    if (keepalive !== undefined) c.setKeepAlive?.(keepalive)
  }

  /** The TLS upgrade in place: the same socket now reads and writes through TLS. */
  handshake(_task: TaskImpl, opts: TlsOptions | undefined): Effect.Effect<void, TlsError | ClosedError> {
    return Effect.suspend((): Effect.Effect<void, TlsError | ClosedError> => {
      const o = opts ?? this.tlsOptions
      if (o === undefined) {
        return Effect.die(new TypeError("cannot wrap socket into a secure socket (using 'ssl.wrap()') without parameters/context"))
      }
      if (this.tlsSocket !== undefined) return Effect.void
      if (this.kind !== "tcp" || this.conn === undefined) {
        return Effect.die(new TypeError("doHandshake needs a connected TCP socket"))
      }
      if (this.closed || this.gone) return Effect.fail(new ClosedError({ operation: "handshake" }))
      this.tlsOptions = o
      const raw = this.conn
      if (this.raw === undefined) this.raw = raw
      const server = o.mode !== undefined ? o.mode === "server" : this.serverSide
      if (this.corked) this.uncork() // replies still held go out in plain text, before the handshake
      this.detach(raw)
      raw.pause()
      this.flowPaused = false
      if (this.buffered > 0) {
        // bytes that came with the STARTTLS command belong to the TLS layer
        raw.unshift(this.take(this.buffered))
      }
      this.clearChunks()
      this.eof = false
      let sniRejected: string | undefined
      let sock: tls.TLSSocket
      try {
        if (server) {
          const sni = this.sniNames ?? o.sni
          const names = sni !== undefined && typeof sni.names === "object" ? sni.names : undefined
          // own entries only: the name comes from the client, and "constructor" or "__proto__"
          // must not find Object.prototype's members (strict mode would let them through)
          const entry = (key: string) => names !== undefined && Object.hasOwn(names, key) ? names[key] : undefined
          const lookup = (name: string): tls.SecureContext | undefined => {
            const exact = entry(name) ?? entry(name.toLowerCase())
            if (exact !== undefined) return contextFor(exact)
            const dot = name.indexOf(".")
            const wild = dot > 0 ? entry(`*${name.slice(dot)}`) : undefined
            return wild !== undefined ? contextFor(wild) : undefined
          }
          const hasOwn = o.secureContext !== undefined || o.key !== undefined || o.cert !== undefined ||
            o.certificate !== undefined
          const firstName = names === undefined ? undefined : Object.keys(names)[0]
          const secureContext = hasOwn
            ? contextFor(o)
            : firstName !== undefined
            ? contextFor(names![firstName]!)
            : contextFor(o)
          const requestCert = verifyOn(o, true)
          const alpn = alpnList(o.alpn)
          sock = new tls.TLSSocket(raw, {
            isServer: true,
            secureContext,
            requestCert,
            rejectUnauthorized: requestCert,
            ...(alpn ? { ALPNProtocols: alpn } : {}),
            ...(names !== undefined
              ? {
                SNICallback: (name: string, cb: (err: Error | null, ctx?: tls.SecureContext) => void) => {
                  const ctx = lookup(name)
                  if (ctx === undefined && sni!.strict) {
                    sniRejected = name
                    cb(new Error(`unknown server name '${name}'`))
                  } else cb(null, ctx)
                }
              }
              : {})
          })
        } else {
          const host = this.peerHost ?? connectedHost(raw)
          const servername = (this.sniNames !== undefined && typeof this.sniNames.names === "string"
            ? this.sniNames.names
            : undefined) ?? o.servername ??
            (o.sni !== undefined && typeof o.sni.names === "string" ? o.sni.names : undefined) ??
            (host !== undefined && isIP(host) === 0 ? host : undefined)
          const verify = verifyOn(o, false)
          if (verify && servername === undefined && host === undefined) {
            // node:tls would check the certificate against "localhost": a name nobody asked for
            throw new TypeError(
              "no host name to verify the server's certificate against: give servername (or verify: false)"
            )
          }
          const alpn = alpnList(o.alpn)
          sock = tls.connect({
            socket: raw,
            ...contextOptions(o),
            ...(o.secureContext ? { secureContext: o.secureContext } : {}),
            rejectUnauthorized: verify,
            ...(servername !== undefined ? { servername } : {}),
            ...(host !== undefined ? { host } : {}),
            ...(alpn ? { ALPNProtocols: alpn } : {})
          } as tls.ConnectionOptions)
        }
      } catch (err) {
        this.closeNow()
        return Effect.fail(new TlsError({ reason: "params", detail: String((err as Error)?.message ?? err), cause: err }))
      }
      const d = this.d
      let counted = false
      const done = asyncCancel<void, TlsError>((resume) => {
        let finished = false
        const secureEvent = server ? "secure" : "secureConnect"
        const cleanup = () => {
          finished = true
          sock.removeListener(secureEvent, ok)
          sock.removeListener("end", closed)
          sock.removeListener("close", closed)
          // `bad` stays on 'error' (a no-op now): the socket is never without an 'error' listener
        }
        const ok = () => {
          if (finished) return
          cleanup()
          if (server && verifyOn(o, true)) {
            const err = peerVerifyError(sock)
            if (err !== null) {
              resume(Effect.fail(tlsErrorOf(err, undefined)))
              return
            }
          }
          resume(Effect.void)
        }
        const bad = (err: Error) => {
          if (finished) return
          cleanup()
          resume(Effect.fail(tlsErrorOf(err, sniRejected)))
        }
        // A standalone server-side TLSSocket reports a peer that goes away mid-handshake (e.g. a
        // client that rejects our certificate) only as 'end' (no 'error', no 'close': the
        // connection is half-open), so EOF before the handshake completed is a failure too.
        const closed = () => bad(Object.assign(new Error("connection closed during the TLS handshake"), { code: "ECONNRESET" }))
        sock.once(secureEvent, ok)
        sock.on("error", bad)
        sock.once("end", closed)
        sock.once("close", closed)
        counted = true
        d.reading++
        if (d.debug !== null) d.debug.waiting(this, false)
        return Effect.sync(cleanup)
      })
      const deadline = this.deadline(this.connectTimeout)
      const guarded = deadline === Infinity
        ? done
        : this.raceDeadline(done, deadline, () => new TlsError({ reason: "timeout", detail: "timeout" }))
      return guarded.pipe(
        Effect.ensuring(Effect.sync(() => {
          if (!counted) return
          counted = false
          d.reading--
          d.requestCheck()
        })),
        Effect.matchEffect({
          onFailure: (e) =>
            Effect.suspend(() => {
              // closed by us (another task's close): that is what happened, not a reset by the peer
              const closedHere = this.closed && e.reason !== "timeout"
              // never go on in plain text after a failed or timed-out handshake
              sock.on("error", () => {})
              sock.destroy()
              raw.destroy()
              this.closeNow()
              return Effect.fail(closedHere ? new ClosedError({ operation: "handshake" }) : e)
            }),
          onSuccess: () =>
            Effect.sync(() => {
              this.tlsSocket = sock
              this.attach(sock)
              if (this.closed) sock.destroy()
            })
        })
      )
    })
  }

  // ---- close ---------------------------------------------------------------------------------

  /**
   * Closes now with a reset where the transport has one (`resetAndDestroy`: node:net's and
   * MemoryConn's), else by destroying it: nothing still queued is written and the peer sees an
   * aborted connection, not an end (an ftp upload whose source failed must not look complete).
   * Idempotent.
   */
  resetNow(): void {
    const c = this.conn
    if (!this.closed && c !== undefined && !c.destroyed) {
      const reset = (c as { resetAndDestroy?: () => unknown }).resetAndDestroy
      try {
        if (typeof reset === "function") reset.call(c)
        else c.destroy()
      } catch {
        // not a TCP handle (a pipe, TLS over something else): destroying is the closest
        c.destroy()
      }
      const under = this.raw !== undefined && this.raw !== c ? this.raw : undefined
      if (under !== undefined && !under.destroyed) under.destroy()
    }
    this.closeNow()
  }

  /** Closes now; every task blocked on the socket wakes with ClosedError. Idempotent. */
  closeNow(): void {
    if (this.noClose || this.closed) return
    this.closed = true
    openSockets.get(this.d)?.delete(this)
    // the wake-up at the end of the task it registered with is no longer needed (the waiters are
    // woken below): without this, a task that uses many sockets in turn keeps them all
    const hooks = this.exitTask?.onExit
    if (hooks !== undefined) {
      const i = hooks.lastIndexOf(this)
      if (i >= 0) hooks.splice(i, 1)
    }
    const c = this.conn
    if (c !== undefined) {
      if (this.corked) this.uncork()
      // under TLS, the transport the TLS socket writes its records to
      const under = this.raw !== undefined && this.raw !== c ? this.raw : undefined
      const destroyAll = () => {
        if (!c.destroyed) c.destroy()
        if (under !== undefined && !under.destroyed) under.destroy()
      }
      if (c.destroyed || this.gone || c.writableFinished || (this.tlsSocket === undefined && c.writableLength === 0)) {
        destroyAll()
      } else {
        // Let what was written leave first, but not forever. Over TLS even an empty write buffer
        // is not enough: records may still be on their way to the transport, and close_notify
        // follows; 'finish' comes once the transport has taken them all.
        const t = setTimeout(destroyAll, 5000)
        t.unref?.()
        c.once("finish", () => {
          clearTimeout(t)
          destroyAll()
        })
        c.end()
      }
    }
    if (this.dgram !== undefined) {
      try {
        this.dgram.close()
      } catch {
        // already closed
      }
    }
    // A receive blocked on the socket gets what had arrived as its ClosedError's `partial` (as
    // Copas returns the partial it fed back as the prefix); with nobody waiting it is dropped.
    if (this.rw?.resume === undefined && !(this.readWaiters?.length)) this.clearChunks()
    this.wakeAll()
    // told once (this runs once: `closed` is set above); kept for `taskExited`, which also
    // tells the owner when the task ends after the socket was closed
    const l = this.closeListener
    if (l !== undefined) l.socketClosed(this)
  }

  shutdown(how: "send" | "receive" | "both"): void {
    if (how !== "send" && how !== "receive" && how !== "both") {
      throw new TypeError(`invalid shutdown method: ${String(how)}`)
    }
    if (how !== "receive" && !this.shutWrite) {
      this.shutWrite = true
      if (this.corked) this.uncork()
      if (this.conn !== undefined && !this.conn.destroyed) this.conn.end()
    }
    if (how !== "send" && !this.shutRead) {
      this.shutRead = true
      this.clearChunks()
      this.ensureFlowing()
    }
    this.wakeAll()
  }

  stats(): Stats {
    return { bytesReceived: this.bytesIn, bytesSent: this.bytesOut, age: (Date.now() - EPOCH - this.created) / 1000 }
  }

  endpoint(which: "local" | "remote"): Endpoint | undefined {
    if (this.dgram !== undefined) return which === "local" ? this.dgram.local() : this.dgram.remote()
    const c = this.raw ?? this.conn
    if (c === undefined) return undefined
    const address = which === "local" ? c.localAddress : c.remoteAddress
    const port = which === "local" ? c.localPort : c.remotePort
    const fam = which === "local" ? c.localFamily : c.remoteFamily
    if (address === undefined || port === undefined) return undefined
    return { address, port, family: fam === "IPv6" || address.includes(":") ? "IPv6" : "IPv4" }
  }
}

;(SocketImpl.prototype as { [SocketTypeId]: typeof SocketTypeId })[SocketTypeId] = SocketTypeId

/** Whether `u` is a socket of this library. */
export const isSocket = (u: unknown): u is SocketImpl => typeof u === "object" && u !== null && SocketTypeId in u

export { ConnectError }

/**
 * Every expected failure of effect-copas, as a tagged error.
 *
 * Copas returns `nil, "timeout"`, `nil, "closed"`, `nil, "destroyed"` ...; effect-copas fails the
 * Effect with one of these classes instead. Each carries Copas's string as `reason`, so logs read
 * like Copas's, and `Effect.catchTag("TimeoutError", ...)` replaces `if err == "timeout"`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import * as Lock from "effect-copas/Lock"
 *
 * const guarded = (lock: Lock.Lock) =>
 *   Lock.get(lock, "1 second").pipe(
 *     Effect.catchTag("TimeoutError", (e) => Effect.logWarning(`gave up after ${e.reason}`))
 *   )
 * ```
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"

/**
 * An operation ran out of time. For socket reads `partial` holds what was received before the
 * deadline; for writes `sent` is the index after the last byte written.
 *
 * @example
 * ```ts
 * import { TimeoutError } from "effect-copas/Errors"
 * const e = new TimeoutError({ operation: "receive", partial: "12" })
 * console.log(e.reason, e.partial) // "timeout" "12"
 * ```
 * @since 0.1.0
 * @category errors
 */
export class TimeoutError extends Data.TaggedError("TimeoutError")<{
  readonly operation: string
  readonly partial?: string | Uint8Array | undefined
  readonly sent?: number | undefined
  /**
   * the elapsed wait in **milliseconds** (a number, not a `Duration`), for locks, semaphores,
   * queue pops and finish (Copas returns it, in seconds, as a third value)
   */
  readonly waited?: number | undefined
}> {
  /** Copas's error string. */
  readonly reason = "timeout" as const
  override get message(): string {
    return `timeout (${this.operation})`
  }
}

/**
 * The socket was closed, by the peer or locally (a task blocked on it is woken at once).
 *
 * @example
 * ```ts
 * import { ClosedError } from "effect-copas/Errors"
 * new ClosedError({ operation: "receive", partial: "" }).reason // "closed"
 * ```
 * @since 0.1.0
 * @category errors
 */
export class ClosedError extends Data.TaggedError("ClosedError")<{
  readonly operation: string
  readonly partial?: string | Uint8Array | undefined
  readonly sent?: number | undefined
}> {
  readonly reason = "closed" as const
  override get message(): string {
    return `closed (${this.operation})`
  }
}

/**
 * Why a connection could not be made.
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import type { ConnectReason } from "effect-copas/Errors"
 * import * as Socket from "effect-copas/Socket"
 * const why = (sock: Socket.CopasSocket) =>
 *   Socket.connect(sock, "127.0.0.1", 1).pipe(
 *     Effect.as<ConnectReason | "ok">("ok"),
 *     Effect.catchTag("ConnectError", (e) => Effect.succeed(e.reason)) // "refused"
 *   )
 * ```
 * @since 0.1.0
 * @category errors
 */
export type ConnectReason =
  | "refused"
  | "unreachable"
  | "dns"
  | "already-connected"
  | "in-progress"
  | "timeout"
  | "reset"
  | "other"

/**
 * A connect failed. `reason` says why (`"refused"` is Copas's `"connection refused"`).
 *
 * @example
 * ```ts
 * import { ConnectError } from "effect-copas/Errors"
 * new ConnectError({ reason: "refused", address: "127.0.0.1:1" }).message // "connection refused (127.0.0.1:1)"
 * ```
 * @since 0.1.0
 * @category errors
 */
export class ConnectError extends Data.TaggedError("ConnectError")<{
  readonly reason: ConnectReason
  readonly address?: string | undefined
  readonly code?: string | undefined
  readonly cause?: unknown
}> {
  override get message(): string {
    const text = this.reason === "refused"
      ? "connection refused"
      : this.reason === "already-connected"
      ? "already connected"
      : this.reason === "in-progress"
      ? "Operation already in progress"
      : this.reason === "dns"
      ? "host not found"
      : this.reason
    return this.address === undefined ? text : `${text} (${this.address})`
  }
}

/**
 * A TLS failure: a handshake that failed or timed out, a certificate that did not verify, an SNI
 * name that the server does not serve.
 *
 * @example
 * ```ts
 * import { TlsError } from "effect-copas/Errors"
 * new TlsError({ reason: "handshake", detail: "wrong version number" }).message
 * // "TLS/SSL handshake failed: wrong version number"
 * ```
 * @since 0.1.0
 * @category errors
 */
export class TlsError extends Data.TaggedError("TlsError")<{
  readonly reason: "handshake" | "verification" | "sni" | "timeout" | "params"
  readonly detail: string
  readonly code?: string | undefined
  readonly cause?: unknown
}> {
  override get message(): string {
    return this.reason === "params" ? this.detail : `TLS/SSL handshake failed: ${this.detail}`
  }
}

/**
 * A line longer than the socket's `maxLineLength` arrived. Nothing was consumed: the bytes stay
 * readable with `receive(n)`.
 *
 * @example
 * ```ts
 * import { LineTooLongError } from "effect-copas/Errors"
 * new LineTooLongError({ limit: 1024, buffered: 4096 }).message
 * ```
 * @since 0.1.0
 * @category errors
 */
export class LineTooLongError extends Data.TaggedError("LineTooLongError")<{
  readonly limit: number
  readonly buffered: number
}> {
  readonly reason = "line too long" as const
  override get message(): string {
    return `line too long: more than ${this.limit} bytes without a line feed (${this.buffered} buffered)`
  }
}

/**
 * Any other error from the operating system (`code` is Node's, e.g. `"ECONNRESET"`, `"EADDRINUSE"`).
 *
 * @example
 * ```ts
 * import { SocketError } from "effect-copas/Errors"
 * new SocketError({ operation: "bind", code: "EADDRINUSE", detail: "address in use" }).message
 * ```
 * @since 0.1.0
 * @category errors
 */
export class SocketError extends Data.TaggedError("SocketError")<{
  readonly operation: string
  readonly code?: string | undefined
  readonly detail: string
  readonly partial?: string | Uint8Array | undefined
  readonly sent?: number | undefined
  readonly cause?: unknown
}> {
  override get message(): string {
    return `${this.operation}: ${this.detail}${this.code ? ` (${this.code})` : ""}`
  }
}

/**
 * The lock, semaphore or queue was destroyed (while waiting, or before the call).
 *
 * @example
 * ```ts
 * import { DestroyedError } from "effect-copas/Errors"
 * new DestroyedError({ waited: 500 }).reason // "destroyed"
 * ```
 * @since 0.1.0
 * @category errors
 */
export class DestroyedError extends Data.TaggedError("DestroyedError")<{
  /** how long the waiter had waited, in milliseconds (a number, not a `Duration`) */
  readonly waited?: number | undefined
}> {
  readonly reason = "destroyed" as const
  override get message(): string {
    return "destroyed"
  }
}

/**
 * A semaphore request for more than its maximum, or a `give` that would exceed it.
 *
 * @example
 * ```ts
 * import { TooManyError } from "effect-copas/Errors"
 * new TooManyError({ requested: 5, max: 3 }).reason // "too many"
 * ```
 * @since 0.1.0
 * @category errors
 */
export class TooManyError extends Data.TaggedError("TooManyError")<{
  readonly requested: number
  readonly max: number
}> {
  readonly reason = "too many" as const
  override get message(): string {
    return `too many (requested ${this.requested}, max ${this.max})`
  }
}

/**
 * `Lock.release` by a task that does not own the lock.
 *
 * @example
 * ```ts
 * import { NotOwnerError } from "effect-copas/Errors"
 * new NotOwnerError().message // "cannot release a lock not owned"
 * ```
 * @since 0.1.0
 * @category errors
 */
export class NotOwnerError extends Data.TaggedError("NotOwnerError")<{}> {
  readonly reason = "cannot release a lock not owned" as const
  override get message(): string {
    return this.reason
  }
}

/**
 * `Timer.cancel` on a timer that is not armed.
 * @example
 * ```ts
 * import { NotArmedError } from "effect-copas/Errors"
 * new NotArmedError().reason // "not armed"
 * ```
 * @since 0.1.0
 * @category errors
 */
export class NotArmedError extends Data.TaggedError("NotArmedError")<{}> {
  readonly reason = "not armed" as const
  override get message(): string {
    return this.reason
  }
}

/**
 * `Timer.arm` on a timer that is already armed.
 * @example
 * ```ts
 * import { AlreadyArmedError } from "effect-copas/Errors"
 * new AlreadyArmedError().reason // "already armed"
 * ```
 * @since 0.1.0
 * @category errors
 */
export class AlreadyArmedError extends Data.TaggedError("AlreadyArmedError")<{}> {
  readonly reason = "already armed" as const
  override get message(): string {
    return this.reason
  }
}

/**
 * `Timer.cancel` on a timer that was already cancelled.
 * @example
 * ```ts
 * import { AlreadyCancelledError } from "effect-copas/Errors"
 * new AlreadyCancelledError().reason // "already cancelled"
 * ```
 * @since 0.1.0
 * @category errors
 */
export class AlreadyCancelledError extends Data.TaggedError("AlreadyCancelledError")<{}> {
  readonly reason = "already cancelled" as const
  override get message(): string {
    return this.reason
  }
}

/**
 * `Queue.push` after `stop` or `finish`.
 * @example
 * ```ts
 * import { StoppingError } from "effect-copas/Errors"
 * new StoppingError().reason // "stopping"
 * ```
 * @since 0.1.0
 * @category errors
 */
export class StoppingError extends Data.TaggedError("StoppingError")<{}> {
  readonly reason = "stopping" as const
  override get message(): string {
    return this.reason
  }
}

/**
 * The future was cancelled before it produced a result.
 * @example
 * ```ts
 * import { CancelledError } from "effect-copas/Errors"
 * new CancelledError().reason // "cancelled"
 * ```
 * @since 0.1.0
 * @category errors
 */
export class CancelledError extends Data.TaggedError("CancelledError")<{}> {
  readonly reason = "cancelled" as const
  override get message(): string {
    return this.reason
  }
}

/**
 * `Copas.wakeup` on a task that is not sleeping (Copas #200 returns `nil, "not sleeping"`).
 * @example
 * ```ts
 * import { NotSleepingError } from "effect-copas/Errors"
 * new NotSleepingError({ task: "worker" }).message // "not sleeping (worker)"
 * ```
 * @since 0.1.0
 * @category errors
 */
export class NotSleepingError extends Data.TaggedError("NotSleepingError")<{
  readonly task: string
}> {
  readonly reason = "not sleeping" as const
  override get message(): string {
    return `not sleeping (${this.task})`
  }
}

/**
 * An http request failed. `reason` is one of the kinds below; `detail` carries the text.
 * `"proxy"`: the proxy refused to open a tunnel to an https target (it answered `CONNECT` with a
 * status other than 2xx, in `code`, e.g. 407 when it wants credentials).
 * @example
 * ```ts
 * import { HttpError } from "effect-copas/Errors"
 * new HttpError({ reason: "timeout", detail: "receive" }).message // "timeout: receive"
 * const e = new HttpError({ reason: "proxy", detail: "proxy refused the tunnel: 407", code: 407 })
 * e.code // 407
 * ```
 * @since 0.1.0
 * @category errors
 */
export class HttpError extends Data.TaggedError("HttpError")<{
  readonly reason:
    | "timeout"
    | "refused"
    | "tls"
    | "too-many-redirects"
    | "insecure-redirect"
    | "malformed"
    | "invalid-url"
    | "closed"
    | "proxy"
    | "other"
  readonly detail: string
  readonly url?: string | undefined
  /** with reason `"proxy"`: the status the proxy answered `CONNECT` with */
  readonly code?: number | undefined
  readonly cause?: unknown
}> {
  override get message(): string {
    return `${this.reason}: ${this.detail}`
  }
}

/**
 * An ftp command failed; `code` and `text` are the server's reply (e.g. 530, "Login incorrect.").
 * @example
 * ```ts
 * import { FtpError } from "effect-copas/Errors"
 * new FtpError({ code: 550, text: "No such file" }).message // "550 No such file"
 * ```
 * @since 0.1.0
 * @category errors
 */
export class FtpError extends Data.TaggedError("FtpError")<{
  readonly code?: number | undefined
  readonly text: string
  /** the command the server refused, e.g. "RETR missing.txt" (passwords hidden) */
  readonly command?: string | undefined
  readonly cause?: unknown
}> {
  override get message(): string {
    return this.code === undefined ? this.text : `${this.code} ${this.text}`
  }
}

/**
 * An smtp transaction failed; `code` and `text` are the server's reply.
 * @example
 * ```ts
 * import { SmtpError } from "effect-copas/Errors"
 * new SmtpError({ code: 550, text: "mailbox unavailable" }).message // "550 mailbox unavailable"
 * ```
 * @since 0.1.0
 * @category errors
 */
export class SmtpError extends Data.TaggedError("SmtpError")<{
  readonly code?: number | undefined
  readonly text: string
  /** the command the server refused, e.g. "RCPT TO:<nobody@example.com>" (secrets hidden) */
  readonly command?: string | undefined
  readonly cause?: unknown
}> {
  override get message(): string {
    return this.code === undefined ? this.text : `${this.code} ${this.text}`
  }
}

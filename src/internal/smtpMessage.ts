/**
 * MIME messages as LuaSocket's `smtp.message` builds them, and the DATA encoding (CRLF line ends,
 * dot-stuffing, the final "."), both as byte streams so that large attachments never sit whole
 * in memory.
 *
 * @internal
 */
import * as Stream from "effect/Stream"
import { randomBytes } from "node:crypto"

/** A message or a part (Copas's message table). */
export interface Message<E = never, R = never> {
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly body?: Body<E, R> | undefined
}

/** A multipart body: the parts, with an optional preamble and epilogue. */
export interface Multipart<E = never, R = never> {
  readonly preamble?: string | undefined
  readonly parts: ReadonlyArray<Message<E, R>>
  readonly epilogue?: string | undefined
}

export type Body<E = never, R = never> =
  | string
  | Uint8Array
  | Stream.Stream<Uint8Array, E, R>
  | Multipart<E, R>
  | ReadonlyArray<Message<E, R>>

export interface MessageDefaults {
  readonly zone: string
  readonly mailer: string
  readonly now: Date
}

const te = new TextEncoder()
const bytes = (s: string): Uint8Array => te.encode(s)

// ---- headers -------------------------------------------------------------------------------------

const SPECIAL: Record<string, string> = {
  "message-id": "Message-ID",
  "mime-version": "MIME-Version",
  "content-id": "Content-ID",
  "content-md5": "Content-MD5",
  "dkim-signature": "DKIM-Signature",
  "x-mailer": "X-Mailer"
}

/** LuaSocket's `headers.canonic`: "content-type" → "Content-Type". */
const canonic = (name: string): string =>
  SPECIAL[name] ?? name.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("-")

const NON_ASCII = /[^\x20-\x7e\t]/

/**
 * `text` as UTF-8 encoded-words (at most 75 characters each, split between characters), one per
 * line: a header line with encoded-words must stay within 76 characters (RFC 2047 §2), and no
 * line may pass 998 (RFC 5322 §2.1.1); the folds between words vanish when decoded (§6.2).
 */
const encodedWords = (text: string): string => {
  const encoded: Array<string> = []
  let piece = ""
  for (const ch of text) {
    // 75 - "=?UTF-8?B?".length - "?=".length = 63 base64 characters = 45 bytes
    if (Buffer.byteLength(piece + ch) > 45) {
      encoded.push(`=?UTF-8?B?${Buffer.from(piece).toString("base64")}?=`)
      piece = ""
    }
    piece += ch
  }
  if (piece !== "") encoded.push(`=?UTF-8?B?${Buffer.from(piece).toString("base64")}?=`)
  return encoded.join("\r\n ")
}

/**
 * RFC 2047 for unstructured text (Subject ...): the words from the first to the last one with a
 * non-ASCII character become UTF-8 encoded-words.
 */
const encodeText = (value: string): string => {
  if (!NON_ASCII.test(value)) return value
  const words = value.split(/(\s+)/)
  let first = -1
  let last = -1
  words.forEach((w, i) => {
    if (NON_ASCII.test(w)) {
      if (first < 0) first = i
      last = i
    }
  })
  let run = words.slice(first, last + 1).join("")
  if (run.length >= 2 && run.startsWith("\"") && run.endsWith("\"")) run = run.slice(1, -1)
  return words.slice(0, first).join("") + encodedWords(run) + words.slice(last + 1).join("")
}

/** Headers whose value is a list of addresses (RFC 5322 §3.6.2, §3.6.3, §3.6.6). */
const ADDRESS_HEADERS = new Set([
  "from", "sender", "reply-to", "to", "cc", "bcc",
  "resent-from", "resent-sender", "resent-to", "resent-cc", "resent-bcc"
])

/**
 * Splits a structured header value at `separator` outside quoted strings, comments and `<...>`:
 * an address list at its commas, a parameter header (`type; name=value`) at its semicolons.
 */
const splitOutside = (value: string, separator: "," | ";"): Array<string> => {
  const out: Array<string> = []
  let cur = ""
  let quoted = false
  let angle = 0
  let paren = 0
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!
    if (quoted) {
      cur += c
      if (c === "\\" && i + 1 < value.length) cur += value[++i]!
      else if (c === "\"") quoted = false
      continue
    }
    if (c === "\"") quoted = true
    else if (c === "<") angle++
    else if (c === ">" && angle > 0) angle--
    else if (c === "(") paren++
    else if (c === ")" && paren > 0) paren--
    else if (c === separator && angle === 0 && paren === 0) {
      out.push(cur)
      cur = ""
      continue
    }
    cur += c
  }
  out.push(cur)
  return out
}

/**
 * One mailbox: only its display name becomes encoded-words (a quoted name is unquoted first), so
 * the address itself stays readable; a mailbox without `<...>` is left as it is.
 */
const encodeMailbox = (mailbox: string): string => {
  const m = /^(\s*)(.*?)\s*(<[^<>]*>\s*)$/s.exec(mailbox)
  if (m === null || !NON_ASCII.test(m[2]!)) return mailbox
  let phrase = m[2]!
  if (phrase.length >= 2 && phrase.startsWith("\"") && phrase.endsWith("\"")) {
    phrase = phrase.slice(1, -1).replace(/\\(.)/g, "$1")
  }
  return `${m[1]}${encodedWords(phrase)} ${m[3]}`
}

/** Headers whose value is `type; name=value; ...` (RFC 2045 §5.1, RFC 2183): parameters, not text. */
const PARAMETER_HEADERS = new Set(["content-type", "content-disposition"])

/** RFC 2231's percent-encoding of the UTF-8 bytes: only attribute characters stay as they are. */
const percentEncode = (s: string): string => {
  let out = ""
  for (const b of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(b)
    out += /[0-9A-Za-z!#$&+\-.^_`|~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`
  }
  return out
}

/**
 * RFC 2231 for parameters: a non-ASCII `name=value` (quoted or not) becomes
 * `name*=UTF-8''percent-encoded`, as mail readers expect for `filename`; encoded-words are not
 * allowed in parameters (RFC 2047 §5) and hid the parameter's name. Anything else stays as it is.
 */
const encodeParameters = (value: string): string =>
  splitOutside(value, ";").map((p, i) => {
    const m = /^(\s*)([!#$%&'+\-.^_`|~0-9A-Za-z]+)\s*=\s*(.*?)\s*$/s.exec(p)
    if (i === 0 || m === null || !NON_ASCII.test(m[3]!)) return p
    let v = m[3]!
    if (v.length >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.slice(1, -1).replace(/\\(.)/g, "$1")
    return `${m[1]}${m[2]}*=UTF-8''${percentEncode(v)}`
  }).join(";")

/**
 * RFC 2047: non-ASCII words as UTF-8 encoded-words; in address lists, only the display names;
 * in `Content-Type` and `Content-Disposition`, RFC 2231 parameters.
 */
const encodeHeaderValue = (name: string, value: string): string => {
  if (!NON_ASCII.test(value)) return value
  if (PARAMETER_HEADERS.has(name)) return encodeParameters(value)
  if (!ADDRESS_HEADERS.has(name)) return encodeText(value)
  return splitOutside(value, ",").map(encodeMailbox).join(",")
}

/** Lower-cased names, values checked (a CR or LF would let a value add headers: a defect). */
const lower = (headers: Readonly<Record<string, string>> | undefined): Map<string, string> => {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (typeof v !== "string") throw new TypeError(`header '${k}' must be a string, got ${typeof v}`)
    if (/[\r\n]/.test(v) || /[\r\n:\s]/.test(k) || k === "") {
      throw new TypeError(`invalid header ${JSON.stringify(k)}: ${JSON.stringify(v)} (no CR, LF; names without ':' or spaces)`)
    }
    out.set(k.toLowerCase(), v)
  }
  return out
}

const headerBlock = (headers: Map<string, string>): Uint8Array => {
  let s = ""
  for (const [k, v] of headers) s += `${canonic(k)}: ${encodeHeaderValue(k, v)}\r\n`
  return bytes(s + "\r\n")
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
const two = (n: number) => String(n).padStart(2, "0")

/** LuaSocket's date: `os.date("!%a, %d %b %Y %H:%M:%S ") .. ZONE` (UTC). */
const rfc5322Date = (d: Date, zone: string): string =>
  `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
  `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${zone}`

const domainOf = (from: string | undefined): string => {
  const m = from === undefined ? null : /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)
  return m?.[1] ?? "localhost"
}

let boundarySeq = 0
const newBoundary = (): string => `=_copas_${randomBytes(12).toString("hex")}_${(++boundarySeq).toString(36)}`

// ---- base64 over a stream ------------------------------------------------------------------------

/** base64 in 76-character lines (57 bytes each), across chunk boundaries. */
const base64Lines = <E, R>(source: Stream.Stream<Uint8Array, E, R>): Stream.Stream<Uint8Array, E, R> =>
  Stream.suspend(() => {
    let rest: Buffer = Buffer.alloc(0)
    const push = (chunk: Uint8Array): Uint8Array => {
      const all = rest.length === 0 ? Buffer.from(chunk) : Buffer.concat([rest, chunk])
      const whole = all.length - (all.length % 57)
      rest = all.subarray(whole)
      let s = ""
      for (let i = 0; i < whole; i += 57) s += all.subarray(i, i + 57).toString("base64") + "\r\n"
      return bytes(s)
    }
    const end = (): Uint8Array => (rest.length === 0 ? new Uint8Array(0) : bytes(rest.toString("base64") + "\r\n"))
    return Stream.concat(
      Stream.map(source, push),
      Stream.sync(end)
    ).pipe(Stream.filter((b) => b.length > 0))
  })

// ---- the message -----------------------------------------------------------------------------------

const isStream = (u: unknown): u is Stream.Stream<Uint8Array, unknown, unknown> =>
  typeof u === "object" && u !== null && Stream.StreamTypeId in u

const partsOf = <E, R>(body: Multipart<E, R> | ReadonlyArray<Message<E, R>>): Multipart<E, R> =>
  Array.isArray(body) ? { parts: body as ReadonlyArray<Message<E, R>> } : body as Multipart<E, R>

/** One part (or the whole message): its headers, a blank line, its body. */
const part = <E, R>(m: Message<E, R>, headers: Map<string, string>): Stream.Stream<Uint8Array, E, R> => {
  const body = m.body ?? ""
  if (typeof body === "string") {
    if (!headers.has("content-type")) headers.set("content-type", "text/plain; charset=utf-8")
    if (!headers.has("content-transfer-encoding") && NON_ASCII.test(body.replace(/[\r\n]/g, ""))) {
      headers.set("content-transfer-encoding", "8bit")
    }
    return Stream.make(headerBlock(headers), bytes(body))
  }
  if (body instanceof Uint8Array || isStream(body)) {
    if (!headers.has("content-type")) headers.set("content-type", "application/octet-stream")
    if (!headers.has("content-transfer-encoding")) headers.set("content-transfer-encoding", "base64")
    const source: Stream.Stream<Uint8Array, E, R> = body instanceof Uint8Array ? Stream.make(body) : body
    const encoded = headers.get("content-transfer-encoding")!.toLowerCase() === "base64" ? base64Lines(source) : source
    return Stream.concat(Stream.make(headerBlock(headers)), encoded)
  }
  if (typeof body !== "object" || body === null) throw new TypeError(`invalid message body: ${typeof body}`)
  const multi = partsOf(body as Multipart<E, R> | ReadonlyArray<Message<E, R>>)
  if (!Array.isArray(multi.parts)) throw new TypeError("a multipart body needs `parts` (a list of messages)")
  const bd = newBoundary()
  headers.set("content-type", `${headers.get("content-type") ?? "multipart/mixed"}; boundary="${bd}"`)
  const pieces: Array<Stream.Stream<Uint8Array, E, R>> = [Stream.make(headerBlock(headers))]
  if (multi.preamble !== undefined) pieces.push(Stream.make(bytes(multi.preamble + "\r\n")))
  for (const p of multi.parts) {
    pieces.push(Stream.make(bytes(`\r\n--${bd}\r\n`)))
    pieces.push(part(p, lower(p.headers)))
  }
  pieces.push(Stream.make(bytes(`\r\n--${bd}--\r\n\r\n`)))
  if (multi.epilogue !== undefined) pieces.push(Stream.make(bytes(multi.epilogue + "\r\n")))
  return Stream.flatten(Stream.fromIterable(pieces))
}

/**
 * LuaSocket's `smtp.message`: the top level gets `date`, `message-id`, `x-mailer` (unless given)
 * and `mime-version: 1.0` (always).
 */
export const message = <E, R>(m: Message<E, R>, defaults: MessageDefaults): Stream.Stream<Uint8Array, E, R> =>
  Stream.suspend(() => {
    const h = lower(m.headers)
    if (!h.has("date")) h.set("date", rfc5322Date(defaults.now, defaults.zone))
    if (!h.has("message-id")) {
      h.set("message-id", `<${Date.now().toString(36)}.${randomBytes(8).toString("hex")}@${domainOf(h.get("from"))}>`)
    }
    if (!h.has("x-mailer")) h.set("x-mailer", defaults.mailer)
    h.set("mime-version", "1.0")
    return part(m, h)
  })

// ---- DATA ------------------------------------------------------------------------------------------

const CR = 13
const LF = 10
const DOT = 46

/**
 * The DATA encoding: every line end becomes CRLF (a bare LF or CR too), a line starting with "."
 * gets another "." (RFC 5321 §4.5.2), and the message ends with CRLF "." CRLF.
 */
export const dataEncoding = <E, R>(source: Stream.Stream<Uint8Array, E, R>): Stream.Stream<Uint8Array, E, R> =>
  Stream.suspend(() => {
    let atLineStart = true
    let pendingCR = false
    const push = (chunk: Uint8Array): Uint8Array => {
      const out = Buffer.allocUnsafe(chunk.length * 2 + 2)
      let o = 0
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!
        if (pendingCR) {
          pendingCR = false
          out[o++] = CR
          out[o++] = LF
          atLineStart = true
          if (b === LF) continue
        }
        if (b === CR) {
          pendingCR = true
        } else if (b === LF) {
          out[o++] = CR
          out[o++] = LF
          atLineStart = true
        } else {
          if (atLineStart && b === DOT) out[o++] = DOT
          out[o++] = b
          atLineStart = false
        }
      }
      return out.subarray(0, o)
    }
    const end = (): Uint8Array => {
      let s = ""
      if (pendingCR || !atLineStart) s += "\r\n"
      return bytes(s + ".\r\n")
    }
    return Stream.concat(Stream.map(source, push), Stream.sync(end)).pipe(Stream.filter((b) => b.length > 0))
  })

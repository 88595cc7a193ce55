/**
 * A binary min-heap of timed entries keyed by deadline (then insertion order), with O(log n)
 * removal: every entry knows its index, so cancelling a sleep or a timeout leaves nothing behind.
 *
 * @internal
 */

/** What an entry is for; the dispatcher counts them separately (Copas's sleepers vs timeouts). */
export const SLEEP = 0
export const TIMEOUT = 1
export const TIMER = 2
/** the shared timeout entry of a wait list's lane (its waiters are counted as TIMEOUT) */
export const LANE = 3
export type EntryKind = typeof SLEEP | typeof TIMEOUT | typeof TIMER | typeof LANE

/** @internal */
export class Entry {
  /** position in the heap array, -1 when not in the heap */
  i = -1
  constructor(
    public deadline: number,
    public seq: number,
    public readonly kind: EntryKind,
    /** called as a method of the entry (`this` = the entry: see `data`) */
    public fire: () => void,
    /** what `fire` works on, when it is a shared function rather than a closure per entry */
    public readonly data: unknown = undefined
  ) {}
}

const less = (a: Entry, b: Entry): boolean =>
  a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq)

/** @internal */
export class Heap {
  readonly items: Array<Entry> = []
  private seq = 0
  /** live entries per kind */
  readonly counts = [0, 0, 0, 0]

  get size(): number {
    return this.items.length
  }

  peek(): Entry | undefined {
    return this.items[0]
  }

  insert(deadline: number, kind: EntryKind, fire: () => void, data?: unknown): Entry {
    const e = new Entry(deadline, this.seq++, kind, fire, data)
    this.push(e)
    return e
  }

  /** Re-insert an entry that was popped or removed (recurring timers reuse theirs). */
  push(e: Entry): void {
    e.seq = this.seq++
    const items = this.items
    e.i = items.length
    items.push(e)
    this.counts[e.kind]!++
    this.up(e.i)
  }

  pop(): Entry | undefined {
    const items = this.items
    const top = items[0]
    if (top === undefined) return undefined
    this.removeAt(0)
    return top
  }

  /** Removes `e` if it is in the heap; returns whether it was. */
  remove(e: Entry): boolean {
    if (e.i < 0) return false
    this.removeAt(e.i)
    return true
  }

  clear(): Array<Entry> {
    const all = this.items.splice(0)
    for (const e of all) e.i = -1
    this.counts[0] = this.counts[1] = this.counts[2] = this.counts[3] = 0
    return all
  }

  private removeAt(i: number): void {
    const items = this.items
    const e = items[i]!
    const last = items.pop()!
    this.counts[e.kind]!--
    e.i = -1
    if (last !== e) {
      items[i] = last
      last.i = i
      if (i > 0 && less(last, items[(i - 1) >> 1]!)) this.up(i)
      else this.down(i)
    }
  }

  private up(i: number): void {
    const items = this.items
    const e = items[i]!
    while (i > 0) {
      const p = (i - 1) >> 1
      const pe = items[p]!
      if (!less(e, pe)) break
      items[i] = pe
      pe.i = i
      i = p
    }
    items[i] = e
    e.i = i
  }

  private down(i: number): void {
    const items = this.items
    const n = items.length
    const e = items[i]!
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      const c = r < n && less(items[r]!, items[l]!) ? r : l
      const ce = items[c]!
      if (!less(ce, e)) break
      items[i] = ce
      ce.i = i
      i = c
    }
    items[i] = e
    e.i = i
  }
}

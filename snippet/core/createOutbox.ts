import type { Destination, Envelope } from './types'

/** An event waiting for one destination. */
export interface Entry {
  e: Envelope
  /** the envelope as JSON, made once: its size and the persisted form reuse it */
  j: string
  /** a send is in flight */
  s?: boolean
  /** written to this tab's segment */
  p?: boolean
}

/** The events for one destination, and its retry state: failures in a row, and when to try next. */
export interface Queue {
  d: Destination
  x: Entry[]
  n: number
  at: number
  /** waiting for its encoder (a plugin): not sent, not scheduled */
  w?: boolean
  /** its encoder held some events back in the last round */
  h?: boolean
}

/** Synchronous key/value storage (localStorage, or a Map in tests); may be absent. */
export interface KeyValue {
  getItem(k: string): string | null
  setItem(k: string, v: string): void
  removeItem(k: string): void
  key(i: number): string | null
  readonly length: number
}

/** Bounds of one destination's queue, and the lease after which a silent tab's segment may be adopted. */
export const OUTBOX = { max: 500, bytes: 1_000_000, age: 7 * 864e5, lease: 15_000 }

export const SEGMENT = 'pixel.ob.'
/**
 * A tab's heartbeat, apart from its segment (see `persist`): the time it was last known alive,
 * or CLOSED once its page was unloaded.
 */
export const BEAT = 'pixel.hb.'
export const CLOSED = 'closed'

/** The keys in storage now, listed before any is removed (removing one renumbers the rest). */
export function keysOf(kv: KeyValue): string[] {
  const ks: string[] = []
  for (let i = 0; i < kv.length; i++) ks.push(kv.key(i)!)
  return ks
}

/**
 * The persistent outbox. Each tab (page instance) owns one segment, `pixel.ob.<id>` in
 * localStorage, and is its only writer, so tabs never race on a read-modify-write. A segment
 * whose heartbeat (`pixel.hb.<id>`) says closed (the page was unloaded), or whose heartbeat (or
 * the segment's own time) is older than the lease (the tab crashed or was frozen), is adopted by
 * the next tab that looks (core/adoptSegments.ts, in the `adopt` plugin): its events are merged
 * into that tab's queues.
 * Storage failures leave the outbox working in memory. Pure apart from the injected storage.
 */
export function createOutbox(kv: KeyValue | null, id: string, now: () => number, limits = OUTBOX) {
  const queues: Record<string, Queue> = {}
  const key = SEGMENT + id
  let dropped = 0
  let closed = false
  /** the segment is in storage (this tab wrote it, and has not removed it) */
  let written = false
  /** the queues changed since the segment was written */
  let dirty = false
  /** when this tab's heartbeat was last written */
  let beatAt = 0

  const get = (k: string) => {
    try {
      return kv && kv.getItem(k)
    } catch {
      return null
    }
  }

  /** Drops events past the maximum age, then the oldest while the queue is over its count or bytes; counts them. */
  function bound(q: Queue) {
    const n = q.x.length
    q.x = q.x.filter((x) => Date.parse(x.e.originalTimestamp) > now() - limits.age)
    let bytes = 0
    for (const x of q.x) bytes += x.j.length
    while (q.x.length > limits.max || bytes > limits.bytes) bytes -= q.x.shift()!.j.length
    dropped += n - q.x.length
  }

  /**
   * The queue of a destination, by all it is (format, endpoint and keys): events adopted from a
   * page of another write key, or made before an init() that changed a key, go with their own.
   */
  function queue(d: Destination) {
    const k = JSON.stringify(d)
    return (queues[k] = queues[k] || { d, x: [], n: 0, at: 0 })
  }

  return {
    queues,
    /** Events dropped by the bounds and not yet reported; reading resets it. */
    takeDropped() {
      const n = dropped
      // (the segment written before still has the count, and not the event it now rides on)
      dropped = 0
      return n
    },
    add(d: Destination, e: Envelope, j: string) {
      const q = queue(d)
      q.x.push({ e, j })
      dirty = true
      // the count bound at once, in O(1); age and bytes when the segment is written (once a flush)
      if (q.x.length > limits.max) q.x.shift(), dropped++
    },
    /**
     * Ends a send: its entries leave the queue, or with `retryAt` stay for a later attempt. A
     * failure puts the whole queue back by retryAt(failures in a row) (only the first failure of
     * a round counts); a success starts the count again.
     */
    settle(q: Queue, ids: string[], retryAt?: (failures: number) => number) {
      const mine: Record<string, 1> = {}
      for (const i of ids) mine[i] = 1
      q.x = q.x.filter((x) => !mine[x.e.messageId] || ((x.s = false), !!retryAt))
      // (a failure changes only the retry state: the segment has it as of its last write)
      if (!retryAt) (q.n = 0), (q.h = false), (dirty = true)
      else if (q.at <= now()) q.at = retryAt(q.n++)
    },
    /**
     * Writes this tab's segment, where the queues changed since, and its heartbeat. `closing`
     * marks it adoptable at once (the page is being unloaded): the heartbeat says so, and the
     * segment is not rewritten for it (350 KB of it took 4 ms at unload). It stays closed (a page
     * restored from the bfcache leaves its earlier events to be adopted by the next page, which
     * sends them). If another tab adopted the segment meanwhile (this tab was frozen past the lease,
     * or closed: its heartbeat is gone), the entries written before are that tab's now. A
     * heartbeat gone within the lease of its writing, in a tab not closed, no tab took: the page
     * cleared its storage (`localStorage.clear()` at a logout, as apps do), and the entries are
     * written again (they were lost with it, when the collector was failing).
     * A tab whose events cannot be delivered (the collector down, or blocked by an extension)
     * keeps them, up to 500 (350 KB of JSON): rewriting them at every heartbeat cost such a page
     * about 1 ms of script time a second (measured), so the heartbeat is a key of its own.
     */
    persist(closing?: boolean) {
      if (closing) closed = true
      if (!kv) return
      const beat = BEAT + id
      if (written && get(beat) == null) {
        if (closed || now() - beatAt >= limits.lease) for (const k of Object.keys(queues)) queues[k].x = queues[k].x.filter((x) => !x.p)
        written = false
        dirty = true
      }
      const parts: string[] = []
      if (dirty)
        for (const k of Object.keys(queues)) {
          const q = queues[k]
          bound(q)
          if (q.x.length)
            parts.push(JSON.stringify(k) + ':{"d":' + JSON.stringify(q.d) + ',"n":' + q.n + ',"x":[' + q.x.map((x) => ((x.p = true), '{"e":' + x.j + '}')).join() + ']}')
        }
      try {
        // (a heartbeat written before a segment that did not fit, storage being full, goes too)
        if (dirty && !parts.length && !dropped) kv.removeItem(beat), kv.removeItem(key), (written = false)
        else if (written || dirty) {
          // the heartbeat first: a segment written with its heartbeat refused would read as adopted
          kv.setItem(beat, closed ? CLOSED : '' + (beatAt = now()))
          if (dirty) kv.setItem(key, '{"t":' + now() + ',"dr":' + dropped + ',"q":{' + parts.join() + '}}'), (written = true)
        }
        dirty = false
      } catch {
        // full or blocked: the outbox keeps working in memory, and writes the whole segment next time
      }
    },
    queue,
    bound,
    /**
     * Counts events dropped elsewhere (by the page whose segment was adopted), to be reported,
     * and marks the queues changed: adoption edits them directly.
     */
    drop(n: number) {
      dropped += n
      dirty = true
    },
    /**
     * A consent withdrawn: empties every queue, unsent, and removes every segment with its
     * heartbeat, this tab's and those that closed or crashed tabs left for a page to take over
     * (a later page sent those after the withdrawal). Open tabs empty theirs as the choice reaches
     * them. The count of events the bounds dropped goes too: it would ride on the next event the
     * visitor allows.
     */
    clear() {
      for (const k of Object.keys(queues)) queues[k].x = []
      written = false
      dropped = 0
      try {
        for (const k of keysOf(kv!)) if (!k.indexOf(SEGMENT) || !k.indexOf(BEAT)) kv!.removeItem(k)
      } catch {}
    },
    /** Does another tab's segment exist (so the adopt plugin has something to look at)? */
    others(): boolean {
      try {
        return keysOf(kv!).some((k) => !k.indexOf(SEGMENT) && k != key)
      } catch {
        return false
      }
    },
  }
}

export type Outbox = ReturnType<typeof createOutbox>

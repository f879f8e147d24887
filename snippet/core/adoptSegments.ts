import { BEAT, CLOSED, keysOf, OUTBOX, SEGMENT, type Entry, type KeyValue, type Outbox } from './createOutbox'
import type { Destination, Envelope } from './types'

/**
 * Puts events an earlier page left (adopted from its segment) in front of this page's, as they
 * are older; skips those already here. The queue takes the worse retry state of the two (`n`,
 * failures in a row): a collector that failed that page is probed, not sent the whole backlog.
 * Returns how many.
 */
function merge(outbox: Outbox, d: Destination, events: Envelope[], n: unknown): number {
  const q = outbox.queue(d)
  q.n = Math.max(q.n, (n as number) | 0)
  const have: Record<string, 1> = {}
  for (const y of q.x) have[y.e.messageId] = 1
  const older: Entry[] = []
  for (const e of events) if (!have[e.messageId]) (have[e.messageId] = 1), older.push({ e, j: JSON.stringify(e) })
  q.x = older.concat(q.x)
  outbox.bound(q)
  return older.length
}

/** What the sender relies on in an event: a type, a messageId, a context. */
const sendable = (e: Envelope) => e && typeof e.type == 'string' && typeof e.messageId == 'string' && !!e.context && typeof e.context == 'object'

/**
 * Moves the segments of other tabs that are closed (their page was unloaded) or silent past the
 * lease (crashed, or frozen in the background) into `outbox`, and removes them with their
 * heartbeats. A segment that cannot be read (damaged, or written by another version) is removed
 * whole; of one that can, only the events the sender can send, in queues with a destination, are
 * taken over, and the others are counted as dropped. Returns how many events were taken over.
 * The caller holds a cross-tab lock, so no two tabs adopt one segment.
 */
export function adoptSegments(outbox: Outbox, kv: KeyValue, id: string, now: number, lease = OUTBOX.lease): number {
  let got = 0
  for (const k of keysOf(kv))
    if (!k.indexOf(SEGMENT) && k != SEGMENT + id) {
      const beat = BEAT + k.slice(SEGMENT.length)
      try {
        const s = JSON.parse(kv.getItem(k)!)
        const b = kv.getItem(beat)
        // closed: by its heartbeat, or by the segment itself (`h`, as segments said it before the
        // heartbeat had a key); alive: by its heartbeat, or the segment's own time (the heartbeat
        // is written first, and the segment may be later)
        if (!s.h && b != CLOSED && now - Math.max(s.t, +b! || 0) < lease) continue
        kv.removeItem(k)
        kv.removeItem(beat)
        let dropped = s.dr | 0
        for (const qk of Object.keys(s.q || {})) {
          const { d, x, n } = s.q[qk] || {}
          const list: { e: Envelope }[] = Array.isArray(x) ? x : []
          const events = d && typeof d.format == 'string' && typeof d.endpoint == 'string' ? list.map((y) => y && y.e).filter(sendable) : []
          if (events.length) got += merge(outbox, d, events, n)
          // what that page dropped, and the entries left out here (damaged, or another version's)
          outbox.drop(dropped + list.length - events.length)
          dropped = 0
        }
        outbox.drop(dropped)
      } catch {
        kv.removeItem(k)
        kv.removeItem(beat)
      }
  }
  return got
}

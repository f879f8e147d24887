import { OUTBOX, SEGMENT, type Entry, type KeyValue, type Outbox } from './createOutbox'
import type { Destination, Envelope } from './types'

/**
 * Puts events an earlier page left (adopted from its segment) in front of this page's, as they
 * are older; skips those already here; counts what that page dropped. Returns how many.
 */
function merge(outbox: Outbox, d: Destination, events: Envelope[], droppedThere: number): number {
  const q = outbox.queue(d)
  const have: Record<string, 1> = {}
  for (const y of q.x) have[y.e.messageId] = 1
  const older: Entry[] = []
  for (const e of events) if (e.messageId && !have[e.messageId]) (have[e.messageId] = 1), older.push({ e, j: JSON.stringify(e) })
  q.x = older.concat(q.x)
  outbox.drop(droppedThere)
  outbox.bound(q)
  return older.length
}

/**
 * Moves the segments of other tabs that are closed (their page was unloaded) or silent past the
 * lease (crashed, or frozen in the background) into `outbox`, and removes them. A segment that
 * cannot be read (damaged, or written by another version) is removed whole. Returns how many
 * events were taken over. The caller holds a cross-tab lock, so no two tabs adopt one segment.
 */
export function adoptSegments(outbox: Outbox, kv: KeyValue, id: string, now: number, lease = OUTBOX.lease): number {
  let got = 0
  const keys: string[] = []
  for (let i = 0; i < kv.length; i++) keys.push(kv.key(i)!)
  for (const k of keys)
    if (!k.indexOf(SEGMENT) && k != SEGMENT + id)
      try {
        const s = JSON.parse(kv.getItem(k)!)
        if (!s.h && now - s.t < lease) continue
        kv.removeItem(k)
        let dropped = s.dr | 0
        for (const qk in s.q) {
          const { d, x } = s.q[qk]
          got += merge(outbox, d, x.map((y: { e: never }) => y.e), dropped)
          dropped = 0
        }
      } catch {
        kv.removeItem(k)
      }
  return got
}

import type { Destination, Envelope, WireRequest } from '../types'
import { MAX_BODY } from '../limits'
import { keyed, named, post, skip, type Who } from './vendor'

/** ConveYour blocks storing an event with more than this many key/value pairs (seed 001). */
export const MAX_PAIRS = 15

/**
 * The ConveYour Analytics API (seed 001). The contact id is the userId, else the email trait.
 * - identify → `POST /api/analytics/identify` `{id, traits}` (traits with their `add`/`remove`
 *   lists and `$inc` counters as given); several in one round → one call with an array.
 * - track and page (as `page_view`) → `POST /api/analytics/track` `{id, events: [{event,
 *   properties}]}`, one call per contact (split to stay under MAX_BODY).
 * A round that has identifies sends only them: the events after them go in the next round, once
 * the contact exists. Events with no contact yet are held (no request) until an identify gives
 * one; those of a visitor reset before identifying are skipped (`skipped`), as are events over
 * MAX_PAIRS properties (counted as the seed counts them: the keys of `properties`).
 * `x-conveyour-appkey` / `x-conveyour-token` (with JSON headers) only when configured.
 */
export function encodeConveyour(events: Envelope[], d: Destination, who: Who, skipped: (e: Envelope, why: string) => void): WireRequest[] {
  const headers = keyed({ 'x-conveyour-appkey': d.appKey, 'x-conveyour-token': d.token })
  const out: WireRequest[] = []
  const identifies: { id: string; traits: unknown }[] = []
  const ids: string[] = []
  // by contact id, which may be any string ('constructor', '__proto__'): no inherited keys
  const tracks: Record<string, { e: Envelope; event: unknown }[]> = Object.create(null)
  for (const e of events) {
    const c = who(e)
    const id = c.id || c.email
    if (!id) {
      if (c.gone) skipped(e, 'no contact id: the visitor was reset before being identified'), out.push(skip(e))
      continue
    }
    if (e.type == 'identify') {
      identifies.push({ id, traits: e.traits || {} })
      ids.push(e.messageId)
      continue
    }
    const [event, properties] = named(e)
    const n = Object.keys(properties).length
    if (n > MAX_PAIRS) skipped(e, `${n} properties, over ConveYour's ${MAX_PAIRS}`), out.push(skip(e))
    else (tracks[id] = tracks[id] || []).push({ e, event: { event, properties } })
  }
  if (identifies.length) return [...out, post(d, '/api/analytics/identify', identifies.length > 1 ? identifies : identifies[0], ids, headers)]
  for (const id in tracks) {
    let part: typeof tracks[string] = []
    let size = 0
    const close = () =>
      part.length && out.push(post(d, '/api/analytics/track', { id, events: part.map((x) => x.event) }, part.map((x) => x.e.messageId), headers))
    for (const x of tracks[id]) {
      const n = JSON.stringify(x.event).length * 3
      if (size + n > MAX_BODY - 500) close(), (part = []), (size = 0)
      part.push(x)
      size += n
    }
    close()
  }
  return out
}

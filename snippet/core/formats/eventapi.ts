import type { Destination, Envelope, WireRequest } from '../types'
import { named, post, skip, type Who } from './vendor'

/** The track events seed 004 defines as updates of the user's attributes, sent as they are named. */
const UPDATES = ['update', 'login']

/**
 * The events API of seed 004: one `POST {endpoint}/event` per event, `{user, event}` with the
 * user as `{email}` (the email trait) or else `{_id}` (the userId).
 * - identify → `{update: {...traits}}`; track `update` or `login` → `{update|login: {...properties}}`.
 * - any other track, and page (as `page_view`) → `{generic: {generic: {event_name, ...properties}}}`.
 * The user must exist beforehand, so a round that has updates sends only them and the events
 * after them go in the next round. Events with no user yet are held until an identify gives one;
 * those of a visitor reset before identifying are skipped with a message.
 */
export function encodeEventapi(events: Envelope[], d: Destination, who: Who, skipped: (e: Envelope, why: string) => void): WireRequest[] {
  const out: WireRequest[] = []
  const updates: WireRequest[] = []
  for (const e of events) {
    const c = who(e)
    const user = c.email ? { email: c.email } : c.id ? { _id: c.id } : 0
    if (!user) {
      if (c.gone) skipped(e, 'no user: the visitor was reset before being identified'), out.push(skip(e))
      continue
    }
    const [name, properties] = named(e)
    const update = e.type == 'identify' ? 'update' : e.type == 'track' && UPDATES.indexOf(name) >= 0 ? name : ''
    const event = update
      ? { [update]: e.type == 'identify' ? e.traits || {} : properties }
      : // event_name first, as the seed writes it, and a property of that name does not replace it
        { generic: { generic: Object.assign({ event_name: name }, properties, { event_name: name }) } }
    ;(update ? updates : out).push(post(d, '/event', { user, event }, [e.messageId]))
  }
  return updates.length ? [...out.filter((r) => !r.url), ...updates] : out
}

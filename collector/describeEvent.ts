/** What the seed 004 rules need to know of a stored event, whatever its format. */
export interface Described {
  /** the event name (none for an identify or update) */
  name?: string
  /** who it is about, as the format names them */
  user?: string
  properties: Record<string, unknown>
  /** when it happened (its own timestamp), else when it was received */
  time?: string
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v == 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {})
const str = (v: unknown) => (typeof v == 'string' || typeof v == 'number' ? String(v) : undefined)

/**
 * Reads one stored event of any format (as the store keeps it: the native envelope, the Envoy
 * body, one ConveYour event `{id, event, properties}` or identify `{id, traits}`, an events API
 * body `{user, event}`). Pure.
 */
export function describeEvent(format: string, e: Record<string, unknown>): Described {
  switch (format) {
    case 'envoy':
      return { name: str(e.eventName), user: str(e.userId) || (e.sharerUserId != null ? 'sharer:' + e.sharerUserId : undefined), properties: obj(e.extra) }
    case 'conveyour':
      return { name: str(e.event), user: str(e.id), properties: obj(e.properties) }
    case 'eventapi': {
      const u = obj(e.user)
      const ev = obj(e.event)
      const generic = obj(obj(ev.generic).generic)
      const { event_name, ...properties } = generic
      return { name: ev.generic ? str(event_name) : undefined, user: str(u.email) || str(u._id), properties }
    }
    default:
      return { name: e.type == 'track' ? str(e.event) : undefined, user: str(e.userId) || str(e.anonymousId), properties: obj(e.properties), time: str(e.originalTimestamp) }
  }
}

const TYPES = ['track', 'page', 'screen', 'identify', 'group', 'alias']
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)$/

/**
 * Checks one native (RudderStack/Segment) event. Returns the problem as one line, or
 * undefined when the event may be stored.
 */
export function validateEvent(e: unknown): string | undefined {
  if (!e || typeof e != 'object' || Array.isArray(e)) return 'event must be an object'
  const v = e as Record<string, unknown>
  if (typeof v.type != 'string' || !TYPES.includes(v.type)) return `type must be one of ${TYPES.join(', ')}`
  if (!nonEmpty(v.messageId)) return 'messageId must be a non-empty string'
  if (!nonEmpty(v.anonymousId) && !nonEmpty(v.userId)) return 'anonymousId or userId is required'
  for (const k of ['anonymousId', 'userId']) if (v[k] != null && !nonEmpty(v[k])) return `${k} must be a non-empty string`
  if (v.type == 'track' && !nonEmpty(v.event)) return 'event (the event name) is required for track'
  for (const k of ['originalTimestamp', 'sentAt', 'timestamp']) {
    if (v[k] != null && (typeof v[k] != 'string' || !ISO.test(v[k] as string) || isNaN(Date.parse(v[k] as string))))
      return `${k} must be an ISO 8601 time`
  }
  for (const k of ['properties', 'traits', 'context']) {
    if (v[k] != null && (typeof v[k] != 'object' || Array.isArray(v[k]))) return `${k} must be an object`
  }
  return undefined
}

const nonEmpty = (v: unknown) => typeof v == 'string' && v.trim() !== ''

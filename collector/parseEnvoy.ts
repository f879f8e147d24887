export type Parsed<T> = { error: string } | { ok: T }

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v == 'object' && !Array.isArray(v)
const isId = (v: unknown) => (typeof v == 'string' && v.trim() !== '') || (typeof v == 'number' && isFinite(v))

/**
 * Checks an Envoy Pixel API body (seed 000): `{eventName, userId | sharerUserId, extra?}`.
 * An event of the subscriber (before the sharing flow) carries userId; one of the referred lead
 * carries sharerUserId and never userId. Returns the body to store, or the problem. Pure.
 */
export function parseEnvoy(body: unknown): Parsed<Record<string, unknown>> {
  if (!isObj(body)) return { error: 'body must be a JSON object {eventName, userId | sharerUserId, extra}' }
  const { eventName, userId, sharerUserId, extra } = body
  if (typeof eventName != 'string' || !eventName.trim()) return { error: 'eventName is required (a non-empty string)' }
  if (userId != null && sharerUserId != null) return { error: 'send userId (a subscriber, before the sharing flow) or sharerUserId (a referred lead), never both' }
  if (userId == null && sharerUserId == null) return { error: 'userId or sharerUserId is required' }
  if (!isId(userId ?? sharerUserId)) return { error: `${userId != null ? 'userId' : 'sharerUserId'} must be a non-empty string or a number` }
  if (extra != null && !isObj(extra)) return { error: 'extra must be an object' }
  return { ok: { eventName, ...(userId != null ? { userId: String(userId) } : { sharerUserId: String(sharerUserId) }), extra: extra || {} } }
}

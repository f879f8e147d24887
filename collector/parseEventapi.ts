/** An error of the events API (seed 004): `400 {"errors": [{message, description}]}`. */
export interface ApiError {
  message: string
  description: string
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v == 'object' && !Array.isArray(v)
const str = (v: unknown) => (typeof v == 'string' && v.trim() !== '') || (typeof v == 'number' && isFinite(v))

export type EventapiRequest = {
  user: { email: string } | { _id: string }
  /** `update` or `login` (attributes), or `generic` */
  kind: 'update' | 'login' | 'generic'
  body: Record<string, unknown>
}

/**
 * Checks an events API body (seed 004): `{user: {email} | {_id}, event: {update: {...}} |
 * {login: {...}} | {generic: {generic: {event_name, ...}}}}`. Whether the user exists is the
 * caller's to check. Pure.
 */
export function parseEventapi(body: unknown): { error: ApiError } | { ok: EventapiRequest } {
  if (!isObj(body)) return { error: { message: 'Missing event information', description: 'Please send a JSON object with user and event' } }
  const { user, event } = body
  if (!isObj(event) || !Object.keys(event).length) return { error: { message: 'Missing event information', description: 'Please send event information along with user' } }
  if (!isObj(user) || !(str(user.email) || str(user._id)))
    return { error: { message: 'Missing user information', description: 'Please send the user as {email} or {_id} along with the event' } }
  const kinds = Object.keys(event)
  const kind = kinds[0] as EventapiRequest['kind']
  if (kinds.length != 1 || !['update', 'login', 'generic'].includes(kind))
    return { error: { message: 'Invalid event', description: 'The event must be one of {update: {...}}, {login: {...}} or {generic: {generic: {event_name, ...}}}' } }
  const inner = event[kind]
  if (!isObj(inner)) return { error: { message: 'Invalid event', description: `${kind} must be an object` } }
  if (kind == 'generic' && (!isObj(inner.generic) || !str(inner.generic.event_name)))
    return { error: { message: 'Invalid event', description: 'A generic event is {generic: {generic: {event_name, ...properties}}}' } }
  const u = str(user.email) ? { email: String(user.email).trim().toLowerCase() } : { _id: String(user._id) }
  return { ok: { user: u, kind, body: { user: u, event } } }
}

import type { Parsed } from './parseEnvoy'

/** ConveYour blocks storing an event object with more than this many key/value pairs (seed 001). */
export const MAX_PAIRS = 15

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v == 'object' && !Array.isArray(v)
const id = (v: unknown) => ((typeof v == 'string' && v.trim() !== '') || (typeof v == 'number' && isFinite(v)) ? String(v) : undefined)

/** Checks a ConveYour identify body (seed 001): `{id, traits}` or an array of them. Pure. */
export function parseConveyourIdentify(body: unknown): Parsed<{ id: string; traits: Record<string, unknown> }[]> {
  const list = Array.isArray(body) ? body : [body]
  if (!list.length) return { error: 'identify takes {id, traits} or a non-empty array of them' }
  const out = []
  for (const [i, x] of list.entries()) {
    const at = Array.isArray(body) ? `[${i}]: ` : ''
    if (!isObj(x)) return { error: `${at}identify takes {id, traits}` }
    if (!id(x.id)) return { error: `${at}id is required (the contact id: a non-empty string or a number)` }
    if (x.traits != null && !isObj(x.traits)) return { error: `${at}traits must be an object` }
    out.push({ id: id(x.id)!, traits: (x.traits || {}) as Record<string, unknown> })
  }
  return { ok: out }
}

/**
 * Checks a ConveYour track body (seed 001): `{id, events: [{event, properties}]}`. Events over
 * MAX_PAIRS properties are blocked (listed in `blocked`, not stored); the call is an error only
 * when it is malformed or every event is blocked. Pure.
 */
export function parseConveyourTrack(body: unknown): Parsed<{ events: { id: string; event: string; properties: Record<string, unknown> }[]; at: number[]; blocked: string[] }> {
  if (!isObj(body)) return { error: 'track takes {id, events: [{event, properties}]}' }
  const who = id(body.id)
  if (!who) return { error: 'id is required (the contact id: a non-empty string or a number)' }
  if (!Array.isArray(body.events) || !body.events.length) return { error: 'events must be a non-empty array of {event, properties}' }
  const events = []
  /** each kept event's index in the body */
  const at = []
  const blocked = []
  for (const [i, x] of body.events.entries()) {
    if (!isObj(x) || typeof x.event != 'string' || !x.event.trim()) return { error: `events[${i}]: event (the name) is required` }
    if (x.properties != null && !isObj(x.properties)) return { error: `events[${i}]: properties must be an object` }
    const properties = (x.properties || {}) as Record<string, unknown>
    const n = Object.keys(properties).length
    if (n > MAX_PAIRS) blocked.push(`events[${i}] (${x.event}): ${n} key/value pairs, over ${MAX_PAIRS}`)
    else events.push({ id: who, event: x.event, properties }), at.push(i)
  }
  if (!events.length) return { error: `blocked: ${blocked.join('; ')}` }
  return { ok: { events, at, blocked } }
}

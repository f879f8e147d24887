import type { Destination, Envelope, Json, WireRequest } from '../types'

/** Who an event is about, as the vendor formats address a person. */
export interface Contact {
  id?: string
  email?: string
}

/**
 * Resolves an event's contact: its own userId and email trait first, then (for an event sent
 * before the visitor was identified) the current ones of the same visitor. `gone` is true when
 * the event's visitor is no longer the current one (reset() ran) and it has no id of its own.
 */
export type Who = (e: Envelope) => Contact & { gone?: boolean }

/** A skipped event: no request, done (it leaves the outbox). */
export const skip = (e: Envelope): WireRequest => ({ method: 'POST', url: '', ids: [e.messageId] })

/** JSON headers with the destination's keys, when the destination has its keys (else none: a text/plain body, no preflight, for a relay that adds them). */
export function keyed(keys: Record<string, unknown>): Record<string, string> | undefined {
  const h: Record<string, string> = {}
  // (a key that is an object is none: no string can be relied on from it, and an encoder never throws)
  for (const k of Object.keys(keys)) if (keys[k] && typeof keys[k] != 'object') h[k] = String(keys[k])
  return Object.keys(h).length ? { ...h, 'content-type': 'application/json', accept: 'application/json' } : undefined
}

/**
 * A POST of a JSON body. The messageIds of its events ride in the query (`?messageId=a,b`), in
 * body order: a page that unloads with a request in flight leaves its events to the next page,
 * which sends them again, and a receiver that reads them (the reference collector does; the
 * vendors' APIs ignore an unknown query parameter) stores each event once.
 */
export const post = (d: Destination, path: string, body: unknown, ids: string[], headers?: Record<string, string>): WireRequest => ({
  method: 'POST',
  url: d.endpoint + path + '?messageId=' + ids.map(encodeURIComponent).join(),
  ...(headers && { headers }),
  body: JSON.stringify(body),
  ids,
})

/** The event name a format without page calls gets for a page view. */
export const PAGE_VIEW = 'page_view'

/** A page or track event as a name and its properties (a page's name rides in its properties). */
export const named = (e: Envelope): [string, Record<string, Json>] =>
  e.type == 'page' ? [PAGE_VIEW, { ...(e.name ? { name: e.name } : {}), ...e.properties }] : [e.event!, e.properties || {}]

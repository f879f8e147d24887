import type { Destination, Envelope, Json, WireRequest } from '../types'

/**
 * The RudderStack Pixel API (seed 002): one GET per page or track event, to
 * {endpoint}/pixel/v1/page or /pixel/v1/track, with dot-separated keys (context.page.url,
 * properties.key1) that the collector maps back to a nested payload. The messageId rides
 * along so a retried pixel is stored once. Identify has no pixel endpoint: it sends nothing,
 * and the userId it set travels on every later pixel as `userId`.
 */
export function encodeRudderstackPixel(events: Envelope[], d: Destination): WireRequest[] {
  const out: WireRequest[] = []
  for (const e of events) {
    if (e.type == 'identify') continue
    const q: string[] = []
    const add = (k: string, v: Json | undefined) => {
      if (v != null && typeof v == 'object') for (const key in v) add(k + '.' + key, (v as Record<string, Json>)[key])
      else if (v !== undefined) q.push(encodeURIComponent(k) + '=' + encodeURIComponent(v === null ? '' : String(v)))
    }
    add('writeKey', d.writeKey || '')
    add('anonymousId', e.anonymousId)
    add('userId', e.userId)
    add('messageId', e.messageId)
    add('originalTimestamp', e.originalTimestamp)
    add(e.type == 'page' ? 'name' : 'event', e.type == 'page' ? e.name : e.event)
    add('context', e.context as unknown as Json)
    add('properties', e.properties)
    out.push({ method: 'GET', url: d.endpoint + '/pixel/v1/' + e.type + '?' + q.join('&'), ids: [e.messageId] })
  }
  return out
}

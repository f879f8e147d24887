import type { Destination, Envelope, Json, WireRequest } from '../types'
import type { Encoder } from './index'
import { hasEmail } from '../hasEmail'

/**
 * A surrogate pair, or half of one alone (text cut inside an emoji: 'Gift🎁'.slice(0, 5)),
 * which encodeURIComponent refuses with a URIError (and the event would then block its queue for
 * good): the half goes as U+FFFD. (A POST body keeps it, escaped by JSON.stringify as \ud83c.)
 */
const HALVES = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g
const encode = (s: string) => encodeURIComponent(s.replace(HALVES, (m) => (m[1] ? m : '\uFFFD')))

/** Longest GET URL sent: proxies, CDNs and servers commonly refuse more than 8 KB. */
export const MAX_URL = 8000

/**
 * The RudderStack Pixel API (seed 002): one GET per page or track event, to
 * {endpoint}/pixel/v1/page or /pixel/v1/track, with dot-separated keys (context.page.url,
 * properties.key1) that the collector maps back to a nested payload. The messageId rides
 * along so a retried pixel is stored once. A value that holds an email address is left out
 * (the native POST carries it). Identify has no pixel endpoint: it is done with no
 * request (an empty URL), and the userId it set travels on every later pixel as `userId`.
 * A URL over MAX_URL goes by `post` (the native encoder) when the destination may POST
 * (`d.post`), else it is cut from the end (properties first, then context) and the request says
 * how many keys went (`cut`).
 */
export function encodeRudderstackPixel(events: Envelope[], d: Destination, now: number, post: Encoder): WireRequest[] {
  const out: WireRequest[] = []
  for (const e of events) {
    if (e.type == 'identify') {
      out.push({ method: 'GET', url: '', ids: [e.messageId] })
      continue
    }
    const q: string[] = []
    const add = (k: string, v: Json | undefined) => {
      if (v != null && typeof v == 'object') for (const key of Object.keys(v)) add(k + '.' + key, (v as Record<string, Json>)[key])
      // an email address never goes into a URL (logs, proxies, referrers keep URLs): left out
      else if (v !== undefined && !hasEmail(String(v))) q.push(encode(k) + '=' + encode(v === null ? '' : String(v)))
    }
    add('writeKey', d.writeKey || '')
    add('anonymousId', e.anonymousId)
    add('userId', e.userId)
    add('messageId', e.messageId)
    add('originalTimestamp', e.originalTimestamp)
    add(e.type == 'page' ? 'name' : 'event', e.type == 'page' ? e.name : e.event)
    add('context', e.context as unknown as Json)
    add('properties', e.properties)
    const base = d.endpoint + '/pixel/v1/' + e.type + '?'
    let url = base + q.join('&')
    if (url.length > MAX_URL && d.post) {
      out.push(...post([e], d, now))
      continue
    }
    let cut = 0
    while (url.length > MAX_URL) url = url.slice(0, url.lastIndexOf('&')), cut++
    out.push(cut ? { method: 'GET', url, ids: [e.messageId], cut } : { method: 'GET', url, ids: [e.messageId] })
  }
  return out
}

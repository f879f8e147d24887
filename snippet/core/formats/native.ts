import { MAX_BODY } from '../limits'
import { stringify } from '../stringify'
import type { Destination, Envelope, WireRequest } from '../types'

export { MAX_BODY }

// UTF-8 length. Not by Blob: Chromium registers every Blob with the browser process (0.4 ms each).
const utf8 = new TextEncoder()
export const byteLength = (s: string) => utf8.encode(s).length

/**
 * The RudderStack/Segment HTTP API batch: POST {endpoint}/v1/batch?writeKey=…, body {batch, sentAt}.
 * No Content-Type header, so a string body goes as text/plain and needs no CORS preflight.
 * Events are split into as many requests as keep each body under MAX_BODY.
 */
export function encodeNative(events: Envelope[], d: Destination, now: number): WireRequest[] {
  const url = d.endpoint + '/v1/batch?writeKey=' + encodeURIComponent(d.writeKey || '')
  const sentAt = new Date(now).toISOString()
  const out: WireRequest[] = []
  let parts: string[] = []
  let ids: string[] = []
  let size = 0
  const close = () => {
    if (parts.length) out.push({ method: 'POST', url, body: '{"batch":[' + parts.join(',') + '],"sentAt":"' + sentAt + '"}', ids })
    parts = []
    ids = []
    size = 0
  }
  for (const e of events) {
    const json = stringify({ ...e, sentAt })
    const n = byteLength(json) + 1
    if (size + n > MAX_BODY - 64) close()
    parts.push(json)
    ids.push(e.messageId)
    size += n
  }
  close()
  return out
}

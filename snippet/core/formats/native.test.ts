import { describe, expect, it } from 'vitest'
import type { Envelope } from '../types'
import { encodeNative, MAX_BODY } from './native'

const event = (i: number, extra = ''): Envelope => ({
  type: 'track',
  event: 'e' + i,
  properties: { extra },
  anonymousId: 'a',
  messageId: 'm' + i,
  originalTimestamp: '2026-01-01T00:00:00.000Z',
  channel: 'web',
  context: { library: { name: 'pixel-snippet', version: '1' }, page: { path: '/', url: 'u', referrer: '', title: '', search: '' } },
})
const dest = { format: 'native', endpoint: 'https://c.example', writeKey: 'W K' }
const now = Date.UTC(2026, 0, 1, 0, 0, 1)

describe('encodeNative', () => {
  it('one POST to /v1/batch with the writeKey in the query, body {batch, sentAt}, no headers (text/plain, no preflight)', () => {
    const [r, ...rest] = encodeNative([event(1), event(2)], dest, now)
    expect(rest).toEqual([])
    expect(r.method).toBe('POST')
    expect(r.url).toBe('https://c.example/v1/batch?writeKey=W%20K')
    expect(r.headers).toBeUndefined()
    expect(r.ids).toEqual(['m1', 'm2'])
    const body = JSON.parse(r.body!)
    expect(body.sentAt).toBe('2026-01-01T00:00:01.000Z')
    expect(body.batch).toEqual([event(1), event(2)].map((e) => ({ ...e, sentAt: body.sentAt })))
  })

  it('splits so that no body passes the keepalive/beacon budget, keeping order and every event', () => {
    const events = Array.from({ length: 40 }, (_, i) => event(i, 'é'.repeat(3000 + i * 10)))
    const requests = encodeNative(events, dest, now)
    expect(requests.length).toBeGreaterThan(1)
    for (const r of requests) expect(Buffer.byteLength(r.body!)).toBeLessThanOrEqual(MAX_BODY)
    expect(requests.flatMap((r) => r.ids)).toEqual(events.map((e) => e.messageId))
    expect(requests.flatMap((r) => JSON.parse(r.body!).batch.map((e: Envelope) => e.messageId))).toEqual(events.map((e) => e.messageId))
  })

  it('nothing to send, no request', () => expect(encodeNative([], dest, now)).toEqual([]))
})

import { randomUUID } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { keyFor, stored } from './helpers'

const event = (over: Record<string, unknown> = {}) => ({
  type: 'track',
  event: 'viewGiftButton',
  messageId: randomUUID(),
  anonymousId: randomUUID(),
  originalTimestamp: new Date().toISOString(),
  properties: { campaign: 'christmas' },
  ...over,
})

test.describe('GET /pixel/v1 (seed 002)', () => {
  for (const [path, missing, query] of [
    ['page', 'writeKey', 'anonymousId=a'],
    ['page', 'anonymousId', 'writeKey=$KEY'],
    ['track', 'writeKey', 'anonymousId=a&event=e'],
    ['track', 'anonymousId', 'writeKey=$KEY&event=e'],
    ['track', 'event', 'writeKey=$KEY&anonymousId=a'],
  ] as const) {
    test(`${path} without ${missing}: 400 naming it, nothing stored`, async ({ request }, info) => {
      const key = keyFor(info)
      const res = await request.get(`/pixel/v1/${path}?${query.replace('$KEY', key)}&messageId=${randomUUID()}`)
      expect(res.status()).toBe(400)
      expect(await res.text()).toBe(`${missing} is required`)
      expect(await stored(request, key)).toEqual([])
    })
  }

  test('a valid pixel: 200 OK, dot-separated keys stored as a nested payload; an <img> gets a GIF', async ({ request }, info) => {
    const key = keyFor(info)
    const res = await request.get(
      `/pixel/v1/track?writeKey=${key}&anonymousId=a1&event=emailOpen&userId=u1&context.page.url=${encodeURIComponent('https://x.test/a?b=1')}&properties.key1=value1&properties.tags.0=x&properties.tags.1=y`,
    )
    expect(res.status()).toBe(200)
    expect(await res.text()).toBe('OK')
    const [r] = await stored(request, key)
    expect(r.format).toBe('rudderstack-pixel')
    expect(r.event).toMatchObject({ type: 'track', event: 'emailOpen', userId: 'u1', anonymousId: 'a1', context: { page: { url: 'https://x.test/a?b=1' } }, properties: { key1: 'value1', tags: ['x', 'y'] } })
    const img = await request.get(`/pixel/v1/page?writeKey=${key}&anonymousId=a1`, { headers: { accept: 'image/avif,image/webp,*/*' } })
    expect(img.headers()['content-type']).toBe('image/gif')
    expect((await img.body()).subarray(0, 6).toString()).toBe('GIF89a')
  })
})

test.describe('POST /v1/batch', () => {
  test('valid events are stored; a repeated messageId is stored once', async ({ request }, info) => {
    const key = keyFor(info)
    const a = event()
    const b = event({ type: 'page', event: undefined, name: 'Home' })
    for (let i = 0; i < 3; i++) {
      const res = await request.post(`/v1/batch?writeKey=${key}`, { data: JSON.stringify({ batch: [a, b], sentAt: new Date().toISOString() }), headers: { 'content-type': 'text/plain' } })
      expect(res.status()).toBe(200)
    }
    const list = await stored(request, key)
    expect(list.map((r) => r.event.messageId)).toEqual([a.messageId, b.messageId])
  })

  for (const [name, body, message] of [
    ['malformed JSON', '{"batch": [', 'body is not valid JSON'],
    ['no batch', '{"events": []}', 'body must be {"batch": [events]} with at least one event'],
    ['an empty batch', '{"batch": []}', 'body must be {"batch": [events]} with at least one event'],
    ['a bad type', JSON.stringify({ batch: [event({ type: 'explode' })] }), 'batch[0]: type must be one of track, page, screen, identify, group, alias'],
    ['no messageId', JSON.stringify({ batch: [event({ messageId: undefined })] }), 'batch[0]: messageId must be a non-empty string'],
    ['no ids', JSON.stringify({ batch: [event({ anonymousId: undefined })] }), 'batch[0]: anonymousId or userId is required'],
    ['a track without a name', JSON.stringify({ batch: [event({ event: '' })] }), 'batch[0]: event (the event name) is required for track'],
    ['a bad timestamp', JSON.stringify({ batch: [event({ originalTimestamp: 'yesterday' })] }), 'batch[0]: originalTimestamp must be an ISO 8601 time'],
    ['properties not an object', JSON.stringify({ batch: [event({ properties: [1] })] }), 'batch[0]: properties must be an object'],
  ] as const) {
    test(`${name}: 400 with a message, nothing stored`, async ({ request }, info) => {
      const key = keyFor(info)
      const res = await request.post(`/v1/batch?writeKey=${key}`, { data: body, headers: { 'content-type': 'text/plain' } })
      expect(res.status()).toBe(400)
      expect(await res.text()).toBe(message)
      expect(await stored(request, key)).toEqual([])
    })
  }

  test('no writeKey: 400', async ({ request }) => {
    const res = await request.post('/v1/batch', { data: JSON.stringify({ batch: [event()] }) })
    expect(res.status()).toBe(400)
    expect(await res.text()).toContain('writeKey is required')
  })

  test('a batch mixing valid and invalid events stores the valid ones and names the others', async ({ request }, info) => {
    const key = keyFor(info)
    const good = event()
    const res = await request.post(`/v1/batch?writeKey=${key}`, { data: JSON.stringify({ batch: [good, { type: 'track' }] }) })
    expect(res.status()).toBe(200)
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: ['batch[1]: messageId must be a non-empty string'] })
    expect((await stored(request, key)).map((r) => r.event.messageId)).toEqual([good.messageId])
  })

  test('a body over the limit: 413, nothing stored', async ({ request }, info) => {
    const key = keyFor(info)
    const res = await request.post(`/v1/batch?writeKey=${key}`, { data: JSON.stringify({ batch: [event({ properties: { big: 'x'.repeat(1_100_000) } })] }) })
    expect(res.status()).toBe(413)
    expect(await stored(request, key)).toEqual([])
  })

  test('a malformed or escaping path is a 404, never a 500, and the server keeps serving', async ({ request }) => {
    for (const path of ['/%E0%A4%A', '/%2e%2e/%2e%2e/etc/passwd', '/fixtures/..%2f..%2fpackage.json']) {
      const res = await request.get(path)
      expect(res.status(), path).toBe(404)
    }
    expect((await request.get('/pixel.js')).status()).toBe(200)
  })

  test('CORS: a preflight from another origin is allowed', async ({ request }) => {
    const res = await request.fetch('/v1/batch', { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } })
    expect(res.status()).toBe(204)
    expect(res.headers()['access-control-allow-origin']).toBe('*')
    expect(res.headers()['access-control-allow-methods']).toContain('POST')
  })
})

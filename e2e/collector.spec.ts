import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
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

test.describe('the vendor endpoints refuse each invalid case of their seed with 400', () => {
  const envoy = { eventName: 'viewGiftButton', userId: '12', extra: { campaign: 'christmas' } }
  const cases: [string, string, unknown, Record<string, string>, number, RegExp][] = [
    ['envoy', '/partner/pixel-event', envoy, {}, 401, /x-api-key is missing/],
    ['envoy', '/partner/pixel-event', { ...envoy, sharerUserId: '3' }, { 'x-api-key': 'K' }, 400, /never both/],
    ['envoy', '/partner/pixel-event', { eventName: 'x' }, { 'x-api-key': 'K' }, 400, /userId or sharerUserId is required/],
    ['envoy', '/partner/pixel-event', { userId: '12' }, { 'x-api-key': 'K' }, 400, /eventName is required/],
    ['conveyour', '/api/analytics/identify', { traits: {} }, { 'x-conveyour-appkey': 'K', 'x-conveyour-token': 'T' }, 400, /id is required/],
    ['conveyour', '/api/analytics/identify', { id: 'a' }, { 'x-conveyour-appkey': 'K' }, 401, /x-conveyour-token is missing/],
    ['conveyour', '/api/analytics/track', { id: 'a', events: [] }, { 'x-conveyour-appkey': 'K', 'x-conveyour-token': 'T' }, 400, /non-empty array/],
    [
      'conveyour',
      '/api/analytics/track',
      { id: 'a', events: [{ event: 'big', properties: Object.fromEntries(Array.from({ length: 16 }, (_, i) => ['k' + i, i])) }] },
      { 'x-conveyour-appkey': 'K', 'x-conveyour-token': 'T' },
      400,
      /16 key\/value pairs, over 15/,
    ],
    ['eventapi', '/event', { user: { email: 'a@x.example' } }, {}, 400, /"message":"Missing event information"/],
    ['eventapi', '/event', { event: { update: {} } }, {}, 400, /"message":"Missing user information"/],
    ['eventapi', '/event', { user: { email: 'nobody-known@x.example' }, event: { generic: { generic: { event_name: 'e' } } } }, {}, 400, /"message":"User not found"/],
    ['eventapi', '/event', { user: { email: 'a@x.example' }, event: { purchase: {} } }, {}, 400, /"message":"Invalid event"/],
  ]
  for (const [format, path, body, headers, status, text] of cases)
    test(`${format} ${path}: ${text.source.replace(/\\/g, '')} → ${status}`, async ({ request }) => {
      const before = (await stored(request, '', format)).length
      const res = await request.post(path, { data: JSON.stringify(body), headers })
      expect(res.status()).toBe(status)
      expect(await res.text()).toMatch(text)
      expect((await stored(request, '', format)).length).toBe(before)
    })
})

test('the fixture’s <img> pixels are the README’s, with this collector and key', () => {
  const readme = readFileSync('README.md', 'utf8')
  const block = readme.slice(readme.indexOf('<!-- img:start -->'), readme.indexOf('<!-- img:end -->'))
  const fixture = readFileSync('e2e/fixtures/noscript.html', 'utf8')
  const tags = block.match(/<(noscript><)?img [^\n]*>/g)!
  expect(tags).toHaveLength(2)
  for (const tag of tags) {
    const local = tag
      .replaceAll('https://YOUR-COLLECTOR', '')
      .replaceAll('YOUR_WRITE_KEY', '{{wk}}')
      .replaceAll('{{user_id}}', 'u-{{wk}}')
      .replaceAll('CAMPAIGN', 'christmas')
    expect(fixture).toContain(local)
  }
})

test('<img> pixels from the README: a <noscript> page view takes its page from the Referer; an email open is kept once per 20 minutes', async ({ browser, request }, info) => {
  const key = keyFor(info)
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(`/fixtures/noscript.html?wk=${key}`)
  await expect.poll(async () => (await stored(request, key, 'rudderstack-pixel')).length).toBe(2)
  const list = await stored(request, key, 'rudderstack-pixel')
  const view = list.find((r) => r.event.type == 'page')!
  expect(view.event.context.page).toMatchObject({ path: '/fixtures/noscript.html', url: expect.stringContaining(`/fixtures/noscript.html?wk=${key}`) })
  expect(list.find((r) => r.event.type == 'track')!.event).toMatchObject({ event: 'emailOpen', userId: `u-${key}`, properties: { campaign: 'christmas' } })
  // the second open is in the log, discarded with its reason
  const log = await (await request.get(`/events?writeKey=${key}&discarded=1&meta=1`)).json()
  expect(log.filter((r: { discarded?: string }) => r.discarded).map((r: { discarded: string }) => r.discarded)).toEqual([expect.stringMatching(/email open within 20 minutes/)])
  await context.close()
})

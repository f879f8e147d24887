// The collector's seed endpoints and rules, over real HTTP, in-process (each test its own
// collector on a free port, its own data folder).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, get as httpGet, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, deflateSync, gunzipSync, gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { createCollector, type CollectorOptions } from './createCollector'

const open: { server: Server; dir: string }[] = []
afterEach(async () => {
  for (const { server, dir } of open.splice(0)) {
    await new Promise((r) => server.close(r))
    rmSync(dir, { recursive: true, force: true })
  }
})

async function start(o: Partial<CollectorOptions> = {}, dir = mkdtempSync(join(tmpdir(), 'collector-'))) {
  const c = createCollector({ dataDir: dir, publicDir: dir, distDir: dir, ...o })
  const server = createServer((req, res) => c.handle(req, res))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  open.push({ server, dir })
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(base + path, { method: 'POST', headers, body: typeof body == 'string' ? body : JSON.stringify(body) })
    const text = await r.text()
    let json: any
    try {
      json = JSON.parse(text)
    } catch {}
    return { status: r.status, json, text }
  }
  const get = async (path: string) => (await fetch(base + path)).json()
  return { c, base, post, get, dir }
}

const ENVOY = { 'x-api-key': 'envoy-key', 'content-type': 'application/json' }
const CY = { 'x-conveyour-appkey': 'app', 'x-conveyour-token': 'tok' }

describe('envoy endpoint (seed 000)', () => {
  it('stores the seed’s payload; refuses a missing key, both ids, no id, no eventName, a bad extra', async () => {
    const s = await start()
    const seed = { eventName: 'viewGiftButton', userId: '12', extra: { campaign: 'christmas', userType: 'premium' } }
    expect((await s.post('/partner/pixel-event', seed, ENVOY)).status).toBe(200)
    expect(await s.get('/events?format=envoy&writeKey=envoy-key')).toEqual([seed])
    const bad: [unknown, Record<string, string>, number, RegExp][] = [
      [seed, {}, 401, /x-api-key is missing/],
      [{ ...seed, sharerUserId: '9' }, ENVOY, 400, /never both/],
      [{ eventName: 'x' }, ENVOY, 400, /userId or sharerUserId is required/],
      [{ userId: '12' }, ENVOY, 400, /eventName is required/],
      [{ ...seed, extra: [1] }, ENVOY, 400, /extra must be an object/],
      ['not json', ENVOY, 400, /not valid JSON/],
    ]
    for (const [body, headers, status, text] of bad) {
      const r = await s.post('/partner/pixel-event', body, headers)
      expect([r.status, r.text]).toEqual([status, expect.stringMatching(text)])
    }
    expect(await s.get('/events?format=envoy')).toHaveLength(1)
  })

  it('with ENVOY_API_KEY set, only that key is accepted', async () => {
    const s = await start({ envoyApiKey: 'right' })
    const body = { eventName: 'startSignUpJourney', sharerUserId: '12' }
    expect((await s.post('/partner/pixel-event', body, { 'x-api-key': 'wrong' })).status).toBe(401)
    expect((await s.post('/partner/pixel-event', body, { 'x-api-key': 'right' })).status).toBe(200)
  })
})

describe('conveyour endpoints (seed 001)', () => {
  it('identify applies traits, tags add/remove and $inc to the stored contact; an array identifies several', async () => {
    const s = await start()
    await s.post('/api/analytics/identify', { id: 'stephen', traits: { tags: ['tag1'], counter: 1 } }, CY)
    const seed = { id: 'stephen', traits: { first_name: 'Stephen', last_name: 'Rhyne', career_sales: 500000, tags: { remove: ['tag1'], add: ['tag2'] }, counter: { $inc: 2 } } }
    expect((await s.post('/api/analytics/identify', seed, CY)).status).toBe(200)
    expect(await s.get('/contacts?format=conveyour&key=app&id=stephen')).toEqual({ first_name: 'Stephen', last_name: 'Rhyne', career_sales: 500000, tags: ['tag2'], counter: 3 })
    const pair = [
      { id: '20432766', traits: { first_name: 'Jackie', last_name: 'McDaniels', career_sales: 125000 } },
      { id: '20432721', traits: { first_name: 'Charlie', last_name: 'Wilson', career_sales: 50000 } },
    ]
    expect((await s.post('/api/analytics/identify', pair, CY)).json).toEqual({ success: true, identified: 2 })
    expect(await s.get('/contacts?format=conveyour&key=app&id=20432721')).toEqual(pair[1].traits)
  })

  it('track stores each event; one over 15 pairs is blocked (400 when every event is); keys are required', async () => {
    const s = await start()
    const seed = { id: '20432766', events: [{ event: 'purchased_item', properties: { amt: 39 } }] }
    expect((await s.post('/api/analytics/track', seed, CY)).status).toBe(200)
    const big = { event: 'big', properties: Object.fromEntries(Array.from({ length: 16 }, (_, i) => ['k' + i, i])) }
    const mixed = await s.post('/api/analytics/track', { id: 'x', events: [big, { event: 'small', properties: {} }] }, CY)
    expect(mixed.json).toEqual({ success: true, tracked: 1, blocked: ['events[0] (big): 16 key/value pairs, over 15'] })
    const bad: [unknown, Record<string, string>, number, RegExp][] = [
      [{ id: 'x', events: [big] }, CY, 400, /blocked/],
      [{ events: seed.events }, CY, 400, /id is required/],
      [{ id: 'x', events: [] }, CY, 400, /non-empty array/],
      [{ id: 'x', events: [{ properties: {} }] }, CY, 400, /event \(the name\) is required/],
      [seed, { 'x-conveyour-appkey': 'app' }, 401, /x-conveyour-token is missing/],
      [seed, { 'x-conveyour-token': 'tok' }, 401, /x-conveyour-appkey is missing/],
    ]
    for (const [body, headers, status, text] of bad) {
      const r = await s.post('/api/analytics/track', body, headers)
      expect([r.status, r.text]).toEqual([status, expect.stringMatching(text)])
    }
    expect((await s.post('/api/analytics/identify', [], CY)).status).toBe(400)
    expect((await s.post('/api/analytics/identify', { traits: {} }, CY)).status).toBe(400)
    expect((await s.get('/events?format=conveyour')).map((e: { event: string }) => e.event)).toEqual(['purchased_item', 'small'])
  })

  it('with CONVEYOUR_APPKEY and CONVEYOUR_TOKEN set, only those are accepted', async () => {
    const s = await start({ conveyourAppKey: 'A', conveyourToken: 'T' })
    const body = { id: 'x', traits: {} }
    expect((await s.post('/api/analytics/identify', body, { 'x-conveyour-appkey': 'A', 'x-conveyour-token': 'nope' })).status).toBe(401)
    expect((await s.post('/api/analytics/identify', body, { 'x-conveyour-appkey': 'A', 'x-conveyour-token': 'T' })).status).toBe(200)
  })
})

describe('events API endpoint (seed 004)', () => {
  const update = { user: { email: '[email protected]' }, event: { update: { firstname: 'alexandru' } } }
  const generic = { user: { email: '[email protected]' }, event: { generic: { generic: { event_name: 'my_event', firstname: 'alexandru' } } } }

  it('the seed’s answers: 200 results for an update then a generic event; 400 errors for each invalid case', async () => {
    const s = await start()
    const unknown = await s.post('/event', generic)
    expect(unknown).toMatchObject({ status: 400, json: { errors: [{ message: 'User not found', description: expect.stringMatching(/must exist beforehand/) }] } })
    expect((await s.post('/event', update)).json).toEqual({ results: { message: 'Event created', email: 'Event was created for the specified user' } })
    expect(await s.post('/event', generic)).toMatchObject({ status: 200, json: { results: { message: 'Event created' } } })
    expect(await s.get('/contacts?format=eventapi&id=[email protected]')).toEqual({ firstname: 'alexandru' })
    const bad: [unknown, string][] = [
      [{ user: update.user }, 'Missing event information'],
      [{ user: update.user, event: {} }, 'Missing event information'],
      [{ event: update.event }, 'Missing user information'],
      [{ user: {}, event: update.event }, 'Missing user information'],
      [{ user: update.user, event: { purchase: {} } }, 'Invalid event'],
      [{ user: update.user, event: { generic: { generic: { firstname: 'x' } } } }, 'Invalid event'],
      [[], 'Missing event information'],
    ]
    for (const [body, message] of bad) expect(await s.post('/event', body)).toMatchObject({ status: 400, json: { errors: [{ message, description: expect.any(String) }] } })
    expect((await s.get('/events?format=eventapi')).length).toBe(2)
  })
})

describe('seed 004 rules, for every format', () => {
  it('a second purchase confirmation with the same orderId is discarded: 200 to the sender, the reason in the log', async () => {
    const s = await start()
    const buy = (id: string, orderId: string) => ({ type: 'track', event: 'completesPurchase', messageId: id, anonymousId: 'a', properties: { orderId } })
    for (const [id, order] of [['m1', 'o-1'], ['m2', 'o-1'], ['m3', 'o-2']]) expect((await s.post('/v1/batch?writeKey=W', { batch: [buy(id, order)] })).status).toBe(200)
    expect((await s.get('/events?writeKey=W')).map((e: { messageId: string }) => e.messageId)).toEqual(['m1', 'm3'])
    const all = await s.get('/events?writeKey=W&discarded=1&meta=1')
    expect(all.find((r: { event: { messageId: string } }) => r.event.messageId == 'm2').discarded).toMatch(/duplicate purchase confirmation: orderId o-1/)
    // the same rule on an Envoy destination, and on the events API
    const envoy = { eventName: 'completesPurchase', sharerUserId: '12', extra: { orderId: 'o-1' } }
    await s.post('/partner/pixel-event', envoy, ENVOY)
    await s.post('/partner/pixel-event', envoy, ENVOY)
    expect(await s.get('/events?format=envoy')).toHaveLength(1)
  })

  it('an email open is kept at most once per user per 20 minutes (by its own time), from a GET pixel too', async () => {
    let clock = Date.UTC(2026, 10, 22, 12)
    const s = await start({ now: () => clock })
    const open = (user: string) => fetch(`${s.base}/pixel/v1/track?writeKey=E&anonymousId=${user}&userId=${user}&event=emailOpen`, { headers: { accept: 'image/*' } })
    expect((await open('u1')).status).toBe(200)
    expect((await open('u1')).status).toBe(200)
    expect((await open('u2')).status).toBe(200)
    clock += 19 * 60_000
    await open('u1')
    clock += 2 * 60_000
    await open('u1')
    expect((await s.get('/events?writeKey=E')).map((e: { userId: string }) => e.userId)).toEqual(['u1', 'u2', 'u1'])
    const log = await s.get('/events?writeKey=E&discarded=1&meta=1')
    expect(log.filter((r: { discarded?: string }) => r.discarded).map((r: { discarded: string }) => r.discarded)).toEqual([
      expect.stringMatching(/within 20 minutes .* user u1/),
      expect.stringMatching(/within 20 minutes .* user u1/),
    ])
  })

  it('rules and contacts survive a restart: they are read back from the store', async () => {
    const first = await start()
    await first.post('/event', { user: { _id: 'u9' }, event: { update: { plan: 'pro' } } })
    await first.post('/v1/batch?writeKey=R', { batch: [{ type: 'track', event: 'confirmation', messageId: 'x1', anonymousId: 'a', properties: { orderId: 7 } }] })
    const again = await start({}, first.dir)
    expect((await again.post('/event', { user: { _id: 'u9' }, event: { generic: { generic: { event_name: 'back' } } } })).status).toBe(200)
    await again.post('/v1/batch?writeKey=R', { batch: [{ type: 'track', event: 'confirmation', messageId: 'x2', anonymousId: 'a', properties: { orderId: 7 } }] })
    expect((await again.get('/events?writeKey=R')).map((e: { messageId: string }) => e.messageId)).toEqual(['x1'])
  })
})

describe('native', () => {
  it('takes the batch on RudderStack’s beacon route too (/beacon/v1/batch?writeKey=)', async () => {
    const s = await start()
    const r = await s.post('/beacon/v1/batch?writeKey=B', { batch: [{ type: 'page', messageId: 'b1', anonymousId: 'a' }], sentAt: new Date().toISOString() })
    expect(r.status).toBe(200)
    expect(await s.get('/events?writeKey=B')).toHaveLength(1)
  })
})

describe('compressed bodies', () => {
  it('a gzip, deflate or br body is inflated (server-side SDKs compress); a bomb past the body limit is a 413, a body that is not what it says a 400, another encoding a 415', async () => {
    const s = await start({ bodyLimit: 100_000 })
    const batch = (id: string) => Buffer.from(JSON.stringify({ batch: [{ type: 'track', event: 'x', messageId: id, anonymousId: 'a' }] }))
    const send = async (body: Buffer, encoding: string) => {
      const r = await fetch(s.base + '/v1/batch?writeKey=z', { method: 'POST', headers: { 'Content-Encoding': encoding }, body: new Uint8Array(body) })
      return [r.status, await r.text()]
    }
    expect(await send(gzipSync(batch('m-gzip')), 'gzip')).toEqual([200, 'OK'])
    expect(await send(deflateSync(batch('m-deflate')), 'deflate')).toEqual([200, 'OK'])
    expect(await send(brotliCompressSync(batch('m-br')), 'BR')).toEqual([200, 'OK'])
    expect(await send(batch('m-identity'), 'identity')).toEqual([200, 'OK'])
    // 5 MB of zeros, 5 KB compressed: inflated to the limit, not further
    expect(await send(gzipSync(Buffer.alloc(5_000_000)), 'gzip')).toEqual([413, 'body exceeds 100000 bytes once inflated'])
    expect(await send(batch('m-plain'), 'gzip')).toEqual([400, 'body is not valid gzip'])
    expect(await send(batch('m-zstd'), 'zstd')).toEqual([415, 'Content-Encoding zstd is not supported (gzip, deflate, br or none)'])
    expect((await s.get('/events?writeKey=z')).map((e: { messageId: string }) => e.messageId)).toEqual(['m-gzip', 'm-deflate', 'm-br', 'm-identity'])
  })
})

describe('fault control', () => {
  it('POST /faults takes a spec as FAULTS does: a bad one is a 400 with the reason, and the key keeps its earlier spec', async () => {
    const s = await start({ faultControl: true })
    const batch = { batch: [{ type: 'track', event: 'x', messageId: 'm1', anonymousId: 'a', timestamp: new Date().toISOString() }] }
    expect((await s.post('/faults?key=k1', { rate429: 1, retryAfter: 7 })).status).toBe(200)
    for (const [body, reason] of [
      ['null', /is not a JSON object/],
      ['{"rate429":1,"retryAfter":"1\\nX: y"}', /"retryAfter" must be a number of 0 or more/],
      ['{"errorRate":2}', /"errorRate" must be a number from 0 to 1/],
      ['{"latncy":5}', /unknown key "latncy"/],
      ['not json', /is not JSON/],
    ] as const) {
      const r = await s.post('/faults?key=k1', body)
      expect([r.status, r.text]).toEqual([400, expect.stringMatching(reason)])
    }
    const r = await fetch(s.base + '/v1/batch?writeKey=k1', { method: 'POST', body: JSON.stringify(batch) })
    // (exposed: a page of another origin reads it)
    expect([r.status, r.headers.get('retry-after'), r.headers.get('access-control-expose-headers')]).toEqual([429, '7', 'Retry-After'])
    expect((await fetch(s.base + '/faults?key=k1', { method: 'DELETE' })).status).toBe(200)
    expect((await s.post('/v1/batch?writeKey=k1', batch)).status).toBe(200)
  })
})

describe('bodies nested too deep', () => {
  it('a body or a pixel key nested past 64 levels is a 400 (or an ignored key), not a 500; a valid retry of it is stored', async () => {
    const { base, post, get } = await start()
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n)
    const event = (props: string) => `{"batch":[{"type":"track","event":"x","messageId":"m-deep","anonymousId":"a","properties":{"d":${props}}}]}`
    const r = await post('/v1/batch?writeKey=deep', event(deep(200_000)))
    expect(r.status).toBe(400)
    expect(r.text).toBe('body is nested more than 64 levels deep')
    expect((await post('/partner/pixel-event', `{"eventName":"e","userId":"1","extra":{"x":${deep(100)}}}`, ENVOY)).status).toBe(400)
    expect((await post('/v1/batch?writeKey=deep', event(deep(3)))).status).toBe(200)
    const key = Array(7000).fill('a').join('.')
    expect((await fetch(`${base}/pixel/v1/track?writeKey=deep&anonymousId=a&event=p&messageId=m-px&${key}=1&ok.b=2`)).status).toBe(200)
    const list = await get('/events?writeKey=deep')
    expect(list.map((e: any) => e.messageId)).toEqual(['m-deep', 'm-px'])
    expect(list[1].ok).toEqual({ b: '2' })
    expect(list[1].a).toBeUndefined()
  })
})

describe('rudderstack pixel', () => {
  it('a page pixel takes its page from the Referer; a Referer that is not a URL is no page (200, not a 500)', async () => {
    const { base, get } = await start()
    const q = '/pixel/v1/page?writeKey=ref&anonymousId=a&messageId='
    expect((await fetch(base + q + 'm1', { headers: { referer: 'https://shop.example/gift?x=1' } })).status).toBe(200)
    expect((await fetch(base + q + 'm2', { headers: { referer: 'not a url' } })).status).toBe(200)
    const list = await get('/events?writeKey=ref')
    expect(list.map((e: any) => e.context?.page)).toEqual([{ url: 'https://shop.example/gift?x=1', path: '/gift', search: '?x=1' }, undefined])
  })
})

describe('relay', () => {
  it('forwards accepted native batches to the upstream data plane with Basic auth, not duplicates nor discarded ones', async () => {
    const upstream = await start()
    const relay = await start({ upstream: upstream.base })
    const e = (id: string, orderId?: string) => ({ type: 'track', event: orderId ? 'completesPurchase' : 'x', messageId: id, anonymousId: 'a', properties: { orderId } })
    await relay.post('/v1/batch?writeKey=RK', { batch: [e('r1'), e('r2', 'o')] })
    await relay.post('/v1/batch?writeKey=RK', { batch: [e('r1'), e('r3', 'o')] })
    await relay.c.relay!.idle()
    // the upstream got them as Basic auth (no writeKey in its URL), the duplicate and the second purchase left out
    expect((await upstream.get('/events?writeKey=RK')).map((x: { messageId: string }) => x.messageId)).toEqual(['r1', 'r2'])
    expect(relay.c.relay!.failed()).toBe(0)
  })

  it('an upstream that is down is retried, then reported', async () => {
    const messages: string[] = []
    const { createRelay } = await import('./createRelay')
    const r = createRelay('http://127.0.0.1:9', 2, 1, (m) => messages.push(m))
    r.forward('K', [{}])
    await r.idle()
    expect(r.failed()).toBe(1)
    expect(messages[0]).toMatch(/did not take 1 event\(s\) after 2 attempts/)
  })
})

describe('files', () => {
  it('a plugin asked for with the version served is kept a year, immutable; with another version, or pixel.js itself, revalidated: its ETag answers 304 until it changes', async () => {
    const s = await start({ version: '1.2.3' })
    writeFileSync(join(s.dir, 'pixel.js'), 'one')
    writeFileSync(join(s.dir, 'pixel.identity.js'), 'plugin')
    const plugin = await fetch(s.base + '/pixel.identity.js?v=1.2.3')
    expect([plugin.status, plugin.headers.get('cache-control'), await plugin.text()]).toEqual([200, 'public, max-age=31536000, immutable', 'plugin'])
    // an older pixel.js asks for its own version: what is served is not that version
    expect((await fetch(s.base + '/pixel.identity.js?v=1.0.0')).headers.get('cache-control')).toBe('no-cache')
    const script = await fetch(s.base + '/pixel.js')
    const tag = script.headers.get('etag')!
    expect([script.headers.get('cache-control'), tag, await script.text()]).toEqual(['no-cache', expect.stringMatching(/^W\/".+"$/), 'one'])
    const same = await fetch(s.base + '/pixel.js', { headers: { 'if-none-match': tag } })
    expect([same.status, await same.text(), same.headers.get('etag')]).toEqual([304, '', tag])
    // a new build (another size) is a new ETag: the 200 brings it
    writeFileSync(join(s.dir, 'pixel.js'), 'two!')
    const changed = await fetch(s.base + '/pixel.js', { headers: { 'if-none-match': tag } })
    expect([changed.status, await changed.text()]).toEqual([200, 'two!'])
    expect(changed.headers.get('etag')).not.toBe(tag)
  })

  it('text of 1 KB or more goes compressed, as Accept-Encoding allows (brotli first), with Vary; smaller text as it is', async () => {
    const s = await start({ version: '1.2.3' })
    const script = 'pixel.track("x");\n'.repeat(100)
    writeFileSync(join(s.dir, 'pixel.js'), script)
    writeFileSync(join(s.dir, 'pixel.rules.js'), 'small')
    writeFileSync(join(s.dir, 'page.html'), '<p>{{nonce}}</p>'.repeat(100))
    // (node:http, not fetch: fetch would decode the body and hide the coding)
    const raw = (path: string, accept?: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) =>
        httpGet(s.base + path, { headers: accept ? { 'accept-encoding': accept } : {} }, (res) => {
          const parts: Buffer[] = []
          res.on('data', (b) => parts.push(b)).on('end', () => resolve({ headers: res.headers, body: Buffer.concat(parts) }))
        }).on('error', reject),
      )
    const br = await raw('/pixel.js', 'gzip, deflate, br, zstd')
    expect([br.headers['content-encoding'], br.headers.vary, Number(br.headers['content-length'])]).toEqual(['br', 'Accept-Encoding', br.body.length])
    expect(brotliDecompressSync(br.body).toString()).toBe(script)
    expect(br.body.length).toBeLessThan(100)
    const gz = await raw('/pixel.js', 'gzip, deflate')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).toString()).toBe(script)
    const plain = await raw('/pixel.js')
    expect([plain.headers['content-encoding'], plain.headers.vary, plain.body.toString()]).toEqual([undefined, 'Accept-Encoding', script])
    // a rebuilt file is compressed anew, not served from the forms kept of the old one
    writeFileSync(join(s.dir, 'pixel.js'), script + '// v2\n')
    expect(brotliDecompressSync((await raw('/pixel.js', 'br')).body).toString()).toBe(script + '// v2\n')
    // a page, made per request, is compressed per request (each its own nonce)
    const page = await raw('/page.html', 'br')
    expect(page.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(page.body).toString()).toMatch(/^<p>[\w+/=]{24}<\/p>/)
    const small = await raw('/pixel.rules.js?v=1.2.3', 'br')
    expect([small.headers['content-encoding'], small.headers.vary, small.body.toString()]).toEqual([undefined, undefined, 'small'])
  })

  it('a page (a template, made per request) has no ETag: an If-None-Match never gets a 304', async () => {
    const s = await start({ version: '1.2.3' })
    writeFileSync(join(s.dir, 'index.html'), '<p>{{nonce}}</p>')
    const page = await fetch(s.base + '/index.html?v=1.2.3', { headers: { 'if-none-match': '*' } })
    expect([page.status, page.headers.get('etag'), page.headers.get('cache-control')]).toEqual([200, null, 'no-cache'])
  })
})

// Property-based: whatever a client sends (any method, path, query, headers and body, valid
// payloads with any field changed), the collector answers with a 2xx or a 4xx, never a 500,
// keeps serving, and stores only events that pass its own validation.
import fc from 'fast-check'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createCollector } from './createCollector'
import { parseConveyourIdentify, parseConveyourTrack } from './parseConveyour'
import { parseEnvoy } from './parseEnvoy'
import { validateEvent } from './validateEvent'

const text = fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))), maxLength: 12 })
const json = fc.jsonValue({ maxDepth: 3 })
/** A valid value of each kind, or anything in its place. */
const maybe = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: json }, { weight: 1, arbitrary: fc.constant(undefined) })
const event = fc.record({
  type: maybe(fc.constantFrom('track', 'page', 'identify', 'screen')),
  event: maybe(text),
  messageId: maybe(fc.uuid()),
  anonymousId: maybe(text),
  userId: maybe(text),
  originalTimestamp: maybe(fc.constantFrom('2026-11-22T00:00:00.000Z', '2026-11-22T00:00:00+01:00', 'yesterday')),
  properties: maybe(fc.dictionary(text, json, { maxKeys: 4 })),
  context: maybe(fc.record({ page: maybe(fc.record({ url: maybe(text) })) })),
})
/** A body nested around the collector's limit (64 levels) or far past it, as text: JSON.stringify itself would overflow on it. */
const deep = fc
  .tuple(fc.constantFrom('/v1/batch?writeKey=fz', '/partner/pixel-event', '/api/analytics/identify', '/event'), fc.oneof(fc.integer({ min: 60, max: 70 }), fc.integer({ min: 20_000, max: 200_000 })))
  .map(([at, n]) => ({ method: 'POST', path: at.split('?')[0], query: at.includes('?') ? '?' + at.split('?')[1] : '', body: undefined, text: `{"batch":[{"type":"track","event":"e","messageId":"m${n}","anonymousId":"a","properties":{"d":${'['.repeat(n) + ']'.repeat(n)}}}],"eventName":"e","userId":"1","extra":{"d":${'['.repeat(n) + ']'.repeat(n)}}}` }))
const request = fc.oneof(
  deep,
  fc.record({ method: fc.constant('POST'), path: fc.constant('/v1/batch'), query: fc.constantFrom('?writeKey=fz', '', '?writeKey='), body: maybe(fc.record({ batch: maybe(fc.array(event, { maxLength: 3 })) })) }),
  fc.record({ method: fc.constant('POST'), path: fc.constant('/partner/pixel-event'), query: fc.constant('?messageId=a,b'), body: maybe(fc.record({ eventName: maybe(text), userId: maybe(text), sharerUserId: maybe(text), extra: maybe(fc.dictionary(text, json)) })) }),
  fc.record({ method: fc.constant('POST'), path: fc.constantFrom('/api/analytics/identify', '/api/analytics/track'), query: fc.constant(''), body: maybe(fc.oneof(fc.record({ id: maybe(text), traits: maybe(fc.dictionary(text, json)), events: maybe(fc.array(fc.record({ event: maybe(text), properties: maybe(fc.dictionary(text, json)) }), { maxLength: 3 })) }), fc.array(fc.record({ id: maybe(text), traits: maybe(fc.dictionary(text, json)) }), { maxLength: 3 }))) }),
  fc.record({ method: fc.constant('POST'), path: fc.constant('/event'), query: fc.constant(''), body: maybe(fc.record({ user: maybe(fc.record({ email: maybe(fc.constantFrom('a@b.co', 'x')), _id: maybe(text) })), event: maybe(fc.record({ update: maybe(fc.dictionary(text, json)), generic: maybe(fc.record({ generic: maybe(fc.dictionary(text, json)) })) })) })) }),
  fc.record({
    method: fc.constantFrom('GET', 'HEAD'),
    path: fc.constantFrom('/pixel/v1/page', '/pixel/v1/track'),
    query: fc
      .tuple(fc.subarray(['writeKey', 'anonymousId', 'event']), fc.array(fc.tuple(fc.constantFrom('messageId', 'originalTimestamp', 'context.page.url', 'properties.a.b', 'properties.0', 'a..b', '__proto__.x', 'properties.toString'), text), { maxLength: 4 }))
      .map(([required, q]) => '?' + new URLSearchParams([...required.map((k) => [k, 'v']), ...q])),
    body: fc.constant(undefined),
  }),
  fc.record({ method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'), path: text.map((p) => '/' + encodeURIComponent(p.replace(/[\uD800-\uDFFF]/g, ''))), query: fc.constant(''), body: maybe(json) }),
)
const headers = fc.record({
  'x-api-key': maybe(fc.constantFrom('k', ' ', '')),
  'x-conveyour-appkey': maybe(fc.constantFrom('app', '')),
  'x-conveyour-token': maybe(fc.constantFrom('tok', '')),
  referer: maybe(fc.constantFrom('https://shop.example/a?b=1', 'not a url', '//x', 'http://[::1')),
  authorization: maybe(fc.constantFrom('Basic Zno6', 'Basic !!!', 'Bearer x')),
  accept: maybe(fc.constantFrom('image/*', '*/*')),
})

// (over real HTTP: a minute is allowed per 1,000 cases, times FUZZ_RUNS)
it('any request: a 2xx or 4xx answer, never a 500; the collector keeps serving; only valid events are stored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collector-fuzz-'))
  const c = createCollector({ dataDir: dir, publicDir: dir, distDir: dir })
  const server = createServer((req, res) => c.handle(req, res))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  try {
    await fc.assert(
      fc.asyncProperty(request, headers, fc.boolean(), async (r, h, raw) => {
        const sent = Object.fromEntries(Object.entries(h).filter(([, v]) => typeof v == 'string')) as Record<string, string>
        const body = 'text' in r ? (r.text as string) : r.method == 'GET' || r.method == 'HEAD' || r.body === undefined ? undefined : raw ? String(JSON.stringify(r.body)).slice(0, -1) : JSON.stringify(r.body)
        const res = await fetch(base + r.path + r.query, { method: r.method, headers: sent, body })
        await res.arrayBuffer()
        expect(res.status, `${r.method} ${r.path}${r.query} ${body?.slice(0, 200)}`).toBeLessThan(500)
      })
    )
    expect((await fetch(base + '/events')).status).toBe(200)
    const list = c.store.list()
    expect(list.length).toBeGreaterThan(0)
    for (const s of list) {
      if (s.format == 'native' || s.format == 'rudderstack-pixel') expect(validateEvent(s.event)).toBeUndefined()
      if (s.format == 'envoy') expect(parseEnvoy(s.event)).toHaveProperty('ok')
      if (s.format == 'conveyour') expect(s.event.traits ? parseConveyourIdentify(s.event) : parseConveyourTrack({ id: s.event.id, events: [s.event] })).toHaveProperty('ok')
    }
  } finally {
    await new Promise((r) => server.close(r))
    rmSync(dir, { recursive: true, force: true })
  }
}, 60_000 * (Number(process.env.FUZZ_RUNS) || 1))

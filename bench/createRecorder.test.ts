import { Readable } from 'node:stream'
import { runInNewContext } from 'node:vm'
import { gzipSync } from 'node:zlib'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { carriesEvents, createRecorder } from './createRecorder'

/** A request as node:http gives it, and the answer written to it. */
function exchange(recorder: ReturnType<typeof createRecorder>, method: string, url: string, body: string | Buffer = '', headers: Record<string, string> = {}) {
  const req = Object.assign(Readable.from(body.length ? [Buffer.from(body)] : []), { method, url, headers: { origin: 'http://site', ...headers } }) as unknown as IncomingMessage
  return new Promise<{ status: number; headers: Record<string, string>; body: string }>((resolve) => {
    const out = { status: 0, headers: {} as Record<string, string>, body: '' }
    const res = {
      writeHead(status: number, h: Record<string, string>) {
        Object.assign(out, { status, headers: h })
        return res
      },
      end(b = '') {
        out.body = String(b)
        resolve(out)
      },
    }
    recorder.handle(req, res as unknown as ServerResponse)
  })
}

const names = (r: ReturnType<typeof createRecorder>, key: string) => r.events.filter((e) => e.key == key).map((e) => e.name)

describe('createRecorder: the peers’ events, read from their own wire formats', () => {
  it('Plausible: one event per request, the key in the query', async () => {
    const r = createRecorder(() => {})
    await exchange(r, 'POST', '/api/event?k=k1', JSON.stringify({ n: 'pageview' }))
    const a = await exchange(r, 'POST', '/api/event?k=k1', JSON.stringify({ n: 'benchEvent' }))
    expect(a.status).toBe(202)
    expect(names(r, 'k1')).toEqual(['page', 'benchEvent'])
  })

  it('Segment: single calls and batches, the key in the path', async () => {
    const r = createRecorder(() => {})
    await exchange(r, 'POST', '/seg/k2/p', JSON.stringify({ type: 'page' }))
    await exchange(r, 'POST', '/seg/k2/b', JSON.stringify({ batch: [{ type: 'track', event: 'a' }, { type: 'track', event: 'b' }] }))
    expect(names(r, 'k2')).toEqual(['page', 'a', 'b'])
  })

  it('Snowplow: page views and self-describing events, plain or base64, the key as the app id', async () => {
    const r = createRecorder(() => {})
    const ue = (name: string) => JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0', data: { schema: `iglu:shop.example/${name}/jsonschema/1-0-0`, data: { i: 1 } } })
    const body = { schema: 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4', data: [{ e: 'pv', aid: 'k3' }, { e: 'ue', aid: 'k3', ue_pr: ue('benchEvent') }, { e: 'ue', aid: 'k3', ue_px: Buffer.from(ue('beforeLeaving')).toString('base64url') }] }
    const a = await exchange(r, 'POST', '/com.snowplowanalytics.snowplow/tp2', JSON.stringify(body))
    expect(a.status).toBe(200)
    // credentials included: the page's origin, never *
    expect(a.headers['Access-Control-Allow-Origin']).toBe('http://site')
    expect(a.headers['Access-Control-Allow-Credentials']).toBe('true')
    expect(names(r, 'k3')).toEqual(['page', 'benchEvent', 'beforeLeaving'])
  })

  it('PostHog: gzip, base64 form and JSON bodies, the key as the project token', async () => {
    const r = createRecorder(() => {})
    const list = [{ event: '$pageview', properties: { token: 'k4' } }, { event: 'benchEvent', properties: { token: 'k4' } }]
    await exchange(r, 'POST', '/ph/e/?compression=gzip-js', gzipSync(JSON.stringify(list)))
    await exchange(r, 'POST', '/ph/e/?compression=base64', 'data=' + encodeURIComponent(Buffer.from(JSON.stringify([{ event: 'a', properties: { token: 'k4' } }])).toString('base64')))
    await exchange(r, 'POST', '/ph/i/v0/e/', JSON.stringify({ event: 'b', properties: { token: 'k4' } }))
    expect(names(r, 'k4')).toEqual(['page', 'benchEvent', 'a', 'b'])
  })

  it('RudderStack: one event per request, the write key in Basic authorization', async () => {
    const r = createRecorder(() => {})
    const auth = { authorization: 'Basic ' + Buffer.from('k5:').toString('base64') }
    await exchange(r, 'POST', '/rs/v1/page', JSON.stringify({ type: 'page' }), auth)
    await exchange(r, 'POST', '/rs/v1/track', JSON.stringify({ type: 'track', event: 'benchEvent' }), auth)
    expect(names(r, 'k5')).toEqual(['page', 'benchEvent'])
  })

  it('counts a body it cannot read as no event, and still answers', async () => {
    const r = createRecorder(() => {})
    const a = await exchange(r, 'POST', '/ph/e/', 'not json')
    expect(a.status).toBe(200)
    expect(r.events).toEqual([])
  })
})

describe('createRecorder: everything else', () => {
  it('answers a preflight with the headers asked for, and records it', async () => {
    const r = createRecorder(() => {})
    const a = await exchange(r, 'OPTIONS', '/rs/v1/track', '', { 'access-control-request-headers': 'authorization,content-type' })
    expect(a.status).toBe(204)
    expect(a.headers['Access-Control-Allow-Headers']).toBe('authorization,content-type')
    expect(r.hits.map((h) => h.method + ' ' + h.path)).toEqual(['OPTIONS /rs/v1/track'])
  })

  it('answers the peers’ settings as a service with nothing configured', async () => {
    const r = createRecorder(() => {})
    const rs = JSON.parse((await exchange(r, 'GET', '/rs/sourceConfig/?writeKey=k')).body)
    expect(rs.source.destinations).toEqual([])
    const ph = await exchange(r, 'GET', '/ph/array/k6/config.js')
    expect(ph.headers['Content-Type']).toBe('text/javascript')
    // (run as the page runs it: it sets the global PostHog reads)
    const window: { _POSTHOG_REMOTE_CONFIG?: Record<string, { config: { surveys: boolean } }> } = {}
    runInNewContext(ph.body, { window })
    expect(window._POSTHOG_REMOTE_CONFIG!.k6.config.surveys).toBe(false)
  })

  it('passes pixel’s requests, and any other, on to the reference collector', async () => {
    const passed: string[] = []
    const r = createRecorder((req, res) => (passed.push(req.url!), res.end()))
    await exchange(r, 'POST', '/v1/batch?writeKey=k', '{}')
    await exchange(r, 'GET', '/events?writeKey=k')
    expect(passed).toEqual(['/v1/batch?writeKey=k', '/events?writeKey=k'])
    expect(r.events).toEqual([])
  })

  it('tells the requests that carry events from the others', () => {
    for (const p of ['/v1/batch', '/pixel/v1/p', '/api/event', '/seg/k/t', '/com.snowplowanalytics.snowplow/tp2', '/ph/e/', '/ph/i/v0/e/', '/rs/v1/track']) expect(carriesEvents(p), p).toBe(true)
    for (const p of ['/events', '/rs/sourceConfig/', '/ph/flags/', '/ph/array/k/config.js', '/pixel.js']) expect(carriesEvents(p), p).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import type { Envelope } from '../types'
import { encodeNative } from './native'
import { encodeRudderstackPixel as encode, MAX_URL } from './rudderstackPixel'

const encodeRudderstackPixel = (events: Envelope[], d: typeof dest & { post?: boolean }, now: number) => encode(events, d, now, encodeNative)

const base: Envelope = {
  type: 'track',
  event: 'viewGiftButton',
  properties: { key1: 'value1', key2: 'value2' },
  anonymousId: 'anon-1',
  messageId: 'm-1',
  originalTimestamp: '2026-01-01T00:00:00.000Z',
  channel: 'web',
  context: {
    library: { name: 'pixel-snippet', version: '0.1.0' },
    locale: 'en-US',
    userAgent: 'Mozilla/5.0 (X11)',
    screen: { width: 1280, height: 720 },
    page: { path: '/gift', url: 'https://shop.example/gift', referrer: 'https://mail.example/', title: 'Gift & more', search: '' },
  },
}
const dest = { format: 'rudderstack-pixel', endpoint: 'https://hosted.example', writeKey: 'WK' }

// The keys of seed 002's sample track call, except context.platform (the AMP SDK's own).
const SEED_TRACK_KEYS = [
  'writeKey', 'context.library.name', 'context.library.version', 'anonymousId', 'context.locale', 'context.userAgent',
  'context.page.path', 'context.page.url', 'context.page.referrer', 'context.page.title', 'context.screen.width',
  'context.screen.height', 'event', 'properties.key1', 'properties.key2',
]

describe('encodeRudderstackPixel', () => {
  it('a track is one GET to /pixel/v1/track with the seed 002 keys, URL-encoded', () => {
    const [r, ...rest] = encodeRudderstackPixel([base], dest, 0)
    expect(rest).toEqual([])
    expect(r.method).toBe('GET')
    expect(r.ids).toEqual(['m-1'])
    const u = new URL(r.url)
    expect(u.origin + u.pathname).toBe('https://hosted.example/pixel/v1/track')
    for (const k of SEED_TRACK_KEYS) expect(u.searchParams.has(k), k).toBe(true)
    expect(Object.fromEntries(u.searchParams)).toMatchObject({
      writeKey: 'WK',
      anonymousId: 'anon-1',
      event: 'viewGiftButton',
      messageId: 'm-1',
      'context.page.title': 'Gift & more',
      'context.screen.width': '1280',
      'properties.key1': 'value1',
    })
  })

  it('a page goes to /pixel/v1/page with its name', () => {
    const [r] = encodeRudderstackPixel([{ ...base, type: 'page', event: undefined, name: 'Home', properties: { path: '/gift' } }], dest, 0)
    const u = new URL(r.url)
    expect(u.pathname).toBe('/pixel/v1/page')
    expect(u.searchParams.get('name')).toBe('Home')
    expect(u.searchParams.get('properties.path')).toBe('/gift')
    expect(u.searchParams.has('event')).toBe(false)
  })

  it('half of a surrogate pair alone (text cut inside an emoji) goes as U+FFFD; whole pairs as they are', () => {
    const cut = 'Gift🎁'.slice(0, 5)
    const e = { ...base, properties: { [cut]: cut, low: '\uDC00x', whole: '🎁' } }
    const q = new URL(encodeRudderstackPixel([e], dest, 0)[0].url).searchParams
    expect(q.get('properties.Gift\uFFFD')).toBe('Gift\uFFFD')
    expect(q.get('properties.low')).toBe('\uFFFDx')
    expect(q.get('properties.whole')).toBe('🎁')
  })

  it('nested objects and lists become dot-separated keys; null an empty value', () => {
    const [r] = encodeRudderstackPixel([{ ...base, properties: { a: { b: { c: 1 } }, list: ['x', 'y'], none: null, t: true } }], dest, 0)
    const q = new URL(r.url).searchParams
    expect(q.get('properties.a.b.c')).toBe('1')
    expect(q.get('properties.list.0')).toBe('x')
    expect(q.get('properties.list.1')).toBe('y')
    expect(q.get('properties.none')).toBe('')
    expect(q.get('properties.t')).toBe('true')
  })

  it('identify has no pixel endpoint: done with no request (its userId rides on later pixels)', () => {
    expect(encodeRudderstackPixel([{ ...base, type: 'identify', traits: { a: 1 } }], dest, 0)).toEqual([{ method: 'GET', url: '', ids: ['m-1'] }])
    const [r] = encodeRudderstackPixel([{ ...base, userId: 'u-9' }], dest, 0)
    expect(new URL(r.url).searchParams.get('userId')).toBe('u-9')
  })

  it('a URL over the limit goes as a native POST where the destination may POST', () => {
    const big = { ...base, properties: { text: 'x'.repeat(MAX_URL) } }
    const [r] = encodeRudderstackPixel([big], { ...dest, post: true }, 0)
    expect(r.method).toBe('POST')
    expect(r.url).toBe('https://hosted.example/v1/batch?writeKey=WK')
    expect(JSON.parse(r.body!).batch[0].properties.text).toHaveLength(MAX_URL)
  })

  it('where it may not POST, a long URL is cut from the end, and says how many keys went', () => {
    const props: Record<string, string> = {}
    for (let i = 0; i < 100; i++) props['k' + i] = 'v'.repeat(100)
    const [r] = encodeRudderstackPixel([{ ...base, properties: props }], dest, 0)
    expect(r.method).toBe('GET')
    expect(r.url.length).toBeLessThanOrEqual(MAX_URL)
    expect(r.cut).toBeGreaterThan(0)
    const q = new URL(r.url).searchParams
    expect(q.get('event')).toBe('viewGiftButton')
    expect(q.get('properties.k0')).toBe('v'.repeat(100))
    expect(q.has('properties.k99')).toBe(false)
    expect([...q.keys()].filter((k) => k.startsWith('properties.'))).toHaveLength(100 - r.cut!)
  })

  it('an email address never goes into the URL, wherever it is (traits, properties, a page URL)', () => {
    const e = { ...base, userId: 'jill@example.com', properties: { note: 'write to Jill@Example.co.uk please', ok: 'a@b' }, context: { ...base.context, traits: { email: 'jill@example.com', plan: 'pro' } } } as Envelope
    const [r] = encodeRudderstackPixel([e], dest, 0)
    expect(decodeURIComponent(r.url)).not.toMatch(/example\.co/i)
    expect(r.url).toContain('context.traits.plan=pro')
    expect(r.url).toContain('properties.ok=a%40b')
  })
})

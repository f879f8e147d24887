// A page may add enumerable properties to Object.prototype (an old library, or a prototype
// pollution): every object then "has" them in a for…in, JSON.parse's results and the page's own
// included. The pure modules read own keys only: such a property is never an option, a
// condition, a header, a landing parameter or a sent value.
import { describe, expect, it } from 'vitest'
import { parseConfig } from './config'
import { encodeNative } from './formats/native'
import { encodeRudderstackPixel } from './formats/rudderstackPixel'
import { keyed } from './formats/vendor'
import { matchConditions } from './matchConditions'
import { paramNames } from './paramNames'
import { readLanding } from './readLanding'
import type { Envelope } from './types'

/** Runs `f` with a function at Object.prototype.inheritedJunk (enumerable, as a plain assignment makes it), then removes it. */
function polluted<T>(f: () => T): T {
  ;(Object.prototype as Record<string, unknown>).inheritedJunk = function () {}
  try {
    return f()
  } finally {
    delete (Object.prototype as Record<string, unknown>).inheritedJunk
  }
}

const event: Envelope = {
  type: 'track',
  event: 'viewGiftButton',
  properties: { campaign: 'christmas', nested: { a: 1 } },
  anonymousId: 'anon-1',
  messageId: 'm-1',
  originalTimestamp: '2026-01-01T00:00:00.000Z',
  channel: 'web',
  context: { library: { name: 'pixel-snippet', version: '0.1.0' }, page: { path: '/', url: 'https://shop.example/', referrer: '', title: 'Shop', search: '' } },
}

describe('with an enumerable property on Object.prototype', () => {
  it('the config has no such option, and no warning names it', () => {
    const warnings: unknown[][] = []
    const c = polluted(() => parseConfig({ writeKey: 'WK' }, 'https://cdn.example', (...w) => warnings.push(w)))
    expect(Object.keys(c)).not.toContain('inheritedJunk')
    expect(warnings).toEqual([])
  })

  it('a condition on the query still holds', () => {
    const facts = { path: '/gift', query: { plan: 'pro' }, utm: { medium: 'email' }, referrerHost: '', source: 'Envoy' }
    expect(polluted(() => matchConditions({ query: { plan: 'pro' }, utm: { utm_medium: 'email' } }, facts))).toBe(true)
  })

  it('no header is made of it', () => {
    expect(polluted(() => keyed({ 'x-api-key': 'K' }))).toEqual({ 'x-api-key': 'K', 'content-type': 'application/json', accept: 'application/json' })
  })

  it('the landing reads the URL’s parameters alone', () => {
    const { ids } = paramNames({ idParams: '', denyParams: '' }, () => {})
    const l = polluted(() => readLanding('https://s.example/gift?source=Envoy&sharerUserId=12', ids, () => {}))
    expect(l).toEqual({ source: 'Envoy', ids: { sharerUserId: '12' } })
  })

  it('a GET pixel carries no key of it', () => {
    const copy = JSON.parse(JSON.stringify(event))
    const [r] = polluted(() => encodeRudderstackPixel([copy], { format: 'rudderstack-pixel', endpoint: 'https://c.example', writeKey: 'WK' }, 0, encodeNative))
    expect(r.url).toContain('properties.nested.a=1')
    expect(r.url).not.toContain('inheritedJunk')
  })
})

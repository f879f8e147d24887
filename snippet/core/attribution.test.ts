import { describe, expect, it } from 'vitest'
import { attribute, attributionContext } from './attribution'

const DAY = 864e5
const T0 = Date.UTC(2026, 10, 1)
const any = () => true

describe('attribute', () => {
  const envoy = { source: 'Envoy', ids: { sharerUserId: '12' } }
  it('keeps a source landing as first and last touch', () => {
    expect(attribute({}, envoy, '/gift', T0, 30, any)).toEqual({
      src: [{ source: 'Envoy', sharerUserId: '12', at: T0, url: '/gift' }, { source: 'Envoy', sharerUserId: '12', at: T0, url: '/gift' }],
    })
  })
  it('a newer source replaces the last touch and keeps the first', () => {
    const a = attribute({}, envoy, '/gift', T0, 30, any)
    const b = attribute(a, { source: 'Partner', ids: {} }, '/x', T0 + DAY, 30, any)
    expect(b.src![0].source).toBe('Envoy')
    expect(b.src![1]).toEqual({ source: 'Partner', at: T0 + DAY, url: '/x' })
  })
  it('landing again with the same values keeps the earlier time', () => {
    const a = attribute({}, envoy, '/gift', T0, 30, any)
    expect(attribute(a, envoy, '/gift', T0 + DAY, 30, any)).toEqual(a)
  })
  it('forgets touches older than the window', () => {
    const a = attribute({}, envoy, '/gift', T0, 30, any)
    expect(attribute(a, { ids: {} }, '/p', T0 + 29 * DAY, 30, any)).toEqual(a)
    expect(attribute(a, { ids: {} }, '/p', T0 + 30 * DAY, 30, any)).toEqual({})
  })
  it('keeps campaign touches apart from source touches', () => {
    const a = attribute({}, { ...envoy, campaign: { name: 'xmas' } }, '/gift', T0, 30, any)
    const b = attribute(a, { ids: {}, campaign: { medium: 'email' } }, '/n', T0 + 1, 30, any)
    expect(b.src).toEqual(a.src)
    expect(b.utm!.map((t) => t.campaign)).toEqual([{ name: 'xmas' }, { medium: 'email' }])
  })
  it('does not keep a source that `accept` refuses (requireSource)', () => {
    expect(attribute({}, { source: 'Other', ids: {} }, '/', T0, 30, (s) => s == 'Envoy')).toEqual({})
  })
  it('survives damaged kept state', () => {
    expect(attribute({ src: [null, null] } as never, { ids: {} }, '/', T0, 30, any)).toEqual({})
  })
})

describe('attributionContext', () => {
  const a = attribute(attribute({}, { source: 'Envoy', ids: { sharerUserId: '12' }, campaign: { name: 'christmas' } }, '/gift', T0, 30, any), { ids: {}, campaign: { name: 'new' } }, '/n', T0 + DAY, 30, any)
  it('a lead: sharer and moment, campaign last touch, first touches', () => {
    expect(attributionContext(a, 'lead-own-id')).toEqual({
      campaign: { name: 'new' },
      attribution: {
        source: 'Envoy',
        sharerUserId: '12',
        landedAt: new Date(T0).toISOString(),
        landingUrl: '/gift',
        moment: 'lead',
        first: { source: 'Envoy', sharerUserId: '12', landedAt: new Date(T0).toISOString(), landingUrl: '/gift' },
        firstCampaign: { name: 'christmas' },
      },
    })
  })
  it('a subscriber: identified, no sharer', () => {
    expect(attributionContext({}, 'u1')).toEqual({ attribution: { moment: 'subscriber' } })
    expect(attributionContext({}, null)).toEqual({})
  })
})

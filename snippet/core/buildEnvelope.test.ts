import { describe, expect, it } from 'vitest'
import { buildEnvelope, LIBRARY, type Snapshot } from './buildEnvelope'

const snap: Snapshot = {
  anonymousId: 'a-1',
  page: { path: '/p', url: 'https://s.example/p?x=1', referrer: 'https://r.example/', title: 'P', search: '?x=1' },
  locale: 'en-GB',
  userAgent: 'UA',
  screen: { width: 1280, height: 720 },
  timezone: 'Europe/London',
}

describe('buildEnvelope', () => {
  it('builds a RudderStack/Segment track event', () => {
    const e = buildEnvelope({ type: 'track', event: 'viewGiftButton', properties: { campaign: 'christmas' } }, { ...snap, userId: '12' }, 'm-1', Date.UTC(2026, 0, 2, 3, 4, 5, 6))
    expect(e).toEqual({
      type: 'track',
      event: 'viewGiftButton',
      properties: { campaign: 'christmas' },
      messageId: 'm-1',
      anonymousId: 'a-1',
      userId: '12',
      channel: 'web',
      originalTimestamp: '2026-01-02T03:04:05.006Z',
      context: { library: LIBRARY, page: snap.page, locale: 'en-GB', userAgent: 'UA', screen: { width: 1280, height: 720 }, timezone: 'Europe/London' },
    })
    expect(LIBRARY).toEqual({ name: 'pixel-snippet', version: '0.0.0-test' })
  })

  it('identify carries traits and no properties; page its name', () => {
    const i = buildEnvelope({ type: 'identify', traits: { plan: 'gold' } }, snap, 'm', 0)
    expect(i.traits).toEqual({ plan: 'gold' })
    expect(i).not.toHaveProperty('properties')
    expect(i).not.toHaveProperty('userId')
    const p = buildEnvelope({ type: 'page', name: 'Home' }, snap, 'm', 0)
    expect(p).toMatchObject({ type: 'page', name: 'Home', properties: {} })
    expect(p).not.toHaveProperty('event')
  })

  it('merges extra context blocks (campaign, attribution) without letting them replace the core ones', () => {
    const e = buildEnvelope({ type: 'page' }, { ...snap, context: { campaign: { source: 'news' }, library: 'fake' } }, 'm', 0)
    expect(e.context.campaign).toEqual({ source: 'news' })
    expect(e.context.library).toBe(LIBRARY)
  })
})

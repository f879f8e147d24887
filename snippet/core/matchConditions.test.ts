import { describe, expect, it } from 'vitest'
import { glob, matchConditions, type Facts } from './matchConditions'

const facts: Facts = {
  path: '/gift/christmas',
  query: { plan: 'pro', empty: '' },
  utm: { medium: 'email', campaign: 'Christmas' },
  referrerHost: 'mail.google.com',
  source: 'Envoy',
}

describe('glob', () => {
  it.each([
    ['/gift', '/gift', true],
    ['/gift', '/gift/', false],
    ['/gift/*', '/gift/christmas', true],
    ['/gift/*', '/gift', false],
    ['*/christmas', '/gift/christmas', true],
    ['/*/c*s', '/gift/christmas', true],
    ['/a*a', '/a', false],
    ['*', '', true],
    ['*.google.com', 'mail.google.com', true],
    ['*.google.com', 'google.com.evil', false],
  ])('%s ~ %s: %s', (p, v, r) => expect(glob(p, v)).toBe(r))
})

describe('matchConditions', () => {
  it('no conditions hold', () => expect(matchConditions(undefined, facts)).toBe(true))

  it.each([
    [{ path: '/gift/*' }, true],
    [{ path: '/gift' }, false],
    [{ query: { plan: 'pro' } }, true],
    [{ query: { plan: 'free' } }, false],
    [{ query: { missing: '' } }, false],
    [{ query: { empty: '' } }, true],
    [{ utm: { utm_medium: 'email' } }, true],
    [{ utm: { medium: 'EMAIL ' } }, true],
    [{ utm: { utm_campaign: 'christmas', utm_medium: 'email' } }, true],
    [{ utm: { utm_source: 'newsletter' } }, false],
    [{ referrer: '*.google.com' }, true],
    [{ referrer: 'google.com' }, false],
    [{ source: ' envoy' }, true],
    [{ source: 'Other' }, false],
    [{ path: '/gift/*', utm: { utm_medium: 'email' }, source: 'Envoy' }, true],
    [{ path: '/gift/*', utm: { utm_medium: 'sms' } }, false],
  ])('%j → %s', (when, r) => expect(matchConditions(when, facts)).toBe(r))

  it.each([
    ['/pricing', '/pricing/', true],
    ['/pricing/', '/pricing', true],
    ['/pricing', '/pricing//', true],
    ['/', '/', true],
    ['/', '/pricing', false],
    ['/pricing', '/pricing/team', false],
    ['/gift/*', '/gift/', false],
    ['/gift/*/', '/gift/christmas/', true],
    ['/café', '/caf%C3%A9', true],
    ['/caf%C3%A9/', '/café', true],
    ['/a%2Fb', '/a%2Fb', true],
    ['/a/b', '/a%2Fb', false],
    ['/100%', '/100%', true],
  ])('path %s ~ page %s: %s (a trailing slash, and percent-escapes, make no difference)', (path, page, r) =>
    expect(matchConditions({ path }, { ...facts, path: page })).toBe(r),
  )

  it('a source condition fails for a visitor without attribution', () => {
    expect(matchConditions({ source: 'Envoy' }, { ...facts, source: undefined })).toBe(false)
  })
})

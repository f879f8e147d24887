import { describe, expect, it } from 'vitest'
import { capUrl } from './capUrl'
import { MAX_URL_SENT } from './limits'

describe('capUrl', () => {
  const base = 'https://s.example/app'
  it('leaves a URL within the limit as it is, byte for byte', () => {
    const u = (base + '?a=1&b=%20#h').padEnd(MAX_URL_SENT, 'x')
    expect(u.length).toBe(MAX_URL_SENT)
    expect(capUrl(u)).toBe(u)
  })
  it('past the limit, cuts its last pairs, whole: the fragment first, then the query', () => {
    const q = '?keep=1&state=' + 'x'.repeat(MAX_URL_SENT)
    expect(capUrl(base + q + '&after=2')).toBe(base + '?keep=1')
    expect(capUrl(base + '?keep=1#/route?s=' + 'y'.repeat(MAX_URL_SENT))).toBe(base + '?keep=1#/route')
    expect(capUrl(base + '?state=' + 'x'.repeat(MAX_URL_SENT))).toBe(base)
  })
  it('keeps as many whole pairs as fit, and never a pair cut in its middle', () => {
    const pairs = Array.from({ length: 500 }, (_, i) => `p${i}=${i}`)
    const u = capUrl(base + '?' + pairs.join('&'))
    expect(u.length).toBeLessThanOrEqual(MAX_URL_SENT)
    const kept = u.slice(base.length + 1).split('&')
    expect(kept).toEqual(pairs.slice(0, kept.length))
    // the next pair would not have fit
    expect(u.length + 1 + pairs[kept.length].length).toBeGreaterThan(MAX_URL_SENT)
  })
  it('a query given alone (page()\'s search) that is too long goes whole', () => {
    expect(capUrl('?state=' + 'x'.repeat(MAX_URL_SENT))).toBe('')
  })
  it('a path longer than the limit, with no pair to cut, is cut at the limit', () => {
    expect(capUrl(base + '/' + 'p'.repeat(MAX_URL_SENT))).toHaveLength(MAX_URL_SENT)
  })
})

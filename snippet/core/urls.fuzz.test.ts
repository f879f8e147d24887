// Property-based: any URL a visitor can land on or click (anyone can write a link) is read
// without a throw, and what is sent of it never holds a parameter that must not leave the page.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { paramNames } from './paramNames'
import { MAX_PARAM, readLanding } from './readLanding'
import { readLink } from './readLink'
import { decode, paramName, stripParams } from './stripParams'
import { hasEmail } from './hasEmail'
import { IDENTITY } from './config'
import { capUrl } from './capUrl'
import { MAX_URL_SENT } from './limits'

const { ids, secret } = paramNames({ ...IDENTITY, idParams: 'cid:contactId' }, () => {})
const name = fc.oneof(fc.constantFrom('email', 'EMAIL', 'e%6Dail', 'userid', 'sharerUserId', 'cid', 'token', 'reset_token', 'accessToken', 'api-KEY', 'keyword', 'source', 'utm_source', 'gclid', 'amp;userId', 'amp;amp;Token', 'amp;x', 'x', 'constructor', '__proto__', ''), fc.string())
const val = fc.oneof(fc.constantFrom('a@b.co', '%E0%A4%A', '%00', 'x+y', '', '='), fc.string())
const pair = fc.tuple(name, val, fc.boolean()).map(([n, v, eq]) => (eq ? n + '=' + v : n))
const query = fc.array(pair, { maxLength: 5 }).map((p) => p.join('&'))
const url = fc
  .tuple(fc.constantFrom('https://site.example', 'http://SITE.example:8080', 'https://other.example'), fc.constantFrom('/', '/a/b', '/p?'), query, fc.option(fc.tuple(fc.constantFrom('', '/route?', '?'), query), { nil: undefined }))
  .map(([o, p, q, h]) => o + p + (q ? (p.includes('?') ? '' : '?') + q : '') + (h ? '#' + h[0] + h[1] : ''))

/**
 * The name=value pairs a URL carries, as written: in its query (after the first ?, split at ?
 * and &) and its hash (split at ?, & and #).
 */
const tokens = (u: string) => {
  const h = u.indexOf('#')
  const main = h < 0 ? u : u.slice(0, h)
  const q = main.indexOf('?')
  return [...(q < 0 ? [] : main.slice(q + 1).split(/[?&]/)), ...(h < 0 ? [] : u.slice(h + 1).split(/[?&#]/))].filter((t) => t.includes('='))
}
/** The names of those pairs, decoded, without an escaped &'s `amp;` (secret() takes them so). */
const names = (u: string) => tokens(u).map((t) => paramName(t.split('=')[0]))
/** Those pairs, decoded. */
const pairs = (u: string) => tokens(u).map(decode)

describe('URLs, fuzzed', () => {
  it('stripParams: no identification or denied parameter is left, in the query or the hash, nor a value with an email address; a URL without any is unchanged', () => {
    fc.assert(
      fc.property(url, (u) => {
        const out = stripParams(u, secret)
        expect(names(out).filter((n) => secret(n))).toEqual([])
        expect(pairs(out).filter(hasEmail)).toEqual([])
        if (!names(u).some((n) => secret(n)) && !pairs(u).some(hasEmail)) expect(out).toBe(u)
      })
    )
  })

  it('readLanding: values are trimmed, at most MAX_PARAM long, without control characters; emails look like one', () => {
    fc.assert(
      fc.property(url, (u) => {
        const l = readLanding(u, ids, () => {})
        for (const v of [l.source, ...Object.values(l.ids), ...Object.values(l.campaign || {})])
          if (v !== undefined) {
            expect(v.length).toBeGreaterThan(0)
            expect(v.length).toBeLessThanOrEqual(MAX_PARAM)
            expect(v).toBe(v.trim())
            expect(v).not.toMatch(/[\0-\x1f\x7f]/)
          }
        if (l.ids.email) expect(l.ids.email).toMatch(/^[^\s@]+@[^\s@]+$/)
      })
    )
  })

  it('readLink: a link is read without a throw, and the URL it reports is cut', () => {
    fc.assert(
      fc.property(fc.oneof(url, fc.string(), fc.constantFrom('mailto:a@b.co', 'javascript:void(0)', 'tel:1')), (u) => {
        const link = readLink(u, 'site.example', (x) => stripParams(x, secret))
        if (link) expect(names(link.url).filter((n) => secret(n))).toEqual([])
      })
    )
  })

  it('capUrl: within MAX_URL_SENT, the URL itself when it fits, else the URL up to one of its ?, & or # (whole pairs)', () => {
    const long = fc
      .tuple(url, fc.integer({ min: 0, max: 2 * MAX_URL_SENT }), query)
      .map(([u, n, q]) => u + (u.includes('?') ? '&' : '?') + 'pad=' + 'x'.repeat(n) + '&' + q)
    fc.assert(
      fc.property(fc.oneof(url, long), (u) => {
        const out = capUrl(u)
        expect(out.length).toBeLessThanOrEqual(MAX_URL_SENT)
        if (u.length <= MAX_URL_SENT) expect(out).toBe(u)
        else {
          expect(u.startsWith(out)).toBe(true)
          expect('?&#').toContain(u[out.length])
        }
      })
    )
  })
})

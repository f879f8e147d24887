import { describe, expect, it } from 'vitest'
import { DEFAULTS, parseConfig } from './config'

const base = 'https://cdn.shop.example'
const parse = (raw: Record<string, unknown>) => {
  const warnings: unknown[][] = []
  return { c: parseConfig(raw, base, (...w) => warnings.push(w)), warnings }
}

describe('parseConfig', () => {
  it('uses the defaults, with the script origin as endpoint', () => {
    const { c, warnings } = parse({})
    expect(c).toEqual({ ...DEFAULTS, endpoint: base, auto: ['pageview', 'markup'], raw: {} })
    expect(warnings).toEqual([])
  })

  it('coerces data-* attribute strings to each default type', () => {
    const { c } = parse({ writeKey: ' KEY ', debug: 'true', cookie: '1', flushInterval: '250', flushAt: '5', transport: 'GET', auto: 'pageview, Scroll' })
    expect(c).toMatchObject({ writeKey: 'KEY', debug: true, cookie: true, flushInterval: 250, flushAt: 5, transport: 'get', auto: ['pageview', 'scroll'] })
  })

  it('takes init() values as they are, and later keys win', () => {
    const { c } = parse({ ...{ debug: 'false', auto: 'pageview' }, ...{ debug: true, auto: ['pageview', 'vitals'] } })
    expect(c.debug).toBe(true)
    expect(c.auto).toEqual(['pageview', 'vitals'])
  })

  it('resolves a relative endpoint against the script origin and drops a trailing slash', () => {
    expect(parse({ endpoint: '/collect/' }).c.endpoint).toBe('https://cdn.shop.example/collect')
    expect(parse({ endpoint: 'http://127.0.0.1:8080/' }).c.endpoint).toBe('http://127.0.0.1:8080')
    // (an @ in the path or query is no user name)
    expect(parse({ endpoint: 'https://c.example/@team/collect?by=a@b' }).c.endpoint).toBe('https://c.example/@team/collect?by=a@b')
  })

  it.each([
    [{ endpoint: 'javascript:alert(1)' }, 'endpoint', base],
    [{ endpoint: 'ftp://x.example' }, 'endpoint', base],
    // fetch refuses to make a request of a URL with a user name or password: every send failed
    [{ endpoint: 'https://user:secret@collector.example' }, 'endpoint', base],
    [{ endpoint: 'https://WRITEKEY:@dataplane.example/beacon' }, 'endpoint', base],
    [{ transport: 'pigeon' }, 'transport', 'auto'],
    [{ flushInterval: '-5' }, 'flushInterval', 1000],
    [{ flushAt: 'many' }, 'flushAt', 20],
  ])('%j: one warning, and the default', (raw, key, expected) => {
    const { c, warnings } = parse(raw)
    expect(c[key as keyof typeof c]).toEqual(expected)
    expect(warnings).toEqual([[key, (raw as Record<string, unknown>)[key], expected]])
  })

  it('a value that cannot be made a string or a number: one warning, the default, and the other options apply', () => {
    const odd = [Object.create(null)]
    const { c, warnings } = parse({ auto: odd, flushAt: Symbol.iterator, writeKey: 'KEY' })
    expect(c).toMatchObject({ auto: ['pageview', 'markup'], flushAt: 20, writeKey: 'KEY' })
    expect(warnings).toEqual([
      ['auto', odd, 'pageview,markup'],
      ['flushAt', Symbol.iterator, 20],
    ])
  })

  it('a boolean attribute present with no value is on; "false" and "0" are off', () => {
    expect(parse({ debug: '', allowBots: '', cookie: 'false' }).c).toMatchObject({ debug: true, allowBots: true, cookie: false })
    expect(parse({ debug: '0' }).c.debug).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { parsePixelQuery } from './parsePixelQuery'

// seed 002's sample track call, with its ${placeholders} filled in
const SAMPLE =
  'https://hosted.rudderlabs.com/pixel/v1/track?writeKey=WK&context.library.name=Rudderstack AMP SDK&context.library.version=1.0.0&context.platform=AMP&anonymousId=anon&context.locale=en-US&context.userAgent=UA&context.page.path=/p&context.page.url=https://s.example/p&context.page.referrer=https://r.example/&context.page.title=Title&context.screen.width=1280&context.screen.height=720&event=Clicked&properties.key1=value1&properties.key2=value2'

describe('parsePixelQuery', () => {
  it("maps seed 002's sample to the nested track payload", () => {
    expect(parsePixelQuery(new URL(SAMPLE).searchParams)).toEqual({
      writeKey: 'WK',
      anonymousId: 'anon',
      event: 'Clicked',
      context: {
        library: { name: 'Rudderstack AMP SDK', version: '1.0.0' },
        platform: 'AMP',
        locale: 'en-US',
        userAgent: 'UA',
        page: { path: '/p', url: 'https://s.example/p', referrer: 'https://r.example/', title: 'Title' },
        screen: { width: '1280', height: '720' },
      },
      properties: { key1: 'value1', key2: 'value2' },
    })
  })

  it('numbered keys become lists', () => {
    expect(parsePixelQuery(new URLSearchParams('properties.tags.0=a&properties.tags.1=b&properties.x.1=only'))).toEqual({
      properties: { tags: ['a', 'b'], x: { '1': 'only' } },
    })
  })

  it.each([
    ['properties.__proto__.polluted=1', {}],
    ['constructor.prototype.x=1', {}],
    ['a=1&a.b=2', { a: '1' }],
    ['a.b=2&a=1', { a: { b: '2' } }],
    ['a..b=1&.=2&b.=3', {}],
    ['a=1&a=2', { a: '2' }],
  ])('%s: conflicting or dangerous keys are ignored', (q, expected) => {
    expect(parsePixelQuery(new URLSearchParams(q))).toEqual(expected)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

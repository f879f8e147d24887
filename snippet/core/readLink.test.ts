import { describe, expect, it } from 'vitest'
import { readLink } from './readLink'
import { stripParams } from './stripParams'

const strip = (u: string) => stripParams(u, (n) => n == 'email' || n == 'token')

describe('readLink', () => {
  it('reads the UTM values of a tagged link, decoded, first occurrence winning', () => {
    expect(readLink('https://shop.example/sale?utm_source=news%20letter&utm_medium=email&utm_medium=sms&utm_campaign=xmas&x=1', 'shop.example', strip)).toEqual({
      url: 'https://shop.example/sale?utm_source=news%20letter&utm_medium=email&utm_medium=sms&utm_campaign=xmas&x=1',
      utm: { utm_source: 'news letter', utm_medium: 'email', utm_campaign: 'xmas' },
      outbound: false,
    })
  })

  it('an outbound link: another host (ports count); identification and denied parameters are cut', () => {
    expect(readLink('https://partner.example/p?email=a%40b.c&ok=1#top', 'shop.example', strip)).toEqual({ url: 'https://partner.example/p?ok=1#top', utm: {}, outbound: true })
    expect(readLink('http://shop.example:8080/', 'shop.example', strip)!.outbound).toBe(true)
    expect(readLink('https://SHOP.example/a', 'shop.example', strip)!.outbound).toBe(false)
  })

  it('a link whose & was escaped once too often (&amp; in its href): its UTM values are read, its identification parameters cut', () => {
    expect(readLink('https://shop.example/sale?utm_source=news&amp;utm_medium=email&amp;email=a%40b.c', 'shop.example', strip)).toEqual({
      url: 'https://shop.example/sale?utm_source=news&amp;utm_medium=email',
      utm: { utm_source: 'news', utm_medium: 'email' },
      outbound: false,
    })
  })

  it('only http(s) links', () => {
    for (const href of ['mailto:a@b.c', 'tel:+1', 'javascript:alert(1)', 'ftp://x.example/', '']) expect(readLink(href, 'shop.example', strip)).toBeUndefined()
  })

  it('a UTM key without a value, a broken escape, a hash query: no crash, sensible values', () => {
    expect(readLink('https://s.example/?utm_source&utm_medium=%E0%A4%A&utm_term=' + 'x'.repeat(300) + '#?utm_content=h', 's.example', strip)!.utm).toEqual({
      utm_medium: '%E0%A4%A',
      utm_term: 'x'.repeat(200),
    })
  })
})

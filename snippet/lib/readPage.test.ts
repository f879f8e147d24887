import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { leftPage, readPage } from './readPage'
import { MAX_STRING } from '../core/limits'

describe('readPage', () => {
  beforeEach(() => {
    ;(globalThis as any).document = { title: 'Now', referrer: 'https://search.example/?q=shoes' }
    // the address shown: another page than the moments' unless a test says so
    ;(globalThis as any).location = { href: 'https://shop.example/shown' }
  })
  afterEach(() => {
    delete (globalThis as any).document
    delete (globalThis as any).location
  })
  const strip = (u: string) => u.replace(/email=[^&#]*&?/, '')

  it('reads the page of the moment: its URL cut by strip, its referrer, else the document’s, and its title, else the document’s', () => {
    expect(readPage(strip, ['https://shop.example/a?email=x&plan=pro#top', undefined, 1])).toEqual({
      path: '/a',
      url: 'https://shop.example/a?plan=pro',
      referrer: 'https://search.example/?q=shoes',
      title: 'Now',
      search: '?plan=pro',
    })
    expect(readPage(strip, ['https://shop.example/a#top', 'https://shop.example/b', 2, 'Landing'], true)).toMatchObject({
      url: 'https://shop.example/a#top',
      referrer: 'https://shop.example/b',
      title: 'Landing',
    })
  })

  it('a moment that kept no referrer (its page had none: another page\'s moment, made by the next) has none, not the document\'s', () => {
    expect(readPage(strip, ['https://shop.example/a', '', 1]).referrer).toBe('')
    // (kept as JSON: a referrer not kept is null)
    expect(readPage(strip, ['https://shop.example/a', null as unknown as undefined, 2]).referrer).toBe('https://search.example/?q=shoes')
  })

  it('without strip (the identity plugin not in), sends URLs without query or fragment', () => {
    expect(readPage(undefined, ['https://shop.example/a?email=x#t', 'https://shop.example/b?sharerUserId=3', 1])).toMatchObject({
      url: 'https://shop.example/a',
      referrer: 'https://shop.example/b',
      search: '',
    })
  })

  it('an event of the address shown has the document’s title at the event, though its moment kept another: an app may set its title after its URL, or change it later', () => {
    const at = (globalThis as any).location.href
    expect(readPage(strip, [at, undefined, 1]).title).toBe('Now')
    ;(globalThis as any).document.title = 'Product X'
    expect(readPage(strip, [at, undefined, 2]).title).toBe('Product X')
    // (a call made as the view's title was still the page before's, replayed once it changed)
    expect(readPage(strip, [at, 'https://shop.example/b', 3, 'Now']).title).toBe('Product X')
  })

  it('a title longer than MAX_STRING is cut to it, as a property\'s text is', () => {
    ;(globalThis as any).document.title = 'T'.repeat(100_000)
    expect(readPage(strip, ['https://shop.example/shown', undefined, 1]).title).toBe('T'.repeat(MAX_STRING))
  })

  it('an event of an address the app has left since has the title its moment kept, else the document’s', () => {
    const at = 'https://shop.example/a'
    expect(readPage(strip, [at, undefined, 1, 'Landing']).title).toBe('Landing')
    expect(readPage(strip, [at, undefined, 2]).title).toBe('Now')
  })

  it('an event made at the address shown, before the app left it and came back, has the title its moment kept', () => {
    const at = (globalThis as any).location.href
    expect(readPage(strip, [at, undefined, Date.now() - 1, 'Before']).title).toBe('Now')
    leftPage()
    expect(readPage(strip, [at, undefined, Date.now() - 1, 'Before']).title).toBe('Before')
    expect(readPage(strip, [at, undefined, Date.now(), 'Before']).title).toBe('Now')
  })

  it('keeps the facts of one moment, and reads them again for another URL, referrer or title', () => {
    const at = 'https://shop.example/a'
    const first = readPage(strip, [at, 'https://shop.example/b', 1])
    expect(readPage(strip, [at, 'https://shop.example/b', 2])).toBe(first)
    expect(readPage(strip, [at, undefined, 3]).referrer).toBe('https://search.example/?q=shoes')
    ;(globalThis as any).document.title = 'Later'
    expect(readPage(strip, [at, undefined, 4])).toMatchObject({ referrer: 'https://search.example/?q=shoes', title: 'Later' })
    expect(readPage(strip, [at, undefined, 5, 'Landing']).title).toBe('Landing')
    expect(readPage(strip, [at + '?plan=pro', undefined, 6]).url).toBe('https://shop.example/a?plan=pro')
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readPage } from './readPage'

describe('readPage', () => {
  beforeEach(() => {
    ;(globalThis as any).document = { title: 'Now', referrer: 'https://search.example/?q=shoes' }
  })
  afterEach(() => {
    delete (globalThis as any).document
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

  it('without strip (the identity plugin not in), sends URLs without query or fragment', () => {
    expect(readPage(undefined, ['https://shop.example/a?email=x#t', 'https://shop.example/b?sharerUserId=3', 1])).toMatchObject({
      url: 'https://shop.example/a',
      referrer: 'https://shop.example/b',
      search: '',
    })
  })

  it('keeps the facts of one moment, and reads them again for a moment of the same URL with another referrer or title', () => {
    const at = 'https://shop.example/a'
    expect(readPage(strip, [at, 'https://shop.example/b', 1]).referrer).toBe('https://shop.example/b')
    // (kept: the document's title is not read again for each event of the same page)
    ;(globalThis as any).document.title = 'Later'
    expect(readPage(strip, [at, 'https://shop.example/b', 2]).title).toBe('Now')
    // the same URL, as the document loaded (web vitals): its own referrer and title
    expect(readPage(strip, [at, undefined, 3, 'Landing'])).toMatchObject({ referrer: 'https://search.example/?q=shoes', title: 'Landing' })
    // and the page's own events after it are not given those
    expect(readPage(strip, [at, 'https://shop.example/b', 4])).toMatchObject({ referrer: 'https://shop.example/b', title: 'Later' })
  })
})

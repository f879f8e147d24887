import { expect, test } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { brotliCompressSync, constants } from 'node:zlib'
import { PORT } from '../playwright.config'
import { ISO, keyFor, stored, UUID4, waitForEvents } from './helpers'

const VERSION = JSON.parse(readFileSync('package.json', 'utf8')).version
/** A built file's bytes and its brotli bytes as build.mjs measures them (its budget). */
const sizes = (file: string) => {
  const b = readFileSync(file)
  return { raw: b.length, brotli: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length }
}

test.describe('loading and the envelope', () => {
  test('script tag: the page view arrives with a complete envelope', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/tag.html?wk=${key}`)
    const [r] = await waitForEvents(request, key, 1)
    const e = r.event
    expect(r.format).toBe('native')
    expect(e.type).toBe('page')
    expect(e.messageId).toMatch(UUID4)
    expect(e.anonymousId).toMatch(UUID4)
    expect(e.originalTimestamp).toMatch(ISO)
    expect(e.sentAt).toMatch(ISO)
    expect(e.channel).toBe('web')
    const url = page.url()
    expect(e.context.page).toEqual({ path: '/fixtures/tag.html', url, referrer: '', title: 'Script tag fixture', search: new URL(url).search })
    expect(e.properties).toMatchObject({ path: '/fixtures/tag.html', url, title: 'Script tag fixture' })
    expect(e.context.library).toEqual({ name: 'pixel-snippet', version: VERSION })
    const nav = await page.evaluate(() => ({
      ua: navigator.userAgent,
      lang: navigator.language,
      w: screen.width,
      h: screen.height,
      tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }))
    expect(e.context).toMatchObject({ userAgent: nav.ua, locale: nav.lang, screen: { width: nav.w, height: nav.h }, timezone: nav.tz })
    // window.pixel is the API of DESIGN.md, and nothing of pixel's inside (start, ready, view)
    expect(await page.evaluate(() => Object.keys((window as any).pixel).sort())).toEqual(['consent', 'debug', 'flush', 'identify', 'init', 'page', 'reset', 'set', 'track', 'version'])
  })

  test('loader stub: calls made before the script loaded arrive in order, once, after init; the page view comes first, with the queued identify', async ({ page, request }, info) => {
    const key = keyFor(info)
    const scriptRequested = page.waitForRequest('**/pixel.js')
    await page.goto(`/fixtures/stub.html?wk=${key}`)
    await scriptRequested
    const list = await waitForEvents(request, key, 5)
    await page.evaluate(() => (window as any).pixel.flush())
    expect((await stored(request, key)).length).toBe(5)
    const seq = list.map((r) => `${r.event.type}:${r.event.event || r.event.name || ''}`)
    // replayed in call order, the identify sent at once; the automatic page view is the page's
    // first event, by order and by time, and carries the queued identify; the events queued
    // before it follow it, each as it was when called (the first two before the identify)
    expect(seq).toEqual(['identify:', 'page:', 'track:queued1', 'track:queued2', 'track:queued3'])
    expect(list.map((r) => r.event.properties?.n)).toEqual([undefined, undefined, 1, 2, 3])
    expect(list[0].event.traits).toEqual({ plan: 'gold' })
    expect(list.map((r) => r.event.userId)).toEqual(['user-7', 'user-7', undefined, undefined, 'user-7'])
    const times = list.map((r) => Date.parse(r.event.originalTimestamp))
    expect(times.slice(1)).toEqual([...times.slice(1)].sort((x, y) => x - y))
    expect(new Set(list.map((r) => r.event.messageId)).size).toBe(5)
    // the stub was replaced by the real API, and both call forms keep working
    await page.evaluate(() => {
      const p = (window as any).pixel
      p.track('after1')
      p('track', 'after2')
      return p.flush()
    })
    const after = await waitForEvents(request, key, 7)
    expect(after.slice(5).map((r) => r.event.event)).toEqual(['after1', 'after2'])
  })

  test('an event has the title of its page at the event: a title the page sets after its page view', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/default.html#${key}`)
    await waitForEvents(request, key, 1)
    await page.evaluate(() => ((document.title = 'Product X'), (window as any).pixel.track('later'), (window as any).pixel.flush()))
    const list = await waitForEvents(request, key, 2)
    expect(list.map((r) => [r.event.event || r.event.type, r.event.context.page.title])).toEqual([
      ['page', 'Default path fixture'],
      ['later', 'Product X'],
    ])
  })

  test('loader stub: a queued call is sent as of the address, time and title it was made at, though the app replaced the address and title before pixel.js ran', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/stub-moved.html?wk=${key}`)
    const [view, before] = (await waitForEvents(request, key, 2)).map((r) => r.event)
    const calledAt = await page.evaluate(() => (window as any).calledAt)
    // the page view is of the address shown when pixel.js started; the call, of its own
    expect([view.type, view.context.page.path, view.context.page.title]).toEqual(['page', '/app/home', 'Home'])
    expect([before.event, before.context.page.path, before.context.page.url, before.context.page.title]).toEqual(['before', '/fixtures/stub-moved.html', `${new URL(page.url()).origin}/fixtures/stub-moved.html?wk=${key}`, 'Stub, address replaced'])
    expect(Date.parse(before.originalTimestamp)).toBeLessThanOrEqual(calledAt)
    // and the page view, the page's first event, is not later than it
    expect(Date.parse(view.originalTimestamp)).toBeLessThanOrEqual(Date.parse(before.originalTimestamp))
  })

  test('the default path: pixel.js alone, in an in-app browser too; the bot filter only for a browser of an uncommon form, on its first page', async ({ page, browser, request }, info) => {
    // a page without a query string (the write key in the fragment)
    const key = keyFor(info)
    const scriptsOf = (p: typeof page) => {
      const list: string[] = []
      p.on('request', (r) => r.resourceType() == 'script' && list.push(new URL(r.url()).pathname))
      return list
    }
    // a mainstream browser's user agent (isPlainBrowser): no bot filter to fetch
    const scripts = scriptsOf(page)
    await page.goto(`/fixtures/default.html#${key}`)
    await page.evaluate(() => (window as any).pixel.track('one', { a: 1 }))
    await page.evaluate(() => (window as any).pixel.flush())
    await waitForEvents(request, key, 2)
    expect(scripts).toEqual(['/pixel.js'])
    // DuckDuckGo's browser adds a token of its own: a person, but isbot must judge it, once
    const other = await browser.newContext({ baseURL: test.info().project.use.baseURL, userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15 Ddg/18.1' })
    const uncommon = await other.newPage()
    const later = scriptsOf(uncommon)
    await uncommon.goto(`/fixtures/default.html#${key}`)
    await waitForEvents(request, key, 3)
    expect(later).toEqual(['/pixel.js', '/pixel.bot.js'])
    // (its answer read too: a send still in flight at the reload would be taken over by the
    // next page, which then loads pixel.adopt.js as well)
    await uncommon.evaluate(() => (window as any).pixel.flush())
    // judged human once: the next page skips the bot filter
    later.length = 0
    await uncommon.reload()
    await waitForEvents(request, key, 4)
    expect(later).toEqual(['/pixel.js'])
    await other.close()
    // Instagram's in-app browser, where shared links open: its first page skips the bot filter too
    const app = await browser.newContext({
      baseURL: test.info().project.use.baseURL,
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/21F90 Instagram 339.0.3.12.91 (iPhone15,3; iOS 17_5; en_US; en; scale=3.00; 1179x2556; 619461904)',
    })
    const inApp = await app.newPage()
    const landing = scriptsOf(inApp)
    await inApp.goto(`/fixtures/default.html#${key}`)
    await waitForEvents(request, key, 5)
    expect(landing).toEqual(['/pixel.js'])
    await app.close()
  })

  test('queued init() applies before queued events: an event queued first still goes to the configured endpoint, after the page view', async ({ page, request, baseURL }, info) => {
    const key = keyFor(info)
    const endpoint = baseURL!.replace('127.0.0.1', 'localhost')
    const hosts: string[] = []
    page.on('request', (r) => r.url().includes('/v1/batch') && hosts.push(new URL(r.url()).host))
    await page.goto(`/fixtures/lateinit.html?wk=${key}&endpoint=${encodeURIComponent(endpoint)}`)
    const list = await waitForEvents(request, key, 2)
    expect(list.map((r) => r.event.event || r.event.type)).toEqual(['page', 'beforeInit'])
    // (the collector can show the events before Playwright has passed the request on to this test)
    await expect.poll(() => hosts.length).toBeGreaterThan(0)
    expect(new Set(hosts)).toEqual(new Set([new URL(endpoint).host]))
  })

  test('an init() in a script further down the page applies to the page view, though pixel.js ran before it; a track() made then follows the view', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/init-below.html?wk=${key}`)
    // pixel.js had started when the init() ran: the page view waited for the parsed document
    expect(await page.evaluate(() => (window as any).startedBefore)).toBe(true)
    const list = await waitForEvents(request, key, 2)
    // (the track() was called while the parser still waited, before the page view's start)
    expect(list.map((r) => r.event.event || r.event.type)).toEqual(['page', 'belowInit'])
    // (a Date is copied by the json plugin: the call waited for it, and still followed the view)
    expect(list[1].event.properties).toEqual({ at: '1970-01-01T00:00:00.000Z' })
    expect(Date.parse(list[0].event.originalTimestamp)).toBeLessThanOrEqual(Date.parse(list[1].event.originalTimestamp))
  })

  test('a page left before its document is parsed (pixel.js ran, DOMContentLoaded never came) still sends its page view', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/bounce.html?wk=${key}`, { waitUntil: 'commit' })
    await page.waitForFunction(() => !!(window as any).pixel && !!(window as any).pixel.version)
    // the parser still waits for the slow script (5 s): the page view waits for the parsed document
    expect(await page.evaluate(() => document.readyState)).toBe('loading')
    await page.goto('/fixtures/plain.html')
    const [view] = await waitForEvents(request, key, 1)
    expect([view.event.type, view.event.context.page.path]).toEqual(['page', '/fixtures/bounce.html'])
  })

  test('pixel.js from another origin (a CDN): its plugins, of its version, load from there, and events go to that origin by default', async ({ page, request }, info) => {
    const key = keyFor(info)
    const plugins: string[] = []
    page.on('response', (r) => /pixel\.\w+\.js\?/.test(r.url()) && plugins.push(`${new URL(r.url()).host}${new URL(r.url()).pathname}${new URL(r.url()).search} ${r.status()}`))
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`/fixtures/cdn.html?wk=${key}&port=${PORT}&source=Envoy&sharerUserId=42`)
    await page.waitForFunction(() => !!(window as any).pixel.version)
    await page.evaluate(() => (window as any).pixel.track('fromCdn'))
    const [view, track] = await waitForEvents(request, key, 2)
    expect(track.event.event).toBe('fromCdn')
    // the identity plugin read the landing and cut the sharer from the URL sent
    expect(view.event.context.attribution).toMatchObject({ source: 'Envoy', sharerUserId: '42' })
    expect(view.event.context.page.url).not.toContain('sharerUserId')
    // each plugin of the version of pixel.js, never an older one a cache kept
    expect(plugins).toEqual([`localhost:${PORT}/pixel.identity.js?v=${VERSION} 200`])
    expect(errors).toEqual([])
  })

  test('the next page takes a plugin from the browser cache, without a request, and revalidates pixel.js (a 304, not the file again)', async ({ page, request }, info) => {
    const key = keyFor(info)
    // (the URL has parameters: each page loads pixel.identity.js before its page view)
    await page.goto(`/fixtures/tag.html?wk=${key}`)
    await waitForEvents(request, key, 1)
    await page.click('#next')
    await waitForEvents(request, key, 2)
    const files = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({ name: e.name, transfer: e.transferSize, body: e.encodedBodySize })),
    )
    const plugin = files.find((f) => f.name.includes(`/pixel.identity.js?v=${VERSION}`))!
    const script = files.find((f) => new URL(f.name).pathname == '/pixel.js')!
    // from the cache: nothing came over the network
    expect(plugin).toMatchObject({ transfer: 0, body: expect.any(Number) })
    expect(plugin.body).toBeGreaterThan(0)
    // asked again (a new release reaches the page at once), answered by headers alone: less
    // than the file, even compressed
    expect(script.transfer).toBeGreaterThan(0)
    expect(script.transfer).toBeLessThan(sizes('dist/pixel.js').brotli)
  })

  test('the collector serves pixel.js and its plugins compressed: the browser downloads the brotli bytes of their budgets', async ({ page, request }, info) => {
    const key = keyFor(info)
    // (the URL has parameters: the page loads pixel.identity.js)
    await page.goto(`/fixtures/tag.html?wk=${key}&utm_source=x`)
    await waitForEvents(request, key, 1)
    const files = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({ path: new URL(e.name).pathname, encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
    )
    for (const name of ['pixel.js', 'pixel.identity.js']) {
      const { raw, brotli } = sizes(`dist/${name}`)
      expect(files.find((f) => f.path == `/${name}`), name).toEqual({ path: `/${name}`, encoded: brotli, decoded: raw })
    }
  })

  test('loading the script twice does not double-track; the second copy says it is off, though its write key differs', async ({ page, request }, info) => {
    const key = keyFor(info)
    const warnings: string[] = []
    page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()))
    await page.goto(`/fixtures/twice.html?wk=${key}&wk2=${key}-2`)
    await waitForEvents(request, key, 1)
    await page.evaluate(() => (window as any).pixel.track('once'))
    await page.evaluate(() => (window as any).pixel.flush())
    const list = await waitForEvents(request, key, 2)
    expect(list.map((r) => r.event.type)).toEqual(['page', 'track'])
    expect(warnings).toEqual(['[pixel] loaded twice: this copy is off'])
    expect(await stored(request, `${key}-2`)).toEqual([])
  })

  test('a tag of type="module" (no document.currentScript) reads its options from its data-* attributes', async ({ page, request }, info) => {
    const key = keyFor(info)
    const urls: string[] = []
    page.on('request', (r) => /\/pixel\/v1\//.test(r.url()) && urls.push(r.url()))
    await page.goto(`/fixtures/module.html?wk=${key}&transport=get`)
    const [view] = await waitForEvents(request, key, 1)
    expect(view.event).toMatchObject({ type: 'page', context: { page: { title: 'Module tag' } } })
    // by GET, as its data-transport says (the browser's report of the request may come after the
    // collector has stored it: it failed 1 of 2 under --repeat-each 2)
    await expect.poll(() => urls).toHaveLength(1)
  })
})

test.describe('transports', () => {
  test('POST: a text/plain batch to /v1/batch, with no CORS preflight', async ({ page, request }, info) => {
    const key = keyFor(info)
    const methods: string[] = []
    page.on('request', (r) => r.url().includes('/v1/batch') && methods.push(r.method() + ' ' + (r.headers()['content-type'] || '')))
    await page.goto(`/fixtures/tag.html?wk=${key}&transport=post`)
    await waitForEvents(request, key, 1)
    await page.evaluate(() => (window as any).pixel.track('viewGiftButton', { campaign: 'christmas', userType: 'premium' }))
    const list = await waitForEvents(request, key, 2)
    expect(list[1].event).toMatchObject({ type: 'track', event: 'viewGiftButton', properties: { campaign: 'christmas', userType: 'premium' } })
    // (the browser's report of a request may reach the test after the collector has stored its events)
    await expect.poll(() => methods.length).toBeGreaterThan(0)
    expect(methods.every((m) => m.startsWith('POST text/plain'))).toBe(true)
    expect(methods).not.toContain('OPTIONS')
  })

  test('GET: page and track as RudderStack Pixel API requests carrying the seed 002 keys', async ({ page, request }, info) => {
    const key = keyFor(info)
    const urls: URL[] = []
    page.on('request', (r) => r.url().includes('/pixel/v1/') && urls.push(new URL(r.url())))
    await page.goto(`/fixtures/tag.html?wk=${key}&transport=get`)
    await page.evaluate(() => (window as any).pixel.track('viewGiftButton', { campaign: 'christmas', nested: { a: 1 } }))
    const list = await waitForEvents(request, key, 2, 'rudderstack-pixel')
    // (the collector can show the events before Playwright has passed the requests on to this test)
    await expect.poll(() => urls.length).toBeGreaterThanOrEqual(2)
    const page1 = urls.find((u) => u.pathname == '/pixel/v1/page')!
    const track = urls.find((u) => u.pathname == '/pixel/v1/track')!
    for (const u of [page1, track]) {
      const q = u.searchParams
      expect(q.get('writeKey')).toBe(key)
      expect(q.get('anonymousId')).toMatch(UUID4)
      for (const k of ['context.library.name', 'context.library.version', 'context.locale', 'context.userAgent', 'context.screen.width', 'context.screen.height', 'context.page.path', 'context.page.url', 'context.page.title'])
        expect(q.has(k), k).toBe(true)
      expect(q.has('context.page.referrer')).toBe(true)
    }
    expect(track.searchParams.get('event')).toBe('viewGiftButton')
    expect(track.searchParams.get('properties.campaign')).toBe('christmas')
    expect(track.searchParams.get('properties.nested.a')).toBe('1')
    expect(page1.searchParams.get('properties.path')).toBe('/fixtures/tag.html')
    // the collector mapped the dot-separated keys back to a nested payload
    expect(list[1].event).toMatchObject({ type: 'track', event: 'viewGiftButton', properties: { campaign: 'christmas', nested: { a: '1' } } })
    expect(list[0].event.context.page.path).toBe('/fixtures/tag.html')
    expect(list[0].event.anonymousId).toBe(list[1].event.anonymousId)
  })

  test('a track immediately followed by a navigation arrives', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/tag.html?wk=${key}`)
    await waitForEvents(request, key, 1)
    await page.evaluate(() => {
      ;(window as any).pixel.track('clickGenerateShareLink')
      location.href = '/second.html'
    })
    await page.waitForURL('**/second.html')
    const list = await waitForEvents(request, key, 2)
    expect(list[1].event.event).toBe('clickGenerateShareLink')
  })
})

test.describe('identity', () => {
  test('the anonymousId is the same after a reload and on a second page', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/tag.html?wk=${key}`)
    await waitForEvents(request, key, 1)
    await page.reload()
    await waitForEvents(request, key, 2)
    await page.click('#next')
    const list = await waitForEvents(request, key, 3)
    const ids = new Set(list.map((r) => r.event.anonymousId))
    expect(ids.size).toBe(1)
    expect(list[2].event.context.page.search).toContain('n=2')
    expect(list[2].event.context.page.referrer).toContain('/fixtures/tag.html')
  })

  test('set() properties last for the tab; a browser where set() was never called never opens sessionStorage', async ({ page, context, request }, info) => {
    const key = keyFor(info)
    // counts the page's reads of window.sessionStorage (the storage itself is the browser's)
    await context.addInitScript(() => {
      const own = Object.getOwnPropertyDescriptor(Window.prototype, 'sessionStorage') || Object.getOwnPropertyDescriptor(window, 'sessionStorage')!
      Object.defineProperty(window, 'sessionStorage', {
        get() {
          ;(window as any).sessionReads = ((window as any).sessionReads || 0) + 1
          return own.get!.call(window)
        },
      })
    })
    await page.goto(`/fixtures/tag.html?wk=${key}`)
    await page.evaluate(() => (window as any).pixel.track('plain'))
    await waitForEvents(request, key, 2)
    expect(await page.evaluate(() => (window as any).sessionReads || 0)).toBe(0)
    await page.evaluate(() => (window as any).pixel.set({ campaign: 'christmas' }))
    // the next page of the tab: its page view carries the property
    await page.goto(`/fixtures/tag.html?wk=${key}&n=2`)
    const list = await waitForEvents(request, key, 3)
    expect(list[2].event.properties).toMatchObject({ campaign: 'christmas' })
    // another tab has a session of its own
    const tab = await context.newPage()
    await tab.goto(`/fixtures/tag.html?wk=${key}&n=3`)
    const all = await waitForEvents(request, key, 4)
    expect(all[3].event.properties.campaign).toBeUndefined()
  })

  test('reset() forgets the user, and an identify() another tab kept for the next page, and issues a new anonymousId', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/tag.html?wk=${key}`)
    await waitForEvents(request, key, 1)
    await page.evaluate(() => {
      const p = (window as any).pixel
      p.identify('u-1', { plan: 'gold' })
      p.set({ campaign: 'christmas' })
      p.track('before')
      // an identify() another tab's page kept for the next page, left before its identity plugin
      // came: the logout here comes after it, and wins (was: the next page was of u-2)
      localStorage.setItem('pixel.held', JSON.stringify([['identify', ['u-2'], [location.href, '', Date.now(), document.title]]]))
      p.reset()
      p.track('after')
      return p.flush()
    })
    const list = await waitForEvents(request, key, 4)
    const [, , before, after] = list.map((r) => r.event)
    expect(before).toMatchObject({ userId: 'u-1', properties: { campaign: 'christmas' } })
    expect(after.userId).toBeUndefined()
    expect(after.properties).toEqual({})
    expect(after.anonymousId).not.toBe(before.anonymousId)
    expect(after.anonymousId).toMatch(UUID4)
    await page.reload()
    const next = (await waitForEvents(request, key, 5))[4].event
    expect([next.type, next.userId, next.anonymousId]).toEqual(['page', undefined, after.anonymousId])
  })

  test('a logout that calls reset() and navigates at once, on a page where the identity plugin has not come: the next page is of a new visitor', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/slow-plugins.html?wk=${key}&wait=0`)
    await page.waitForFunction(() => !!(window as any).pixel.version)
    await page.evaluate(() => (window as any).pixel.identify('u-1', { plan: 'gold' }))
    await waitForEvents(request, key, 2)
    // pixel.js and its plugins come 3 s late on this page (another URL: not in the cache); the
    // user logs out as soon as it runs, while the identity plugin is on its way
    await page.goto(`/fixtures/slow-plugins.html?wk=${key}&wait=3000`)
    await page.waitForFunction(() => !!(window as any).pixel.version)
    await page.evaluate((k) => {
      ;(window as any).pixel.reset()
      location.href = `/fixtures/tag.html?wk=${k}`
    }, key)
    // (the first page's view and identify, then the page left, by beacon, and the next, in either order)
    const list = (await waitForEvents(request, key, 4)).map((r) => r.event).slice(2)
    const left = list.find((e) => e.context.page.path == '/fixtures/slow-plugins.html')!
    const next = list.find((e) => e.context.page.path == '/fixtures/tag.html')!
    // the page left is the user's (its view was made before the reset), the next one is not
    // (was: the user, their traits and anonymousId, for whoever used the browser next)
    expect(left).toMatchObject({ userId: 'u-1', context: { traits: { plan: 'gold' } } })
    expect(next.userId).toBeUndefined()
    expect(next.context.traits).toBeUndefined()
    expect(next.anonymousId).not.toBe(left.anonymousId)
  })

  test('a signup that calls identify() and set() and navigates at once, on a page where the identity plugin has not come: the next page is the user\'s, and the identify is of the page it was made on', async ({ page, request }, info) => {
    const key = keyFor(info)
    // pixel.js and its plugins come 3 s late (a browser's first page: not in the cache); the
    // visitor signs up as soon as it runs, and the app goes on at once
    await page.goto(`/fixtures/slow-plugins.html?wk=${key}&wait=3000`)
    await page.waitForFunction(() => !!(window as any).pixel.version)
    await page.evaluate((k) => {
      ;(window as any).pixel.identify('u-9', { plan: 'gold' })
      ;(window as any).pixel.set({ abTest: 'b' })
      location.href = `/fixtures/tag.html?wk=${k}`
    }, key)
    const list = (await waitForEvents(request, key, 3)).map((r) => r.event)
    const left = list.find((e) => e.type == 'page' && e.context.page.path == '/fixtures/slow-plugins.html')!
    const identify = list.find((e) => e.type == 'identify')!
    const next = list.find((e) => e.context.page.path == '/fixtures/tag.html')!
    // (was: the identify and set() lost, and the next page anonymous)
    expect(identify).toMatchObject({ userId: 'u-9', traits: { plan: 'gold' }, anonymousId: left.anonymousId, context: { page: { path: '/fixtures/slow-plugins.html' } } })
    // (of that page: its referrer none, not the page it was made on)
    expect(identify.context.page.referrer).toBe('')
    expect(Date.parse(identify.originalTimestamp)).toBeLessThan(Date.parse(next.originalTimestamp))
    expect(next).toMatchObject({ userId: 'u-9', anonymousId: left.anonymousId, context: { traits: { plan: 'gold' } }, properties: { abTest: 'b' } })
    // the page left, its view made before the signup, is anonymous; nothing is kept for a third page
    expect(left.userId).toBeUndefined()
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => /held/.test(k)))).toEqual([])
  })

  test('identify() then reset() at a page left before the identity plugin came: the next page is anonymous', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/slow-plugins.html?wk=${key}&wait=3000`)
    await page.waitForFunction(() => !!(window as any).pixel.version)
    await page.evaluate((k) => {
      ;(window as any).pixel.identify('u-9')
      ;(window as any).pixel.reset()
      location.href = `/fixtures/tag.html?wk=${k}`
    }, key)
    const list = (await waitForEvents(request, key, 2)).map((r) => r.event)
    const next = list.find((e) => e.context.page.path == '/fixtures/tag.html')!
    expect(list.map((e) => e.type)).toEqual(['page', 'page'])
    expect(next.userId).toBeUndefined()
  })

  test('identify() at a page left before the identity plugin came, with consent pending: nothing of it is kept for the next page', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/slow-consent.html#${key}`)
    // the consent plugin is in (its module, imported again here, has run, and pixel's use of it
    // before this), and the identity plugin not asked for yet
    const url = await page.waitForFunction(() => performance.getEntriesByType('resource').find((e) => /pixel\.consent\.js/.test(e.name))?.name)
    await page.evaluate(
      async ([u, k]) => {
        await import(u)
        ;(window as any).pixel.identify('u-9', { email: 'ada@example.com' })
        location.href = `/fixtures/tag.html?wk=${k}`
      },
      [(await url.jsonValue()) as string, key] as const,
    )
    // the next page asks no consent: its view is anonymous, and no identify comes
    const list = (await waitForEvents(request, key, 1)).map((r) => r.event)
    expect(list).toEqual([expect.objectContaining({ type: 'page', context: expect.objectContaining({ page: expect.objectContaining({ path: '/fixtures/tag.html' }) }) })])
    expect(list[0].userId).toBeUndefined()
  })
})

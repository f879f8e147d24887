// A host page that cannot break pixel, and that pixel cannot break: for each hostile setup, no
// error reaches the page and the documented outcome is seen at the collector.
import { expect, test, type Page } from '@playwright/test'
import { keyFor, stored, UUID4, waitForEvents } from './helpers'

declare const pixel: any

function watch(page: Page) {
  const errors: string[] = []
  const warnings: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()))
  return { errors, warnings }
}
const open = (page: Page, key: string, c: string, cookie = 'false') => page.goto(`/fixtures/hostile.html?wk=${key}&case=${c}&cookie=${cookie}`)
const track = (page: Page) =>
  page.evaluate(() => {
    pixel.track('onHostilePage', { list: [1, 2], n: 1 })
    return pixel.flush()
  })

test.describe('a hostile host page', () => {
  test('window.fetch replaced by one that throws: no error in the page; events wait, then go by beacon on unload', async ({ page, request }, info) => {
    const key = keyFor(info)
    const { errors } = watch(page)
    await open(page, key, 'fetch')
    await page.waitForFunction(() => !!pixel.version)
    await track(page)
    expect(await stored(request, key)).toEqual([])
    await page.click('#away')
    await page.waitForURL('**/plain.html')
    const list = await waitForEvents(request, key, 2)
    expect(list.map((r) => r.event.event || r.event.type)).toEqual(['page', 'onHostilePage'])
    expect(errors).toEqual([])
  })

  test('window.fetch that always rejects: retried as a network error, and sent by the next page of the site', async ({ page, request }, info) => {
    const key = keyFor(info)
    const { errors } = watch(page)
    await open(page, key, 'fetch-reject')
    await page.waitForFunction(() => !!pixel.version)
    await track(page)
    // the next page has a working fetch: it takes over what this one left
    await page.goto(`/fixtures/tag.html?wk=${key}`)
    await expect.poll(async () => (await stored(request, key)).map((r) => r.event.event || r.event.type).sort()).toEqual(['onHostilePage', 'page', 'page'])
    expect(errors).toEqual([])
  })

  test('navigator.sendBeacon that throws: the unload send falls back to keepalive fetch', async ({ page, request }, info) => {
    const key = keyFor(info)
    const { errors } = watch(page)
    await open(page, key, 'beacon')
    await waitForEvents(request, key, 1)
    await page.evaluate(() => {
      pixel.track('rightBeforeLeaving')
      document.getElementById('away')!.click()
    })
    await page.waitForURL('**/plain.html')
    await waitForEvents(request, key, 2)
    expect(errors).toEqual([])
  })

  // each page breaks something and tracks a list: the event arrives whole, and the page sees no error
  for (const [c, cookie, title] of [
    ['storage-full', 'false', 'storage-full: tracked, no error in the page'],
    ['cookies', 'true', 'cookies: tracked, no error in the page'],
    ['frozen', 'false', 'frozen: tracked, no error in the page'],
    ['to-json', 'false', 'Array.prototype.toJSON (old Prototype.js): lists still arrive as lists'],
    ['navigation', 'false', 'window.navigation replaced by a global of the page (no Navigation API): tracked, no error in the page'],
  ])
    test(title, async ({ page, request }, info) => {
      const key = keyFor(info)
      const { errors } = watch(page)
      await open(page, key, c, cookie)
      await page.waitForFunction(() => !!pixel.version)
      await track(page)
      const list = await waitForEvents(request, key, 2)
      expect(list[1].event.properties).toEqual({ list: [1, 2], n: 1 })
      expect(errors).toEqual([])
    })

  test('ids kept under pixel\'s keys that a collector refuses (blank, too long): a new anonymousId is made, the userId is not sent, and every event arrives', async ({ page, request }, info) => {
    const key = keyFor(info)
    const { errors } = watch(page)
    await open(page, key, 'damaged-ids')
    await page.waitForFunction(() => !!pixel.version)
    await track(page)
    const list = await waitForEvents(request, key, 2)
    const aid = list[0].event.anonymousId
    expect(aid).toMatch(UUID4)
    for (const r of list) expect(r.event.anonymousId).toBe(aid), expect('userId' in r.event).toBe(false)
    expect(await page.evaluate(() => localStorage.getItem('pixel.aid'))).toBe(aid)
    expect(errors).toEqual([])
  })

  test('an enumerable property added to Object.prototype (prototype pollution): tracked by POST and by GET, nothing inherited is sent or joins the API', async ({ page, request }, info) => {
    const key = keyFor(info)
    const { errors, warnings } = watch(page)
    await open(page, key, 'polluted')
    await page.waitForFunction(() => !!pixel.version)
    await track(page)
    const [, posted] = await waitForEvents(request, key, 2)
    expect(posted.event.properties).toEqual({ list: [1, 2], n: 1 })
    // the GET encoder walks the properties' keys to flatten them
    await page.evaluate(() => {
      pixel.init({ transport: 'get' })
      pixel.track('byGet', { nested: { a: 1 } })
    })
    const [got] = await waitForEvents(request, key, 1, 'rudderstack-pixel')
    expect(got.event.properties).toEqual({ nested: { a: '1' } })
    expect(JSON.stringify(await stored(request, key))).not.toContain('inheritedJunk')
    expect(await page.evaluate(() => Object.keys(pixel).sort())).toEqual(['consent', 'debug', 'flush', 'identify', 'init', 'page', 'reset', 'set', 'track', 'version'])
    expect(warnings).toEqual([])
    expect(errors).toEqual([])
  })

  test('a broken JSON.stringify: no error reaches the page; pixel degrades with one message per call', async ({ page, request }, info) => {
    const key = keyFor(info)
    const { errors, warnings } = watch(page)
    await open(page, key, 'json')
    await page.waitForFunction(() => !!pixel.version)
    await page.evaluate(() => pixel.track('cannotBeSerialized'))
    await expect.poll(() => warnings.some((w) => /^\[pixel\] track\(\) failed: .*cannot stringify/.test(w))).toBe(true)
    expect(errors).toEqual([])
    expect(await stored(request, key)).toEqual([])
  })

  test('window.pixel taken by the page: pixel stays out of its way, with one message', async ({ page, request }, info) => {
    const key = keyFor(info)
    const { errors, warnings } = watch(page)
    await open(page, key, 'taken')
    await expect.poll(() => warnings).toContain('[pixel] window.pixel is taken: not installed')
    expect(await page.evaluate(() => (window as any).pixel)).toEqual({ mine: true })
    expect(await stored(request, key)).toEqual([])
    expect(errors).toEqual([])
  })

  test('an element of id "pixel" (window.pixel by named access) is no API of the page: pixel installs over it, and tracks', async ({ page, request }, info) => {
    const key = keyFor(info)
    const { errors, warnings } = watch(page)
    await open(page, key, 'named')
    await page.waitForFunction(() => !!pixel.version)
    await track(page)
    const list = await waitForEvents(request, key, 2)
    expect(list.map((r) => r.event.event || r.event.type)).toEqual(['page', 'onHostilePage'])
    // the element is left as it was (nothing written on it)
    expect(await page.evaluate(() => Object.keys(document.getElementById('pixel')!))).toEqual([])
    expect(warnings.filter((w) => /taken/.test(w))).toEqual([])
    expect(errors).toEqual([])
  })

  test('in a sandboxed iframe (no storage, no same origin): tracked, no error', async ({ page, request }, info) => {
    const key = keyFor(info)
    const { errors } = watch(page)
    await page.goto('/fixtures/plain.html')
    await page.evaluate((src) => {
      const f = document.createElement('iframe')
      f.setAttribute('sandbox', 'allow-scripts')
      f.src = src
      document.body.append(f)
    }, `/fixtures/tag.html?wk=${key}`)
    await waitForEvents(request, key, 1)
    expect(errors).toEqual([])
  })

  test('pixel adds no global but window.pixel, with its plugins loaded and used', async ({ page, request }, info) => {
    const key = keyFor(info)
    const globals = () => page.evaluate(() => Object.getOwnPropertyNames(window))
    await page.goto('/fixtures/plain.html')
    const before = new Set(await globals())
    await page.goto(`/fixtures/triggers.html?wk=${key}&auto=pageview,markup,scroll,utm-clicks,vitals&config=/fixtures/events.json&port=0`)
    await page.waitForFunction(() => !!pixel.version)
    await page.evaluate(() => (pixel.identify('u', { plan: 'pro' }), pixel.track('x', { d: new Date(0) }), pixel.consent(true), pixel.flush()))
    await expect.poll(async () => (await stored(request, key)).some((r) => r.event.event == 'x')).toBe(true)
    expect((await globals()).filter((k) => !before.has(k))).toEqual(['pixel'])
  })
})

import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { keyFor, stored, waitForEvents, watchErrors } from './helpers'

test("the npm package's ES module works in a page: createPixel() sends the page view and events; a second call returns the same pixel", async ({ page, request }, info) => {
  const key = keyFor(info)
  const errors: string[] = []
  const warnings: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()))
  await page.goto(`/fixtures/esm.html?wk=${key}`)
  await page.evaluate(() => (window as any).app.track('sentinel'))
  const list = await waitForEvents(request, key, 3)
  expect(list.map((r) => r.event.event || r.event.type).sort()).toEqual(['fromModule', 'page', 'sentinel'])
  expect(await page.evaluate(() => (window as any).again)).toBe(true)
  expect(await stored(request, 'another')).toEqual([])
  await expect.poll(() => warnings.filter((w) => /createPixel\(\) was called before/.test(w))).toHaveLength(1)
  expect(errors).toEqual([])
})

for (const [fixture, said, events] of [
  ['tag-then-module', /a pixel already runs on this page \(pixel\.js\?\): createPixel\(\) returns it, without these options/, ['page', 'fromModule', 'clicked', 'command']],
  ['module-then-tag', /loaded twice: this copy is off/, ['page', 'fromModule', 'fromTag', 'clicked', 'command']],
] as const)
  test(`a page with the npm package and a tag (${fixture}) runs one pixel: each page view and click is sent once`, async ({ page, request }, info) => {
    const key = keyFor(info)
    const warnings: string[] = []
    page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()))
    const loaded = new Promise((done) => page.on('response', (r) => r.url().endsWith('/pixel.js') && r.finished().then(done)))
    await page.goto(`/fixtures/${fixture}.html?wk=${key}`)
    await page.waitForFunction(() => (window as any).app)
    await loaded
    await expect.poll(() => warnings.some((w) => said.test(w))).toBe(true)
    await page.click('button')
    await page.evaluate(() => (window as any).pixel('track', 'command'))
    await page.evaluate(() => (window as any).pixel.track('sentinel'))
    // (was: two pixels, each sending the page view and the click)
    const list = await waitForEvents(request, key, events.length + 1)
    expect(list.map((r) => r.event.event || r.event.type)).toEqual([...events, 'sentinel'])
    if (fixture == 'tag-then-module') expect(await page.evaluate(() => (window as any).same)).toBe(true)
  })

test("the npm package's ES module loads a plugin only where the page needs it, as pixel.js does: none on a plain page; the identity plugin on a landing with a campaign", async ({ page, request }, info) => {
  const key = keyFor(info)
  const plugins: string[] = []
  page.on('request', (r) => {
    const m = /\/esm\/(\w+)-\w+\.mjs$/.exec(new URL(r.url()).pathname)
    if (m && m[1] != 'chunk') plugins.push(m[1])
  })
  // a page with no query (most pages of a site)
  await page.goto(`/fixtures/esm.html#${key}`)
  await waitForEvents(request, key, 2)
  await page.evaluate(() => (window as any).app.flush())
  expect(plugins).toEqual([])
  await page.goto(`/fixtures/esm.html?wk=${key}&utm_source=news&utm_campaign=xmas`)
  const list = await waitForEvents(request, key, 4)
  // (the browser's report of a request may reach the test after the collector has stored its events)
  await expect.poll(() => plugins).toEqual(['identity'])
  expect(list[2].event.type).toBe('page')
  expect(list[2].event.context.campaign).toMatchObject({ source: 'news', name: 'xmas' })
})

test('pixel.js with the integrity the build prints loads and tracks; with another, the browser refuses it', async ({ page, request }, info) => {
  const key = keyFor(info)
  const sri = readFileSync('dist/pixel.js.sri', 'utf8').trim()
  await page.goto(`/fixtures/sri.html?wk=${key}&sri=${encodeURIComponent(sri)}`)
  await waitForEvents(request, key, 1)
  const refused = page.waitForEvent('console', (m) => m.type() == 'error' && /integrity/i.test(m.text()))
  await page.goto(`/fixtures/sri.html?wk=${key}x&sri=${encodeURIComponent('sha384-' + 'A'.repeat(64))}`)
  await refused
  expect(await stored(request, key + 'x')).toEqual([])
})

test("the plugins with the integrity the build's import map gives: each plugin a page asks for is in it, and loads; with another hash, the browser refuses it and pixel goes on without it", async ({ page, request }, info) => {
  const key = keyFor(info)
  const map = JSON.parse(readFileSync('dist/importmap.html', 'utf8').replace(/<\/?script[^>]*>/g, '')).integrity as Record<string, string>
  const version = JSON.parse(readFileSync('package.json', 'utf8')).version
  const asked: string[] = []
  page.on('request', (r) => /\/pixel\.\w+\.js/.test(r.url()) && asked.push(r.url()))
  const errors: string[] = []
  watchErrors(page, errors)
  await page.goto(`/fixtures/integrity.html?wk=${key}&utm_source=news&token=t0p`)
  await waitForEvents(request, key, 1)
  // a Date needs the json plugin
  await page.evaluate(() => (window as any).pixel.track('dated', { at: new Date(0) }))
  const [view, dated] = await waitForEvents(request, key, 2)
  expect(view.event.context.campaign).toEqual({ source: 'news' })
  expect(view.event.context.page.url).toMatch(/\/integrity\.html\?wk=\w+&utm_source=news$/)
  expect(dated.event.properties).toEqual({ at: '1970-01-01T00:00:00.000Z' })
  const keys = Object.keys(map).map((k) => new URL(k, page.url()).href)
  expect(asked.length).toBeGreaterThanOrEqual(2)
  for (const u of asked) expect(keys).toContain(u)
  expect(errors.filter((e) => /integrity|pixel/i.test(e))).toEqual([])

  // the same page, its identity plugin held to the build's hash, then to another
  const one = (k: string, sri: string) => `/fixtures/integrity-one.html?wk=${k}&v=${version}&utm_source=news&sri=${encodeURIComponent(sri)}`
  await page.goto(one(key + 'a', map[`/pixel.identity.js?v=${version}`]))
  expect((await waitForEvents(request, key + 'a', 1))[0].event.context.campaign).toEqual({ source: 'news' })
  const warnings: string[] = []
  page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()))
  await page.goto(one(key + 'b', 'sha384-' + 'A'.repeat(64)))
  const [bare] = await waitForEvents(request, key + 'b', 1)
  // refused by the browser: the page view goes without the plugin, its URL without query
  await expect.poll(() => errors.some((e) => /integrity.*pixel\.identity\.js/.test(e))).toBe(true)
  await expect.poll(() => warnings.some((w) => /^\[pixel\] plugin identity did not load/.test(w))).toBe(true)
  expect(bare.event.context.campaign).toBeUndefined()
  expect(bare.event.context.page.url).toMatch(/\/integrity-one\.html$/)
})

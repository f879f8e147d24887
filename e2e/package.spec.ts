import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { keyFor, stored, waitForEvents } from './helpers'

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

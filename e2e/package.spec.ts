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
  expect(warnings.filter((w) => /createPixel\(\) was called before/.test(w))).toHaveLength(1)
  expect(errors).toEqual([])
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

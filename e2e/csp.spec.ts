import { expect, test } from '@playwright/test'
import { keyFor, waitForEvents } from './helpers'
import { PORT } from '../playwright.config'

declare const pixel: any

// Both pages are served with a strict Content-Security-Policy header (see the csp comment in each
// fixture): default-src 'none', connect-src and img-src limited to the collector's origin, and
// Trusted Types enforced (require-trusted-types-for 'script'): the stub's policy is the one the
// page allows, the script tag needs none ('none').
for (const [fixture, policy] of [
  ['csp-nonce', "script-src 'nonce-…' 'strict-dynamic' and trusted-types pixel (the stub inline, by nonce)"],
  ['csp-self', "script-src 'self' and trusted-types 'none' (a script tag)"],
] as const) {
  for (const transport of ['post', 'get'] as const) {
    test(`under ${policy}, ${transport}: events arrive, plugins load, messages print, no violation`, async ({ page, request }, info) => {
      const key = keyFor(info)
      const warnings: string[] = []
      const errors: string[] = []
      page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()))
      page.on('pageerror', (e) => errors.push(e.message))
      const res = await page.goto(`/fixtures/${fixture}.html?wk=${key}&transport=${transport}`)
      expect(res!.headers()['content-security-policy']).toContain("default-src 'none'")
      expect(res!.headers()['content-security-policy']).toContain("require-trusted-types-for 'script'")
      await page.waitForFunction(() => typeof pixel == 'function' && pixel.version)
      await page.evaluate(() => {
        pixel.track('afterLoad', { ok: true })
        pixel.track('') // a warning: the messages plugin is imported under the policy
      })
      const n = fixture == 'csp-nonce' ? 3 : 2
      const list = await waitForEvents(request, key, n, transport == 'get' ? 'rudderstack-pixel' : 'native')
      expect(list.map((r) => r.event.event || r.event.type)).toContain('afterLoad')
      await expect.poll(() => warnings).toContain('[pixel] track() event name must be a non-empty string of at most 200 characters')
      expect(await page.evaluate(() => (window as any).violations || [])).toEqual([])
      expect(errors).toEqual([])
    })
  }
}

test("the stub allowed by its hash, computed as the README says: events arrive, no violation", async ({ page, request }, info) => {
  const key = keyFor(info)
  const html = await (await request.get(`/fixtures/csp-hash.html?wk=${key}`)).text()
  // the README's recipe: SHA-256 of the inline script's exact text, newlines included
  const { createHash } = await import('node:crypto')
  const stub = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)][0][1]
  const hash = createHash('sha256').update(stub).digest('base64')
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`/fixtures/csp-hash.html?wk=${key}&hash=${encodeURIComponent(hash)}`)
  await waitForEvents(request, key, 1)
  expect(await page.evaluate(() => (window as any).violations || [])).toEqual([])
  expect(errors).toEqual([])
})

test('a stub whose hash is not allowed is blocked, and reported (the hash check is real)', async ({ page, request }, info) => {
  const key = keyFor(info)
  await page.goto(`/fixtures/csp-hash.html?wk=${key}&hash=${encodeURIComponent('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')}`)
  await expect.poll(() => page.evaluate(() => ((window as any).violations || []).length)).toBeGreaterThan(0)
  expect((await request.get(`/events?writeKey=${key}`)).ok()).toBe(true)
  expect(await (await request.get(`/events?writeKey=${key}`)).json()).toEqual([])
})

test("Trusted Types enforced without the policy name 'pixel': the stub says so in one line, throws nothing, and the page's script runs on", async ({ page, request }, info) => {
  const key = keyFor(info)
  const warnings: string[] = []
  const errors: string[] = []
  page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()))
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`/fixtures/csp-tt-denied.html?wk=${key}`)
  expect(await page.evaluate(() => (window as any).after)).toBe(true)
  await expect.poll(() => warnings.length).toBe(1)
  expect(warnings[0]).toMatch(/^\[pixel\] not loaded .*pixel/)
  // the browser reports its refusal of the policy name; pixel.js was never asked for
  await expect.poll(() => page.evaluate(() => (window as any).violations)).toEqual(['trusted-types'])
  expect(await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => /pixel/.test(r.name)).length)).toBe(0)
  expect(errors).toEqual([])
  // the calls stay queued, harmlessly
  expect(await page.evaluate(() => (window as any).pixel.q.length)).toBe(2)
  expect(await (await request.get(`/events?writeKey=${key}`)).json()).toEqual([])
})

test('under Cross-Origin-Embedder-Policy: require-corp, pixel.js from another origin by a plain script tag runs, and its GET pixels are delivered, not blocked and sent again', async ({ page, request }, info) => {
  const key = keyFor(info)
  const finished: string[] = []
  const failed: string[] = []
  page.on('requestfinished', (r) => /\/pixel\/v1\//.test(r.url()) && finished.push(new URL(r.url()).pathname))
  page.on('requestfailed', (r) => failed.push(`${new URL(r.url()).pathname} ${r.failure()!.errorText}`))
  const res = await page.goto(`/fixtures/coep.html?wk=${key}&port=${PORT}&transport=get`)
  expect(res!.headers()['cross-origin-embedder-policy']).toBe('require-corp')
  await page.waitForFunction(() => typeof pixel == 'function' && pixel.version)
  await page.evaluate(() => pixel.track('underCoep'))
  const list = await waitForEvents(request, key, 2, 'rudderstack-pixel')
  expect(list.map((r) => r.event.event || r.event.type)).toEqual(['page', 'underCoep'])
  // the page took each answer (an image the policy blocked would fail, and be sent again)
  await expect.poll(() => finished.sort()).toEqual(['/pixel/v1/page', '/pixel/v1/track'])
  expect(failed).toEqual([])
})

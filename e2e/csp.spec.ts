import { expect, test } from '@playwright/test'
import { keyFor, waitForEvents } from './helpers'

declare const pixel: any

// Both pages are served with a strict Content-Security-Policy header (see the csp comment in each
// fixture): default-src 'none', connect-src and img-src limited to the collector's origin.
for (const [fixture, policy] of [
  ['csp-nonce', "script-src 'nonce-…' 'strict-dynamic' (the stub inline, by nonce)"],
  ['csp-self', "script-src 'self' (a script tag)"],
] as const) {
  for (const transport of ['post', 'get'] as const) {
    test(`under ${policy}, ${transport}: events arrive, plugins load, messages print, no violation`, async ({ page, request }, info) => {
      const key = keyFor(info)
      const warnings: string[] = []
      const errors: string[] = []
      page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()))
      page.on('pageerror', (e) => errors.push(e.message))
      const res = await page.goto(`/fixtures/${fixture}.html?key=${key}&transport=${transport}`)
      expect(res!.headers()['content-security-policy']).toContain("default-src 'none'")
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

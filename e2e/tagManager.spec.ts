import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { keyFor, waitForEvents } from './helpers'

declare const pixel: any

/** Inserts a Custom HTML tag as tag managers do: after load, each script element re-created (so it runs), attributes not kept. */
const inject = (page: Page, html: string) =>
  page.evaluate((html) => {
    const t = document.createElement('template')
    t.innerHTML = html
    for (const node of Array.from(t.content.childNodes)) {
      if (node.nodeName != 'SCRIPT') document.body.appendChild(node)
      else {
        const s = document.createElement('script')
        s.text = node.textContent || ''
        document.body.appendChild(s)
      }
    }
  }, html)

test('the Custom HTML tag, injected after load by a tag manager, tracks with the config from init()', async ({ page, request, baseURL }, info) => {
  const key = keyFor(info)
  const tag = readFileSync('dist/tag-manager.html', 'utf8')
    .replace('YOUR_WRITE_KEY', key)
    .replace('https://YOUR-COLLECTOR', baseURL!)
    .replace('</script>', "pixel('track', 'fromTagManager', { via: 'gtm' })\n</script>")
  await page.goto('/fixtures/plain.html')
  await page.waitForLoadState('load')
  // the page has another vendor's tracking image, of id "pixel": window.pixel is that element, by named access
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('img'), { id: 'pixel', alt: '' })))
  await inject(page, tag)
  const list = await waitForEvents(request, key, 2)
  expect(list.map((r) => r.event.event || r.event.type).sort()).toEqual(['fromTagManager', 'page'])
  expect(list.find((r) => r.event.event == 'fromTagManager')!.event.properties).toEqual({ via: 'gtm' })
  // the script element the stub inserted carries no data-* configuration: it all came from init()
  expect(await page.evaluate(() => Object.keys((document.querySelector('script[src$="/pixel.js"]') as HTMLScriptElement).dataset))).toEqual([])
  // the tag fired a second time (a tag manager re-running it): no second pixel, no second page view
  await inject(page, tag)
  await page.evaluate(() => pixel.flush())
  const after = await waitForEvents(request, key, 3)
  expect(after.filter((r) => r.event.type == 'page')).toHaveLength(1)
  expect(after.filter((r) => r.event.event == 'fromTagManager')).toHaveLength(2)
})

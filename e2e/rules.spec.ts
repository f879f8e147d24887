import { expect, test } from '@playwright/test'
import { keyFor, trackAsPluginsCome, waitForEvents, watchPlugin } from './helpers'

declare const pixel: any

test.describe('seed 004 rules on the client', () => {
  for (const auto of ['', 'none', 'empty'])
    test(`a reloaded confirmation page sends its orderId once; a rate-limited event once per period, across reloads${auto && ' (auto: ' + auto + ')'}`, async ({ page, request }, info) => {
      const key = keyFor(info)
      // with auto: none, no page view is sent by itself
      const pages = auto ? [] : ['page']
      const t0 = Date.now()
      await page.clock.install({ time: t0 })
      await page.goto(`/fixtures/rules.html?wk=${key}&auto=${auto}`)
      await waitForEvents(request, key, 2 + pages.length)
      await page.reload()
      await page.waitForFunction(() => typeof pixel == 'function' && !!pixel.version)
      // the page view of the reload arrives; the purchase and the email open do not
      await page.evaluate(() => pixel.track('sentinel'))
      let list = await waitForEvents(request, key, 3 + 2 * pages.length)
      // (the events of queued calls follow the automatic page view: see README, Decisions)
      expect(list.map((r) => r.event.event || r.event.type)).toEqual([...pages, 'completesPurchase', 'emailOpen', ...pages, 'sentinel'])
      // 21 minutes later, in a new page: the email open counts again, the order still does not
      await page.clock.setSystemTime(t0 + 21 * 60_000)
      await page.reload()
      await page.waitForFunction(() => typeof pixel == 'function' && !!pixel.version)
      await page.evaluate(() => pixel.track('sentinel'))
      list = await waitForEvents(request, key, 5 + 3 * pages.length)
      expect(list.slice(3 + 2 * pages.length).map((r) => r.event.event || r.event.type)).toEqual([...pages, 'emailOpen', 'sentinel'])
      // the client held them back: the collector, which applies the same rules, discarded none
      const all = await (await request.get(`/events?meta=1&discarded=1&writeKey=${key}`)).json()
      expect(all.filter((r: { discarded?: string }) => r.discarded)).toEqual([])
    })

  test('update and login events update the traits like identify', async ({ page, request }, info) => {
    const key = keyFor(info)
    const rules = watchPlugin(page, 'rules')
    await page.goto(`/fixtures/tag.html?wk=${key}`)
    await page.waitForFunction(() => typeof pixel == 'function' && !!pixel.version)
    await waitForEvents(request, key, 1)
    // a page whose calls the rules do not concern never loads them
    expect(rules).toEqual([])
    await page.evaluate(() => {
      pixel.track('login', { email: 'jill@example.com' })
      pixel.track('update', { plan: 'pro' })
      pixel.track('next')
    })
    const list = await waitForEvents(request, key, 4)
    expect(list[3].event.context.traits).toEqual({ email: 'jill@example.com', plan: 'pro' })
    expect(list.map((r) => r.event.event || r.event.type)).toEqual(['page', 'login', 'update', 'next'])
  })

  test('a purchase tracked as the page is left, while pixel.rules.js is on its way, goes without it; the collector keeps its orderId once', async ({ page, request, baseURL }, info) => {
    const key = keyFor(info)
    const rules = watchPlugin(page, 'rules')
    const list = await trackAsPluginsCome(page, request, key, baseURL!, [['completesPurchase', { orderId: 'L-1' }], ['afterPurchase']])
    // asked for, not in when the page went: the calls ran without it, in order
    expect(rules).toEqual(['asked'])
    expect(list.map((r) => r.event.event || r.event.type)).toEqual(['page', 'completesPurchase', 'afterPurchase'])
    expect(list[1].event.properties).toEqual({ orderId: 'L-1' })
    // the same order sent again from a page that has the rules: the collector discards it
    await page.goto(`/fixtures/tag.html?wk=${key}`)
    await page.evaluate(() => pixel.track('completesPurchase', { orderId: 'L-1' }))
    await expect.poll(async () => (await (await request.get(`/events?meta=1&discarded=1&writeKey=${key}`)).json()).filter((r: { discarded?: string }) => r.discarded).length).toBe(1)
  })
})

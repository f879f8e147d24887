import { expect, test, type Page } from '@playwright/test'
import { keyFor, setFaults, stored, waitForEvents, watchCsp, watchErrors } from './helpers'
import { HUMAN } from './human'
declare const pixel: any

/** The vendor requests the page sends: path, body and the key headers. */
function vendorWire(page: Page) {
  const sent: { path: string; body: any; headers: Record<string, string> }[] = []
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname
    if (r.method() == 'POST' && /^\/(partner|api\/analytics|event$)/.test(path)) sent.push({ path, body: JSON.parse(r.postData() || 'null'), headers: r.headers() })
  })
  return sent
}

test.describe('wire formats, end to end', () => {
  test('Envoy gift flow: the subscriber’s events carry userId, the friend’s sharerUserId and never userId; the demo runs under its strict CSP', async ({ browser, request }, info) => {
    const key = keyFor(info)
    // the subscriber, in their browser: the gift page of the demo, reached from an email link
    const subscriber = await (await browser.newContext({ userAgent: HUMAN })).newPage()
    const subscriberWire = vendorWire(subscriber)
    const subscriberCsp = await watchCsp(subscriber)
    // what a site owner watching the browser's console sees: no error, from pixel or the demo
    const errors: string[] = []
    watchErrors(subscriber, errors)
    await subscriber.goto(`/gift.html?wk=${key}&userId=12`)
    await subscriber.click('#gift')
    // one request per event, sent together: they may arrive in any order
    const before = (await waitForEvents(request, key, 3, 'envoy')).map((r) => r.event).sort((a, b) => a.eventName.localeCompare(b.eventName))
    expect(before).toEqual([
      { eventName: 'clickGenerateShareLink', userId: '12', extra: {} },
      { eventName: 'loadGiftButton', userId: '12', extra: {} },
      { eventName: 'viewGiftButton', userId: '12', extra: { campaign: 'christmas' } },
    ])
    // (the browser's report of a request may reach the test after the collector has stored its events)
    await expect.poll(() => subscriberWire.length).toBeGreaterThanOrEqual(3)
    expect(subscriberWire.every((w) => w.path == '/partner/pixel-event' && w.headers['x-api-key'] == key)).toBe(true)

    // the friend, in another browser, follows the share link through sign-up to purchase
    const friend = await (await browser.newContext({ userAgent: HUMAN })).newPage()
    const friendWire = vendorWire(friend)
    const friendCsp = await watchCsp(friend)
    watchErrors(friend, errors)
    await friend.goto(await subscriber.getAttribute('#share-link', 'href').then((h) => h!))
    await friend.click('#next') // startSignUpJourney
    await friend.waitForURL('**/signup.html*')
    await friend.click('#next') // identify(friend) + completeSignUpJourney
    await friend.waitForURL('**/trial.html*')
    await friend.click('#next') // startFreeTrial
    await friend.waitForURL('**/purchase.html*')
    await friend.click('#buy') // completesPurchase
    const all = await waitForEvents(request, key, 7, 'envoy')
    const after = all.slice(3).map((r) => r.event)
    expect(after.map((e) => e.eventName).sort()).toEqual(['completeSignUpJourney', 'completesPurchase', 'startFreeTrial', 'startSignUpJourney'])
    for (const e of after) {
      expect(e.sharerUserId).toBe('12')
      expect(e).not.toHaveProperty('userId')
    }
    // what left the friend's browser: the same (an event in flight at a navigation is sent again
    // by the next page, and stored once), and no page view or identify went to Envoy
    await expect.poll(() => [...new Set(friendWire.map((w) => w.body.eventName))].sort()).toEqual(after.map((e) => e.eventName).sort())
    expect(friendWire.some((w) => 'userId' in w.body)).toBe(false)
    // every page of the flow was served under the README's strict policy (a nonce for the stub
    // and the demo's scripts, 'strict-dynamic' for pixel.js and its plugins, Trusted Types with
    // the stub's policy alone), and none reported a violation
    for (const csp of [subscriberCsp, friendCsp]) {
      expect(csp.policies.length).toBeGreaterThan(0)
      for (const p of csp.policies)
        expect(p).toMatch(/^default-src 'none'; script-src 'nonce-[^']+' 'strict-dynamic'; style-src 'self'; connect-src 'self'; img-src 'self'; require-trusted-types-for 'script'; trusted-types pixel$/)
      expect(csp.violations).toEqual([])
    }
    expect(errors).toEqual([])
    // (control: an image from another origin is refused, before any request, and reported)
    await friend.evaluate(() => {
      document.body.appendChild(document.createElement('img')).src = 'http://127.0.0.2/x.png'
    })
    await expect.poll(() => friendCsp.violations).toEqual(['img-src http://127.0.0.2/x.png on /purchase.html'])
  })

  test('the demo’s home and plans pages: each button sends its own event, and nothing else; no console error', async ({ browser, request }, info) => {
    const key = keyFor(info)
    const page = await (await browser.newContext({ userAgent: HUMAN })).newPage()
    const errors: string[] = []
    watchErrors(page, errors)
    await page.goto(`/?wk=${key}`)
    await page.click('button')
    await waitForEvents(request, key, 2)
    // (the demo's links keep the page's write key)
    await page.click('nav a:has-text("Plans")')
    await page.waitForURL('**/second.html*')
    await page.click('button')
    const list = await waitForEvents(request, key, 4)
    expect(list.map((r) => r.event.event || r.event.type)).toEqual(['page', 'viewGiftButton', 'page', 'startFreeTrial'])
    expect(list[1].event.properties).toEqual({ campaign: 'christmas' })
    expect(errors).toEqual([])
  })

  test('the demo’s panel shows the events as they arrive, without a reload, grouped by destination format, each with the payload the collector stored', async ({ browser, request }, info) => {
    const key = keyFor(info)
    const page = await (await browser.newContext({ userAgent: HUMAN })).newPage()
    const errors: string[] = []
    watchErrors(page, errors)
    const csp = await watchCsp(page)
    const group = (format: string) => page.locator(`#inspector .group[data-format="${format}"]`)
    /** What a group shows: its heading, and each row's event and payload, as the page has them. */
    const shown = (format: string) =>
      group(format).evaluate((g) => ({
        heading: g.querySelector('h3')!.textContent,
        rows: [...g.querySelectorAll('tbody tr')].map((tr) => ({ event: tr.children[1].textContent, payload: JSON.parse(tr.querySelector('pre')!.textContent!) })),
      }))
    // the gift page, from the email's link (userId=12): its identify and page view, and
    // loadGiftButton as it loads, to both of its destinations (Envoy takes the track alone)
    await page.goto(`/gift.html?wk=${key}&userId=12`)
    await expect(group('envoy').locator('tbody tr')).toHaveCount(1)
    await expect(group('native').locator('tbody tr')).toHaveCount(3)
    // the button's two events appear in both groups, the page left as it is
    await page.click('#gift')
    await expect(group('envoy').locator('tbody tr')).toHaveCount(3)
    await expect(group('native').locator('tbody tr')).toHaveCount(5)
    expect(await page.locator('#inspector .group h3').evaluateAll((hs) => hs.map((h) => h.firstChild!.textContent))).toEqual(['envoy', 'native'])
    for (const [format, described] of [
      ['envoy', "Envoy's Pixel API, POST /partner/pixel-event"],
      ['native', 'RudderStack/Segment batch, POST /v1/batch'],
    ]) {
      const { heading, rows } = await shown(format)
      const list = await stored(request, key, format)
      expect(heading).toBe(`${format} · ${described} · ${list.length} events`)
      // newest first: the collector's order, reversed (an Envoy request per event: any order)
      expect(rows.map((r) => r.payload)).toEqual(list.map((r) => r.event).reverse())
      expect(rows.map((r) => r.event)).toEqual(list.map((r) => (format == 'envoy' ? r.event.eventName : `${r.event.type} ${r.event.event || ''}`.trim())).reverse())
    }
    expect((await shown('native')).rows.slice(0, 2).map((r) => r.event)).toEqual(['track clickGenerateShareLink', 'track viewGiftButton'])
    expect(await page.locator('#inspector h2 span').textContent()).toBe('(8)')
    expect(csp.violations).toEqual([])
    expect(errors).toEqual([])
  })

  test('ConveYour: identify with tags and $inc, then a track for the same contact; an event from before identify joins it', async ({ page, request }, info) => {
    const key = keyFor(info)
    const appKey = key + '-cy'
    const wire = vendorWire(page)
    await page.goto(`/fixtures/vendors.html?wk=${key}`)
    await page.evaluate((id) => {
      pixel.track('viewed_offer', { offer: 'spring' })
      pixel.identify(id, { first_name: 'Stephen', tags: { add: ['tag1', 'tag2'] }, counter: { $inc: 2 } })
      pixel.track('made_sale', { amount: 1000, customer: 'John Doe' })
    }, 'c-' + key)
    // the identify, then the two events (the page view was held too: it has no contact either)
    const first = await waitForEvents(request, appKey, 4, 'conveyour')
    expect(first[0].event).toEqual({ id: 'c-' + key, traits: { first_name: 'Stephen', tags: { add: ['tag1', 'tag2'] }, counter: { $inc: 2 } } })
    expect(first.slice(1).map((r) => r.event.event).sort()).toEqual(['made_sale', 'page_view', 'viewed_offer'])
    for (const r of first.slice(1)) expect(r.event.id).toBe('c-' + key)
    await page.evaluate((id) => pixel.identify(id, { tags: { remove: ['tag1'] }, counter: { $inc: 1 } }), 'c-' + key)
    await waitForEvents(request, appKey, 5, 'conveyour')
    expect(await (await request.get(`/contacts?format=conveyour&key=${appKey}&id=c-${key}`)).json()).toEqual({ first_name: 'Stephen', tags: ['tag2'], counter: 3 })
    // the wire: identify before any track, events of the contact together, the keys in headers
    await expect.poll(() => wire.filter((w) => w.path.startsWith('/api/')).length).toBeGreaterThanOrEqual(3)
    const paths = wire.filter((w) => w.path.startsWith('/api/')).map((w) => w.path)
    expect(paths[0]).toBe('/api/analytics/identify')
    expect(wire.find((w) => w.path == '/api/analytics/track')!.headers).toMatchObject({ 'x-conveyour-appkey': appKey, 'x-conveyour-token': 'token' })
  })

  test('events API (seed 004): an update, then a generic event of the now known user', async ({ page, request }, info) => {
    const key = keyFor(info)
    const email = `${key}@example.com`.toLowerCase()
    await page.goto(`/fixtures/vendors.html?wk=${key}`)
    await page.evaluate((email) => {
      pixel.identify({ email, firstname: 'alexandru' })
      pixel.track('my_event', { firstname: 'alexandru' })
    }, email)
    const mine = async () => (await stored(request, '', 'eventapi')).filter((r) => r.event.user.email == email).map((r) => r.event.event)
    await expect.poll(async () => (await mine()).length).toBe(3)
    const events = await mine()
    expect(events[0]).toEqual({ update: { email, firstname: 'alexandru' } })
    expect(events.slice(1)).toContainEqual({ generic: { generic: { event_name: 'my_event', firstname: 'alexandru' } } })
    expect(events.slice(1).map((e) => e.generic.generic.event_name).sort()).toEqual(['my_event', 'page_view'])
  })

  test('one destination down: the others keep receiving, and it gets everything once it is back', async ({ page, request }, info) => {
    const key = keyFor(info)
    await setFaults(request, key + '-envoy', { downFor: 60_000 })
    await page.goto(`/fixtures/vendors.html?wk=${key}`)
    await page.evaluate(() => {
      pixel.identify('12')
      for (let i = 0; i < 3; i++) pixel.track('loadGiftButton', { i })
    })
    // native has all 5 (page, identify, 3 tracks) while Envoy is down
    await waitForEvents(request, key, 5, 'native')
    expect(await stored(request, key + '-envoy', 'envoy')).toEqual([])
    await setFaults(request, key + '-envoy')
    // its queue may be backed off for some seconds by now: a flush sends what waits, backoff or not
    await page.evaluate(() => pixel.flush())
    const envoy = await waitForEvents(request, key + '-envoy', 3, 'envoy', 20_000)
    // (Envoy takes one request per event, and the three go at once: they may be stored in any order)
    envoy.sort((x, y) => x.event.extra.i - y.event.extra.i)
    expect(envoy.map((r) => [r.event.eventName, r.event.userId, r.event.extra.i])).toEqual([
      ['loadGiftButton', '12', 0],
      ['loadGiftButton', '12', 1],
      ['loadGiftButton', '12', 2],
    ])
  })

  test('a track right before navigating away reaches every destination', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/vendors.html?wk=${key}`)
    await page.evaluate(() => pixel.identify('u-1', { email: 'leaving@example.com' }))
    await waitForEvents(request, key, 2, 'native')
    await expect.poll(async () => (await stored(request, key + '-cy', 'conveyour')).length).toBeGreaterThanOrEqual(1)
    await page.evaluate(() => {
      pixel.track('completesPurchase', { orderId: 'o-' + Math.random() })
      document.getElementById('away')!.click()
    })
    await page.waitForURL('**/plain.html')
    await waitForEvents(request, key, 3, 'native')
    await expect.poll(async () => (await stored(request, key + '-envoy', 'envoy')).map((r) => r.event.eventName)).toEqual(['completesPurchase'])
    await expect.poll(async () => (await stored(request, key + '-cy', 'conveyour')).some((r) => r.event.event == 'completesPurchase')).toBe(true)
  })

  test('data-format with data-api-key: the single-destination form, several formats at one endpoint', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/format-attr.html?wk=${key}&userId=12`)
    await page.waitForFunction(() => typeof pixel == 'function' && !!pixel.version)
    await page.evaluate(() => pixel.track('viewGiftButton', { campaign: 'christmas' }))
    const [envoy] = await waitForEvents(request, key + '-envoy', 1, 'envoy')
    expect(envoy.event).toEqual({ eventName: 'viewGiftButton', userId: '12', extra: { campaign: 'christmas' } })
    // the native destination got the page view, the identify from the link and the event
    await waitForEvents(request, key, 3, 'native')
  })
})

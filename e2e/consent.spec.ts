import { expect, test, type Page } from '@playwright/test'
import { bfcachePage, keyFor, otherTabWrites, setFaults, stored, visitAlone, waitForEvents, watchPlugin } from './helpers'

declare const pixel: any

/** Everything pixel keeps in this browser for the page's origin. */
const kept = (page: Page) =>
  page.evaluate(() => ({
    local: Object.keys(localStorage).filter((k) => k.startsWith('pixel.')).sort(),
    session: Object.keys(sessionStorage).filter((k) => k.startsWith('pixel.')),
    cookies: document.cookie,
  }))
const ready = (page: Page) => page.waitForFunction(() => typeof pixel == 'function' && !!pixel.version)
/** The requests the page makes to the collector's event endpoints. */
const wire = (page: Page) => {
  const sent: string[] = []
  page.on('request', (r) => /\/v1\/batch|\/pixel\/v1\//.test(r.url()) && sent.push(r.url()))
  return sent
}

test.describe('consent', () => {
  test('pending: nothing sent or stored; granted on the page, the waiting calls go in order; the choice is kept', async ({ page, request }, info) => {
    const key = keyFor(info)
    const sent = wire(page)
    await page.goto(`/fixtures/consent.html?wk=${key}&consent=pending`)
    await ready(page)
    await page.evaluate(() => {
      pixel.track('beforeConsent', { n: 1 })
      pixel.identify('u-1', { plan: 'gold' })
      pixel.set({ campaign: 'christmas' })
      // a value that needs the json plugin: its replay waits for it, and the rest after it
      pixel.track('withDate', { d: new Date(0) })
      pixel.track('last')
    })
    // the calls are in (a flush would have sent anything queued): nothing left, nothing kept
    await page.evaluate(() => pixel.flush())
    expect(sent).toEqual([])
    expect(await kept(page)).toEqual({ local: [], session: [], cookies: '' })
    await page.evaluate(() => pixel.consent(true))
    const list = await waitForEvents(request, key, 5)
    expect(list.map((r) => r.event.event || r.event.type)).toEqual(['page', 'beforeConsent', 'identify', 'withDate', 'last'])
    expect(list[3].event.properties).toMatchObject({ d: '1970-01-01T00:00:00.000Z', campaign: 'christmas' })
    expect(list[1].event.properties).toEqual({ n: 1 })
    expect(list[2].event.userId).toBe('u-1')
    expect((await kept(page)).local).toEqual(expect.arrayContaining(['pixel.aid', 'pixel.consent', 'pixel.uid']))
    // the next page: the choice holds, no waiting
    await page.reload()
    await ready(page)
    await page.evaluate(() => pixel.track('afterReload'))
    const after = await waitForEvents(request, key, 7)
    expect(after.slice(5).map((r) => r.event.event || r.event.type)).toEqual(['page', 'afterReload'])
    expect(after[6].event.properties).toEqual({ campaign: 'christmas' })
  })

  test('pending: identify() then reset() then a track, granted: they run in that order (the reset does not jump ahead of the identify)', async ({ page, request }, info) => {
    const key = keyFor(info)
    const identity = watchPlugin(page, 'identity')
    await page.goto(`/fixtures/consent.html?wk=${key}&consent=pending&utm_source=news`)
    await ready(page)
    // the identity plugin in (this landing has attribution): identify() goes to consent's wait at once
    await expect.poll(() => identity).toEqual(['asked', 'in'])
    await page.evaluate(() => (pixel.identify('u-1'), pixel.reset(), pixel.track('afterLogout'), pixel.consent(true)))
    const list = await waitForEvents(request, key, 3)
    expect(list.map((r) => [r.event.event || r.event.type, r.event.userId])).toEqual([
      ['page', undefined],
      ['identify', 'u-1'],
      ['afterLogout', undefined],
    ])
    expect(await page.evaluate(() => localStorage.getItem('pixel.uid'))).toBe(null)
  })

  test('pending while the app navigates: each waiting page view and event keeps the URL, referrer, title and moment it was made at', async ({ page, request, baseURL }, info) => {
    const key = keyFor(info)
    // each call held for consent says so in debug mode: the spec waits for those lines
    let held = 0
    page.on('console', (m) => /consent pending/.test(m.text()) && held++)
    await page.goto(`/fixtures/consent.html?wk=${key}&consent=pending&pixel_debug=1`)
    await ready(page)
    await expect.poll(() => held).toBe(1)
    await page.evaluate(() => (history.pushState({}, '', '/app/one'), (document.title = 'One')))
    await expect.poll(() => held).toBe(2)
    await page.evaluate(() => pixel.track('onOne'))
    await page.evaluate(() => (history.pushState({}, '', '/app/two'), (document.title = 'Two')))
    await expect.poll(() => held).toBe(4)
    // a moment after the last call, then consent
    const before = await page.evaluate(() => Date.now())
    await page.waitForFunction((b) => Date.now() > b, before)
    await page.evaluate(() => pixel.consent(true))
    const list = await waitForEvents(request, key, 4)
    const landing = `${baseURL}/fixtures/consent.html`
    expect(list.map(({ event: e }) => [e.event || e.type, e.context.page.path, e.context.page.referrer.split('?')[0], e.context.page.title])).toEqual([
      ['page', '/fixtures/consent.html', '', 'Consent'],
      ['page', '/app/one', landing, 'One'],
      ['onOne', '/app/one', landing, 'One'],
      ['page', '/app/two', `${baseURL}/app/one`, 'Two'],
    ])
    // each at its own moment, before consent came
    const times = list.map((r) => Date.parse(r.event.originalTimestamp))
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    expect(times[3]).toBeLessThanOrEqual(before)
  })

  test('pending, then the visitor leaves: nothing is ever sent, on that page or the next', async ({ page, request }, info) => {
    const key = keyFor(info)
    const sent = wire(page)
    await page.goto(`/fixtures/consent.html?wk=${key}&consent=pending`)
    await ready(page)
    await page.evaluate(() => pixel.track('leftWithoutChoosing'))
    await page.click('#away')
    await page.waitForURL('**/plain.html')
    await page.goto(`/fixtures/consent.html?wk=${key}&consent=pending`)
    await ready(page)
    await page.evaluate(() => pixel.flush())
    expect(sent).toEqual([])
    expect(await stored(request, key)).toEqual([])
    expect(await kept(page)).toEqual({ local: [], session: [], cookies: '' })
  })

  test('withdrawn: the outbox is cleared at once, the ids forgotten, and nothing more is sent, on this page or the next', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/consent.html?wk=${key}&consent=granted`)
    await waitForEvents(request, key, 1)
    // the collector is down: these wait in the outbox
    await setFaults(request, key, { downFor: 60_000 })
    await page.evaluate(() => {
      pixel.track('queued1')
      pixel.track('queued2')
      return pixel.flush()
    })
    expect((await kept(page)).local.some((k) => k.startsWith('pixel.ob.'))).toBe(true)
    // what another tab's page, left before its identity plugin came, keeps for the next page: a
    // landing with its ids, and an identify() (was: both outlived the withdrawal)
    await page.evaluate(() => {
      localStorage.setItem('pixel.landed', location.origin + '/fixtures/tag.html?source=Envoy&userId=u-9')
      localStorage.setItem('pixel.held', JSON.stringify([['identify', ['u-9'], [location.href, '', Date.now(), document.title]]]))
    })
    await page.evaluate(() => pixel.consent(false))
    expect(await kept(page)).toEqual({ local: ['pixel.consent'], session: [], cookies: '' })
    await setFaults(request, key)
    await page.evaluate(() => (pixel.track('afterWithdrawal'), pixel.flush()))
    await page.reload()
    await ready(page)
    await page.evaluate(() => pixel.flush())
    expect((await stored(request, key)).map((r) => r.event.event || r.event.type)).toEqual(['page'])
  })

  test('refused as the page is left, before the consent plugin came (a banner that reloads on a click, on a browser’s first page): the next page sends nothing, and nothing is kept but the choice', async ({ page, request }, info) => {
    const key = keyFor(info)
    // a site that asks for no consent up front: the plugin comes at the first consent() call (1 s late)
    await page.goto(`/fixtures/slow-plugins.html?wk=${key}&wait=1000`)
    await ready(page)
    await page.evaluate((k) => (pixel.track('beforeRefusal'), pixel.consent(false), (location.href = `/fixtures/tag.html?wk=${k}`)), key)
    await page.waitForURL(/tag\.html/)
    await ready(page)
    await page.evaluate(() => pixel.flush())
    // (was: the refusal lost, and the next page tracked the visitor)
    expect(await stored(request, key)).toEqual([])
    expect(await kept(page)).toEqual({ local: ['pixel.consent'], session: [], cookies: '' })
    expect(await page.evaluate(() => localStorage.getItem('pixel.consent'))).toBe('0')
  })

  test('granted as the page is left, before the consent plugin came: the page\'s own view and events go, the choice is kept, and the next page tracks', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/slow-plugins.html?wk=${key}&wait=1000&consent=pending&utm_campaign=spring`)
    await ready(page)
    await page.evaluate((k) => (pixel.track('beforeGrant'), pixel.consent(true), (location.href = `/fixtures/consent.html?wk=${k}&consent=pending`)), key)
    await page.waitForURL(/consent\.html/)
    // (was: the next page pending again, and nothing sent; then the left page's view and event lost)
    const events = await waitForEvents(request, key, 3)
    expect(events.map((r) => `${r.event.event || r.event.type} ${r.event.context.page.path}`).sort()).toEqual([
      'beforeGrant /fixtures/slow-plugins.html',
      'page /fixtures/consent.html',
      'page /fixtures/slow-plugins.html',
    ])
    // the landing, not read on the page left (the identity plugin had not come), is the next page's
    const next = events.find((r) => r.event.context.page.path == '/fixtures/consent.html')!
    expect(next.event.context.campaign).toEqual({ name: 'spring' })
    expect(await page.evaluate(() => localStorage.getItem('pixel.consent'))).toBe('1')
  })

  test('granted as the page is left, before the consent plugin came, with honorGpc set: nothing of that page is sent, and the choice is not kept (a signal might be honoured)', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/slow-plugins.html?wk=${key}&wait=1000&consent=pending`)
    await ready(page)
    await page.evaluate((k) => (pixel.init({ honorGpc: true }), pixel.track('beforeGrant'), pixel.consent(true), (location.href = `/fixtures/tag.html?wk=${k}`)), key)
    await page.waitForURL(/tag\.html/)
    await waitForEvents(request, key, 1)
    await page.evaluate(() => pixel.flush())
    expect((await stored(request, key)).map((r) => `${r.event.event || r.event.type} ${r.event.context.page.path}`)).toEqual(['page /fixtures/tag.html'])
    expect(await page.evaluate(() => localStorage.getItem('pixel.consent'))).toBe(null)
  })

  test('withdrawn in another tab, a page already open stops too (on a site that never asked for consent)', async ({ context, request }, info) => {
    const key = keyFor(info)
    const [a, b] = [await context.newPage(), await context.newPage()]
    for (const p of [a, b]) await p.goto(`/fixtures/tag.html?wk=${key}`)
    await waitForEvents(request, key, 2)
    let refused = 0
    b.on('console', (m) => /consent refused/.test(m.text()) && refused++)
    await b.evaluate(() => pixel.debug(true))
    const written = await otherTabWrites(b, 'pixel.consent')
    await a.evaluate(() => pixel.consent(false))
    await written()
    await b.evaluate(() => pixel.track('afterWithdrawal'))
    await expect.poll(() => refused).toBe(1)
    await b.evaluate(() => pixel.flush())
    expect((await stored(request, key)).map((r) => r.event.type)).toEqual(['page', 'page'])
    // nothing of the visitor is kept again by the open page: only the choice
    expect(await kept(b)).toEqual({ local: ['pixel.consent'], session: [], cookies: '' })
  })

  test('withdrawn: what a closed tab left for the next page to send is dropped too, not sent by a later page', async ({ context, request }, info) => {
    const key = keyFor(info)
    const b = await context.newPage()
    await b.goto(`/fixtures/tag.html?wk=${key}`)
    await waitForEvents(request, key, 1)
    // the collector is down while another tab tracks and is closed: its events wait in its
    // segment, closed, for the next page of the site to take over
    await setFaults(request, key, { downFor: 60_000 })
    const a = await context.newPage()
    await a.goto(`/fixtures/tag.html?wk=${key}`)
    await ready(a)
    await a.evaluate(() => (pixel.track('leftBehind'), pixel.flush()))
    await a.close()
    expect((await kept(b)).local.filter((k) => k.startsWith('pixel.ob.'))).toHaveLength(1)
    // (the consent plugin comes at this first call)
    await b.evaluate(() => pixel.consent(false))
    await expect.poll(() => kept(b)).toEqual({ local: ['pixel.consent'], session: [], cookies: '' })
    // the collector is back, and the visitor opens another page (was: it sent the closed tab's
    // events, made before the withdrawal, after it)
    await setFaults(request, key)
    const c = await context.newPage()
    await c.goto(`/fixtures/tag.html?wk=${key}`)
    await ready(c)
    await c.evaluate(() => pixel.flush())
    expect((await stored(request, key)).map((r) => r.event.event || r.event.type)).toEqual(['page'])
  })

  test('withdrawn on another page, a page restored from the back/forward cache stops before its page view', async ({ request }, info) => {
    const key = keyFor(info)
    const { page, close } = await bfcachePage()
    try {
      let refused = 0
      page.on('console', (m) => /consent refused/.test(m.text()) && refused++)
      await page.goto(`/fixtures/tag.html?wk=${key}`)
      await ready(page)
      // (its view delivered: this spec is of the restore, not of a page left while its view waits)
      await waitForEvents(request, key, 1)
      await page.evaluate(() => (((window as any).sameInstance = true), pixel.debug(true)))
      // another page of the site, in the same tab: the visitor withdraws there
      await page.goto(`/fixtures/consent.html?wk=${key}`)
      await ready(page)
      await waitForEvents(request, key, 2)
      await page.evaluate(() => pixel.consent(false))
      // (consent() waits for pixel.consent.js, which this page had no need of before)
      await page.waitForFunction(() => localStorage.getItem('pixel.consent') == '0')
      await page.goBack({ waitUntil: 'commit' })
      expect(await page.evaluate(() => (window as any).sameInstance)).toBe(true)
      await page.evaluate(() => pixel.track('afterBack'))
      // the restore's page view and the event are both refused (the storage event the page missed
      // in the cache comes after its pageshow, where the view is made)
      await expect.poll(() => refused).toBe(2)
      await page.evaluate(() => pixel.flush())
      expect((await stored(request, key)).map((r) => r.event.type)).toEqual(['page', 'page'])
      expect(await kept(page)).toEqual({ local: ['pixel.consent'], session: [], cookies: '' })
    } finally {
      await close()
    }
  })

  test('withdrawn, then given again and identified, on another page: a page restored from the back/forward cache keeps the visitor (the withdrawal among the storage events it missed is past)', async ({ request }, info) => {
    const key = keyFor(info)
    const { page, close } = await bfcachePage()
    try {
      await page.goto(`/fixtures/tag.html?wk=${key}`)
      await ready(page)
      await waitForEvents(request, key, 1)
      // (after pixel's own listener: it has run when this one has)
      await page.evaluate(() => {
        ;(window as any).choices = []
        addEventListener('storage', (e) => e.key == 'pixel.consent' && (window as any).choices.push(e.newValue))
      })
      await page.goto(`/fixtures/consent.html?wk=${key}`)
      await ready(page)
      await page.evaluate(() => pixel.consent(false))
      await page.waitForFunction(() => localStorage.getItem('pixel.consent') == '0')
      await page.evaluate(() => (pixel.consent(true), pixel.identify('u-again')))
      await page.waitForFunction(() => localStorage.getItem('pixel.uid') == 'u-again')
      const aid = await page.evaluate(() => localStorage.getItem('pixel.aid'))
      await page.goBack({ waitUntil: 'commit' })
      // the restored page has been given both changes it missed, the withdrawal and the grant
      await page.waitForFunction(() => (window as any).choices?.join() == '0,1')
      await page.evaluate(() => pixel.track('afterBack'))
      await expect.poll(async () => (await stored(request, key)).find((r) => r.event.event == 'afterBack')?.event).toMatchObject({ userId: 'u-again' })
      expect(await page.evaluate(() => localStorage.getItem('pixel.aid'))).toBe(aid)
    } finally {
      await close()
    }
  })

  // the choice made on the page that prerendered this one applies before the page view of its showing
  for (const [choice, made, expected] of [
    // the refusal: nothing between the first page's view (before it) and the sentinel the shown
    // page sends once consent is given again
    ['0', 'refused', ['page /fixtures/prerender-consent.html', 'sentinel /fixtures/consent-prerendered.html true']],
    // the grant, by a visitor who had refused before: the shown page, prerendered refused, sends
    // its view (the first page, refused, sent none)
    ['1', 'granted', ['page /fixtures/consent-prerendered.html', 'sentinel /fixtures/consent-prerendered.html true']],
  ] as const)
    test(`${made} on the page that prerendered this one: applied before the page view of its showing`, async ({ request }, info) => {
      const key = keyFor(info)
      await visitAlone(`/fixtures/prerender-consent.html?choice=${choice}#${key}`, async () => {
        const list = await waitForEvents(request, key, expected.length, 'native', 20_000)
        // (the sentinel says whether the page was shown from its prerender)
        expect(list.map((r) => `${r.event.event || r.event.type} ${r.event.context.page.path}${r.event.event ? ' ' + r.event.properties!.prerendered : ''}`)).toEqual(expected)
      })
    })

  test('given in another tab, a page already open that waits for consent sends what it held', async ({ context, request }, info) => {
    const key = keyFor(info)
    const [c, d] = [await context.newPage(), await context.newPage()]
    for (const p of [c, d]) await p.goto(`/fixtures/consent.html?wk=${key}&consent=pending`), await ready(p)
    const granted = await otherTabWrites(d, 'pixel.consent')
    await c.evaluate(() => pixel.consent(true))
    await granted()
    const views = await waitForEvents(request, key, 2)
    expect(views.map((r) => r.event.type)).toEqual(['page', 'page'])
    // one visitor: d read the id c kept when consent came
    expect(views[1].event.anonymousId).toBe(views[0].event.anonymousId)
  })

  test('Global Privacy Control, honoured: nothing sent or stored; not honoured (the default): tracked', async ({ browser, request }, info) => {
    const key = keyFor(info)
    for (const [gpc, expected] of [
      ['true', 0],
      ['false', 1],
    ] as const) {
      const ctx = await browser.newContext({ userAgent: test.info().project.use.userAgent })
      // the browser's signal (Chromium has no setting for it; Firefox and Brave send it)
      await ctx.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }))
      const page = await ctx.newPage()
      const sent = wire(page)
      await page.goto(`/fixtures/consent.html?wk=${key}-${gpc}&gpc=${gpc}`)
      await ready(page)
      await page.evaluate(() => (pixel.track('withGpc'), pixel.consent(true), pixel.flush()))
      if (expected) await waitForEvents(request, `${key}-${gpc}`, 2)
      else {
        expect(sent).toEqual([])
        expect(await kept(page)).toEqual({ local: [], session: [], cookies: '' })
      }
      await ctx.close()
    }
  })

  test('a logout on a page where pixel.consent.js is needed and does not load still forgets the user', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/tag.html?wk=${key}`)
    await ready(page)
    await page.evaluate(() => (pixel.consent(true), pixel.identify('u-1')))
    await waitForEvents(request, key, 2)
    expect((await kept(page)).local).toEqual(expect.arrayContaining(['pixel.aid', 'pixel.consent', 'pixel.uid']))
    // the choice kept: the next page needs the plugin, which is not there, and sends nothing more
    await page.goto(`/fixtures/alone.html?wk=${key}`)
    await ready(page)
    await page.evaluate(() => pixel.reset())
    expect((await kept(page)).local).not.toContain('pixel.uid')
    expect((await kept(page)).local).not.toContain('pixel.aid')
  })

  test('fails closed: where pixel.consent.js is needed and does not load, nothing is sent or kept', async ({ page, request }, info) => {
    const key = keyFor(info)
    const sent = wire(page)
    const warnings: string[] = []
    page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()))
    // consent configured: the page view waits for the plugin, which is not there
    await page.goto(`/fixtures/alone.html?wk=${key}&consent=pending`)
    await ready(page)
    await expect.poll(() => warnings.some((w) => /^\[pixel\] plugin consent\b/.test(w))).toBe(true)
    await page.evaluate(() => {
      pixel.track('pendingAndNoPlugin')
      // (the visitor's choice cannot be honoured without the plugin: it is not taken as a grant)
      pixel.consent(true)
      pixel.track('afterConsentCall')
      return pixel.flush()
    })
    // nothing sent, nothing kept of the visitor
    expect(sent).toEqual([])
    expect(await kept(page)).toEqual({ local: [], session: [], cookies: '' })
    // no consent configured: events go, until a consent() call needs the plugin, which is not there
    await page.goto(`/fixtures/alone.html?wk=${key}`)
    await ready(page)
    await waitForEvents(request, key, 1)
    await page.evaluate(() => pixel.consent(false))
    await expect.poll(() => warnings.filter((w) => /^\[pixel\] plugin consent\b/.test(w)).length).toBe(2)
    await page.evaluate(() => {
      pixel.track('refusedAndNoPlugin')
      return pixel.flush()
    })
    // a page that works sends a sentinel: what the two pages sent is in by then
    await page.goto(`/fixtures/tag.html?wk=${key}`)
    await ready(page)
    await page.evaluate(() => pixel.track('sentinel'))
    const list = await waitForEvents(request, key, 3)
    expect(list.map((r) => r.event.event || r.event.type)).toEqual(['page', 'page', 'sentinel'])
    expect(list.map((r) => r.event.context.page.path)).toEqual(['/fixtures/alone.html', '/fixtures/tag.html', '/fixtures/tag.html'])
  })
})

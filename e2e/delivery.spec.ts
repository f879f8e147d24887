import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { keyFor, setFaults, stats, stored, trackAsPluginsCome, waitForEvents, watchPlugin } from './helpers'
import { PORT } from '../playwright.config'

declare const pixel: any

const names = (list: { event: Record<string, any> }[]) => list.filter((r) => r.event.type == 'track').map((r) => r.event.event as string)
const range = (prefix: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => prefix + (from + i))
const sorted = (a: string[]) => [...a].sort()

/** Tracks `prefix0..prefix{n-1}`, ten per 100 ms, as a page would over a few seconds. */
const trackMany = (page: Page, prefix: string, from: number, to: number) =>
  page.evaluate(
    async ([prefix, from, to]) => {
      for (let i = from as number; i < (to as number); i++) {
        pixel.track((prefix as string) + i, { i })
        if (i % 10 == 9) await new Promise((r) => setTimeout(r, 100))
      }
    },
    [prefix, from, to],
  )

// (the failures are random, and the backoff doubles with each in a row: after the outage, with
// 30% of requests failing, 1.4% of runs took more than the 90 s given, one of them in a full run
// here; with 20% and 150 s, 0.08% (simulated); a run most often takes 10 to 16 s)
test('500 events while the collector fails 20% of requests and is down for 5 s: all stored exactly once', async ({ page, request }, info) => {
  test.setTimeout(180_000)
  const key = keyFor(info)
  await page.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  let failed = 0
  page.on('response', (r) => r.url().includes('/v1/batch') && r.status() >= 500 && failed++)
  page.on('requestfailed', (r) => r.url().includes('/v1/batch') && failed++)
  await setFaults(request, key, { errorRate: 0.2 })
  await trackMany(page, 'e', 0, 250)
  await setFaults(request, key, { errorRate: 0.2, downFor: 5000 })
  await trackMany(page, 'e', 250, 500)
  // the faults stay on: the retries have to get through them
  const list = await waitForEvents(request, key, 501, undefined, 150_000)
  expect(sorted(names(list))).toEqual(sorted(range('e', 0, 500)))
  expect(new Set(list.map((r) => r.event.messageId)).size).toBe(501)
  expect(failed, 'the collector really failed requests').toBeGreaterThan(3)
})

/** Tracks an event and, at once, navigates to another site; the event arrives (after the page view). */
async function trackThenLeave(page: Page, request: APIRequestContext, key: string, baseURL: string) {
  const elsewhere = baseURL.replace('127.0.0.1', 'localhost') + '/fixtures/plain.html'
  await page.evaluate((to) => {
    pixel.track('beforeLeaving', { to })
    location.href = to
  }, elsewhere)
  await page.waitForURL(elsewhere)
  const list = await waitForEvents(request, key, 2)
  expect(list[1].event).toMatchObject({ event: 'beforeLeaving', properties: { to: elsewhere } })
}

test('a track immediately followed by a navigation to another site arrives', async ({ page, request, baseURL }, info) => {
  const key = keyFor(info)
  await page.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  await trackThenLeave(page, request, key, baseURL!)
})

test('a page whose URL has parameters, left while pixel.identity.js is on its way: its page view and a track arrive, their URLs cut to the path', async ({ page, request, baseURL }, info) => {
  const key = keyFor(info)
  const identity = watchPlugin(page, 'identity')
  // pixel.js and each plugin come 1.5 s late; the page view waits for the plugin that cuts the URL's parameters
  await page.goto(`/fixtures/slow-plugins.html?wk=${key}&wait=1500&utm_source=newsletterzz&email=annzz%40example.com#sharerUserId=sharerzz`)
  await expect.poll(() => identity).toEqual(['asked'])
  await trackThenLeave(page, request, key, baseURL!)
  // it had not arrived: the calls ran without it, at the unload
  expect(identity).toEqual(['asked'])
  const list = await stored(request, key)
  expect(list.map((s) => s.event.type)).toEqual(['page', 'track'])
  for (const { event } of list) expect(event.context.page).toMatchObject({ url: `${baseURL}/fixtures/slow-plugins.html`, search: '' })
  expect(JSON.stringify(list)).not.toMatch(/zz|example\.com/)
})

test('a track whose properties need pixel.json.js, made as the page is left while the plugin is on its way, arrives with them copied as JSON copies them', async ({ page, request, baseURL }, info) => {
  const key = keyFor(info)
  const json = watchPlugin(page, 'json')
  // a Date is not plain data: the call waits for the full sanitizer, and the call after it too
  const list = await trackAsPluginsCome(page, request, key, baseURL!, [['checkout', { at: new Date(Date.UTC(2026, 10, 23)), total: 42 }], ['afterCheckout']])
  // asked for, not in when the page went: the calls ran without it, in order
  expect(json).toEqual(['asked'])
  expect(list.map((r) => r.event.event || r.event.type)).toEqual(['page', 'checkout', 'afterCheckout'])
  expect(list[1].event.properties).toEqual({ at: '2026-11-23T00:00:00.000Z', total: 42 })
})

test('plugins that fail to load: the calls that waited for them go on without them, properties copied as JSON copies them', async ({ page, request }, info) => {
  const key = keyFor(info)
  const json = watchPlugin(page, 'json')
  const warnings: string[] = []
  page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()))
  await page.goto(`/fixtures/alone.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  await page.evaluate(() => {
    pixel.track('checkout', { at: new Date(Date.UTC(2026, 10, 23)), total: 42, loop: null })
    // an object that is not plain, given as the properties: its own fields, as the plugin reads them
    pixel.track('dateItself', new Date(0))
    pixel.track('circular', ((o: any) => ((o.self = o), o))({ a: 1 }))
    pixel.track('afterCheckout', { n: 1 })
  })
  const list = await waitForEvents(request, key, 5)
  expect(json).toEqual(['asked'])
  expect(list.map((r) => r.event.event || r.event.type)).toEqual(['page', 'checkout', 'dateItself', 'circular', 'afterCheckout'])
  expect(list.map((r) => r.event.properties)).toEqual([
    expect.anything(),
    { at: '2026-11-23T00:00:00.000Z', total: 42, loop: null },
    {},
    // what JSON.stringify cannot copy goes without properties (the plugin would keep a: 1)
    {},
    { n: 1 },
  ])
  // the failure is reported, in one line (the messages plugin failed too: the line names the code)
  await expect.poll(() => warnings.some((w) => /^\[pixel\] plugin json\b/.test(w))).toBe(true)
})

test('a tab hidden while its page view waits for a plugin sends nothing then, and the page view goes as soon as the plugin comes', async ({ page, request }, info) => {
  const key = keyFor(info)
  const identity = watchPlugin(page, 'identity')
  const sends: string[] = []
  page.on('request', (r) => r.url().includes('/v1/batch') && sends.push(r.url()))
  // pixel.js and each plugin come 1.5 s late; the page view waits for the plugin that cuts the
  // URL's parameters; later events would wait a minute for their batch
  await page.goto(`/fixtures/slow-plugins.html?wk=${key}&wait=1500&flushInterval=60000&utm_source=hiddenzz`)
  await expect.poll(() => identity).toEqual(['asked'])
  // the visitor switches to another tab and back. (Headless Chromium never hides a page: the
  // document says it is hidden, and the browser dispatches the event to pixel's listeners.)
  await page.evaluate(() => {
    const turn = (state: string) => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true })
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
    }
    turn('hidden')
    turn('visible')
  })
  expect(identity).toEqual(['asked'])
  // the page view is the page's first send still: it goes at once, not a flush interval later
  const [view] = await waitForEvents(request, key, 1, undefined, 15_000)
  expect(view.event.type).toBe('page')
  expect(view.event.context.attribution).toMatchObject({ firstCampaign: { source: 'hiddenzz' } })
  // (the collector can show the event before Playwright has passed the request on to this test)
  await expect.poll(() => sends.length).toBeGreaterThan(0)
  expect(sends).toHaveLength(1)
})

test('events the page tracks once it is hidden go at once, together, not a flush interval later: a page killed in the background loses none', async ({ page, request }, info) => {
  const key = keyFor(info)
  await page.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  const sends: string[] = []
  page.on('request', (r) => r.url().includes('/v1/batch') && sends.push(r.postData() || ''))
  // The app sends its last events when the page is hidden (time on page, web vitals), after
  // pixel's own flush, whose listener comes first. Headless Chromium never hides a page: the
  // document says it is hidden, and the page dispatches the event. A browser's own event runs
  // the microtasks of each listener before the next listener, so pixel's flush is over before
  // the app's listener runs; a dispatch from script runs them all at its end, so the app tracks
  // in the next task here, where pixel's flush is over too.
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        document.addEventListener('visibilitychange', () =>
          setTimeout(() => {
            if (document.visibilityState == 'hidden') pixel.track('engaged', { ms: 1 }), pixel.track('leaving'), done()
          }),
        )
        Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
      }),
  )
  // then the page is killed (a phone's system ends the browser in the background: no pagehide)
  const cdp = await page.context().newCDPSession(page)
  const crashed = page.waitForEvent('crash')
  cdp.send('Page.crash').catch(() => {})
  await crashed
  const list = await waitForEvents(request, key, 3)
  expect(names(list)).toEqual(['engaged', 'leaving'])
  expect(sends).toHaveLength(1)
  expect(sends[0]).toContain('"engaged"')
  expect(sends[0]).toContain('"leaving"')
})

test('GET transport: a track immediately followed by a navigation arrives (keepalive, not an image)', async ({ page, request, baseURL }, info) => {
  const key = keyFor(info)
  await page.goto(`/fixtures/tag.html?wk=${key}&transport=get`)
  await waitForEvents(request, key, 1, 'rudderstack-pixel')
  // (an image request the navigation may cancel, where a keepalive fetch goes on)
  const kinds: string[] = []
  page.on('request', (r) => r.url().includes('leavingByPixel') && kinds.push(r.resourceType()))
  await page.evaluate((to) => {
    pixel.track('leavingByPixel')
    location.href = to
  }, baseURL + '/fixtures/plain.html')
  await page.waitForURL('**/plain.html')
  const list = await waitForEvents(request, key, 2, 'rudderstack-pixel')
  expect(list[1].event).toMatchObject({ type: 'track', event: 'leavingByPixel' })
  expect(kinds).toEqual(['fetch'])
})

test('a track immediately followed by closing the tab arrives', async ({ context, request }, info) => {
  const key = keyFor(info)
  const page = await context.newPage()
  await page.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  await page.evaluate(() => pixel.track('beforeClosing'))
  await page.close()
  const list = await waitForEvents(request, key, 2)
  expect(list[1].event.event).toBe('beforeClosing')
})

test('a link clicked as its event is tracked: the event goes as the navigation begins, and its answer comes before the page is unloaded, so the next page has nothing to send again', async ({ page, request }, info) => {
  const key = keyFor(info)
  const adopt = watchPlugin(page, 'adopt')
  await page.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  await page.evaluate(() => {
    const a = document.getElementById('next') as HTMLAnchorElement
    // the next page's server answers 300 ms later, as a real one takes a while
    a.href += '&wait=300'
    a.addEventListener('click', () => pixel.track('clicked'))
    // what pixel has left unanswered in its outbox when the page is left
    addEventListener('pagehide', () => sessionStorage.setItem('left', localStorage.getItem(Object.keys(localStorage).filter((k) => k.startsWith('pixel.ob.'))[0]) || 'nothing'))
  })
  await page.click('#next')
  await page.waitForURL(/n=2/)
  const list = await waitForEvents(request, key, 3)
  expect(names(list)).toEqual(['clicked'])
  // (was: the event waiting at pagehide, sent by beacon, which has no answer, then again by the next page)
  expect(await page.evaluate(() => sessionStorage.getItem('left'))).toBe('nothing')
  expect(adopt).toEqual([])
  expect(await stats(request, key)).toEqual({ stored: 3, duplicates: 0 })
})

/** Opens the SPA fixture with debug on, its page view stored; returns the console's lines, as they come. */
async function openSpa(page: Page, request: APIRequestContext, key: string): Promise<string[]> {
  const logs: string[] = []
  page.on('console', (m) => logs.push(m.text()))
  await page.goto(`/fixtures/spa.html#${key}`)
  await waitForEvents(request, key, 1)
  await page.evaluate(() => pixel.debug(true))
  return logs
}

test('an SPA\'s route changes (pushState) send nothing past the backoff: to a collector asking for a pause, one request until a flush, which sends all', async ({ page, request }, info) => {
  const key = keyFor(info)
  const logs = await openSpa(page, request, key)
  // the collector refuses this key's events, asking for a minute's pause
  await setFaults(request, key, { rate429: 1, retryAfter: 60 })
  const posts: string[] = []
  page.on('request', (r) => r.method() == 'POST' && posts.push(r.postData() || ''))
  await page.evaluate(() => (pixel.track('beforeRoutes'), pixel.flush()))
  expect(posts).toHaveLength(1)
  for (const i of [1, 2, 3]) {
    await page.evaluate((i) => ((document.title = 'Route ' + i), history.pushState({}, '', '?route=' + i + location.hash)), i)
    // the route's page view is made (and waits, as the collector asked)
    await expect.poll(() => logs.filter((l) => l.startsWith('[pixel] page')).length).toBe(i)
  }
  // (was: each pushState, a Navigation API navigate, sent what waited, past the backoff)
  expect(posts).toHaveLength(1)
  await page.evaluate(() => pixel.flush())
  expect(posts).toHaveLength(2)
  expect(JSON.parse(posts[1]).batch.map((e: any) => e.event || e.context.page.title)).toEqual(['beforeRoutes', 'Route 1', 'Route 2', 'Route 3'])
})

// A router's `precommitHandler` (loading the route's data before its URL is committed) changes
// the current entry only once it is done: more than a task after the navigation began
for (const precommit of [false, true])
test(`a router on the Navigation API (it intercepts the navigations it serves${precommit ? ', with a precommitHandler' : ''}): past its first route change, which tells pixel the page has one, its route changes send nothing past the backoff; a link out of the app goes as without that API`, async ({ page, request }, info) => {
  const key = keyFor(info)
  const logs = await openSpa(page, request, key)
  // the router: it serves /app/ within the document, and never calls history.pushState
  await page.evaluate(
    (precommit) =>
      (window as any).navigation.addEventListener(
        'navigate',
        (e: any) =>
          e.canIntercept &&
          new URL(e.destination.url).pathname.startsWith('/app/') &&
          e.intercept(precommit ? { precommitHandler: () => new Promise((r) => setTimeout(r, 50)) } : { handler: async () => {} }),
      ),
    precommit,
  )
  await setFaults(request, key, { rate429: 1, retryAfter: 60 })
  const posts: string[] = []
  page.on('request', (r) => r.method() == 'POST' && posts.push(r.postData() || ''))
  await page.evaluate(() => (pixel.track('beforeRoutes'), pixel.flush()))
  expect(posts).toHaveLength(1)
  const views = () => logs.filter((l) => l.startsWith('[pixel] page')).length
  // the first route change begins as a navigation away (destination.sameDocument is false): it
  // sends what waits, as one that leaves the page does
  await page.evaluate(() => (window as any).navigation.navigate('/app/first' + location.hash).finished)
  await expect.poll(views).toBe(1)
  expect(posts).toHaveLength(2)
  // the next ones (navigate(), a link the router serves) send nothing
  await page.evaluate(() => (window as any).navigation.navigate('/app/navigated' + location.hash).finished)
  await expect.poll(views).toBe(2)
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('a'), { id: 'route', href: '/app/linked' + location.hash, textContent: 'A route' })))
  await page.click('#route')
  await expect.poll(views).toBe(3)
  expect(page.url()).toMatch(/\/app\/linked#/)
  // (was: each intercepted navigation sent what waited, past the backoff, as one that leaves the page)
  expect(posts).toHaveLength(2)
  // a link out of the app (the router lets it go): what waits goes as the page is unloaded, by beacon
  await setFaults(request, key)
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('a'), { id: 'out', href: '/fixtures/plain.html', textContent: 'Away' })))
  await page.click('#out')
  await page.waitForURL(/plain\.html/)
  const list = await waitForEvents(request, key, 5)
  expect(list.map((r) => r.event.event || r.event.context.page.path)).toEqual(['/fixtures/spa.html', 'beforeRoutes', '/app/first', '/app/navigated', '/app/linked'])
})

test('a collector on another origin that asks for a pause (429, Retry-After) is given it: the header is exposed to the page', async ({ page, request }, info) => {
  const key = keyFor(info)
  // the page on 127.0.0.1, pixel.js and the collector on localhost
  await page.goto(`/fixtures/referrer.html?wk=${key}&port=${PORT}&transport=post`)
  await waitForEvents(request, key, 1)
  await setFaults(request, key, { rate429: 1, retryAfter: 3 })
  const times: number[] = []
  page.on('request', (r) => r.method() == 'POST' && times.push(Date.now()))
  page.on('response', (r) => r.status() == 429 && setFaults(request, key))
  await page.evaluate(() => pixel.track('paused'))
  await waitForEvents(request, key, 2)
  expect(times).toHaveLength(2)
  // (was: 0.7 s, the backoff alone: a page of another origin could not read Retry-After)
  expect(times[1] - times[0]).toBeGreaterThanOrEqual(2900)
})

for (const code of [301, 308])
  test(`an endpoint that redirects (${code}, as an apex domain to www): every event is stored, the page warns, and sends where it redirects from then on`, async ({ page, request }, info) => {
    const key = keyFor(info)
    const seen: string[] = []
    // (a 301 or 302 makes the browser follow a POST as a GET without its body: every batch was
    // lost, refused by the collector as a GET with no route, or taken by a server that answers any GET)
    const server = createServer((req, res) => {
      seen.push(req.method!)
      res.writeHead(code, { Location: `http://127.0.0.1:${PORT}${req.url}`, 'Access-Control-Allow-Origin': '*' }).end()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const warnings: string[] = []
      page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()))
      await page.goto(`/fixtures/redirect-endpoint.html?wk=${key}&rp=${(server.address() as AddressInfo).port}`)
      await expect.poll(() => warnings.filter((w) => /^\[pixel\] endpoint http:\/\/127\.0\.0\.1:\d+ redirects/.test(w)).length).toBe(1)
      await page.evaluate(() => pixel.track('afterRedirect'))
      await page.evaluate(() => pixel.flush())
      const list = await waitForEvents(request, key, 2)
      expect(list.map((r) => r.event.event || r.event.type)).toEqual(['page', 'afterRedirect'])
      // the page view's request alone went by the redirect; the rest straight to the collector
      expect(seen).toEqual(['POST'])
    } finally {
      server.close()
    }
  })

test('a site whose localStorage quota is full: the outbox works in memory, nothing is thrown, and events a failing collector refused still go', async ({ page, request }, info) => {
  const key = keyFor(info)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto('/fixtures/plain.html')
  // the site's own data fills the quota, to the last character
  await page.evaluate(() => {
    let s = 'x'.repeat(100_000)
    for (let i = 0; s; i++)
      try {
        localStorage.setItem('app' + i, s)
      } catch {
        s = s.slice(0, s.length >> 1)
      }
  })
  await page.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  await setFaults(request, key, { errorRate: 1 })
  // (flush() resolves once the send failed)
  await page.evaluate(() => (pixel.track('a'), pixel.track('b'), pixel.flush()))
  await setFaults(request, key)
  await page.evaluate(() => pixel.flush())
  expect(names(await waitForEvents(request, key, 3))).toEqual(['a', 'b'])
  await page.goto(`/fixtures/tag.html?wk=${key}&n=2`)
  await waitForEvents(request, key, 4)
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pixel.')))).toEqual([])
  expect(errors).toEqual([])
})

test('a slow uplink (4 KB/s) takes a round that needs more than 10 s to go up: it arrives once, in one request, not cut off and sent again and again', async ({ page, request }, info) => {
  test.setTimeout(90_000)
  const key = keyFor(info)
  await page.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  const bodies: number[] = []
  page.on('request', (r) => r.method() == 'POST' && bodies.push((r.postData() || '').length))
  // Chromium's own network throttling: the request really goes up at 4 KB/s
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 100, downloadThroughput: 20_000, uploadThroughput: 4_000 })
  await page.evaluate(() => {
    for (let i = 0; i < 45; i++) pixel.track('slow' + i, { text: 'x'.repeat(500) })
  })
  await waitForEvents(request, key, 46, undefined, 60_000)
  // one body of about 50 KB: 12 s or more to go up
  expect(bodies).toHaveLength(1)
  expect(bodies[0]).toBeGreaterThan(48_000)
  // (was: cut off at 10 s and sent again, 10 events at a time getting through between tries)
  expect(await stats(request, key)).toEqual({ stored: 46, duplicates: 0 })
})

test('an app that replaces its URL as it goes (replaceState, as a search box that keeps its query in the URL): its events still go in one batch', async ({ page, request }, info) => {
  const key = keyFor(info)
  await page.goto(`/fixtures/spa.html#${key}`)
  await waitForEvents(request, key, 1)
  const posts: string[] = []
  page.on('request', (r) => r.method() == 'POST' && posts.push(r.postData() || ''))
  await page.evaluate(() => {
    for (const q of ['g', 'gi', 'gif', 'gift', 'gifts']) pixel.track('typed', { q }), history.replaceState(null, '', '?q=' + q + location.hash)
  })
  await waitForEvents(request, key, 6)
  // (was: 5 requests, one per event: each replaceState, a Navigation API navigate, sent what waited)
  expect(posts).toHaveLength(1)
})

test('an event on its way when the page is left is sent by that page once (its keepalive request goes on), and once more by the next page, which never had its answer', async ({ page, request }, info) => {
  const key = keyFor(info)
  await page.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  // from now the collector stores this key's events at once, and answers 1 s later: the request
  // is still on its way at pagehide
  await setFaults(request, key, { hold: 1000 })
  // (not awaiting flush(), which ends with the send)
  await page.evaluate(() => void (pixel.track('onItsWay'), pixel.flush()))
  await waitForEvents(request, key, 2)
  // Chromium rejects the page's fetches in flight at pagehide, though a keepalive one goes on: a
  // copy sent then (as for a keepalive request refused for want of quota) arrived too. (A page
  // whose own pagehide listener takes a while, as this one's, gives such a copy time to leave.)
  await page.evaluate(() =>
    addEventListener('pagehide', () => {
      for (const t = performance.now(); performance.now() - t < 200; );
    }),
  )
  const resent = page.waitForResponse((r) => (r.request().postData() || '').includes('"onItsWay"'), { timeout: 15_000 })
  // (a navigation the page makes, as a link's)
  await page.evaluate(() => (location.href += '&next=1'))
  // the next page takes over the event it left (its answer never came) and sends it again; the
  // copies sent before this one have arrived by the time it is answered
  await resent
  expect(names(await stored(request, key))).toEqual(['onItsWay'])
  expect(await stats(request, key)).toEqual({ stored: 3, duplicates: 1 })
})

test('offline: 50 events, a reload while offline, back online: all 50 arrive once', async ({ page, context, request }, info) => {
  const key = keyFor(info)
  await page.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  let attempts = 0
  page.on('request', (r) => r.url().includes('/v1/batch') && attempts++)
  await context.setOffline(true)
  await trackMany(page, 'off', 0, 50)
  await page.evaluate(() => pixel.flush())
  // tried, and failed at once (navigator.onLine is not trusted: see the next spec)
  expect(attempts).toBeGreaterThan(0)
  await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/)
  await context.setOffline(false)
  await page.goto(`/fixtures/tag.html?wk=${key}&again=1`)
  const list = await waitForEvents(request, key, 52)
  expect(sorted(names(list))).toEqual(sorted(range('off', 0, 50)))
})

test('a page that clears its storage (localStorage.clear() at a logout) while the collector fails: the events that waited arrive once it is back', async ({ page, request }, info) => {
  const key = keyFor(info)
  await page.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  await setFaults(request, key, { downFor: 600_000 })
  // sent, failed: they wait in the outbox's segment for their retry
  await page.evaluate(() => (pixel.track('beforeLogout'), pixel.track('logout'), pixel.flush()))
  await page.evaluate(() => localStorage.clear())
  await setFaults(request, key)
  await page.evaluate(() => (pixel.track('afterLogout'), pixel.flush()))
  // (was: the two that waited given up, as if another tab had taken them over)
  expect(names(await waitForEvents(request, key, 4))).toEqual(['beforeLogout', 'logout', 'afterLogout'])
})

test('back online after a failed try offline, what waits goes at once, past the backoff', async ({ page, context, request }, info) => {
  const key = keyFor(info)
  await page.clock.install()
  await page.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  // the page's clock stands still from now: no timer of pixel's runs, its retry included
  await page.clock.pauseAt(Date.now() + 60_000)
  await context.setOffline(true)
  await page.evaluate(() => {
    pixel.track('offline')
    pixel.flush().then(() => ((window as any).tried = 1))
  })
  // the failed try ends a task after its fetch fails (a keepalive fetch is tried once more
  // without keepalive): the clock moves a millisecond at a time until it has, far from the
  // retry (500 ms or more away)
  await expect.poll(async () => (await page.clock.runFor(1), page.evaluate(() => (window as any).tried))).toBe(1)
  await context.setOffline(false)
  const list = await waitForEvents(request, key, 2)
  expect(list[1].event.event).toBe('offline')
})

test('a collector that takes a request and never answers holds the page 10 s at most: what the page tracks meanwhile is sent then', async ({ page, request }, info) => {
  test.setTimeout(45_000)
  const key = keyFor(info)
  // the requests of this key are held 25 s (the collector answers them then); another key's are not
  await setFaults(request, key, { latency: 25_000 })
  const held = page.waitForRequest((r) => r.url().includes(`writeKey=${key}`))
  await page.goto(`/fixtures/tag.html?wk=${key}`)
  await held
  // the page view is on its way, and held: an event for another key, made now, waits for that send
  await page.evaluate((k) => (pixel.init({ writeKey: k }), pixel.track('after')), `${key}-2`)
  // (was: it went once the held request ended, 25 s later)
  const list = await waitForEvents(request, `${key}-2`, 1, undefined, 20_000)
  expect(list[0].event.event).toBe('after')
})

test('a browser that says it is offline while it is online (navigator.onLine false: Brave, some network setups) delivers all the same', async ({ page, request }, info) => {
  const key = keyFor(info)
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'onLine', { get: () => false, configurable: true }))
  await page.goto(`/fixtures/tag.html?wk=${key}`)
  await page.waitForFunction(() => !navigator.onLine && !!(window as any).pixel?.version)
  await page.evaluate(() => (pixel.track('a'), pixel.track('b'), pixel.flush()))
  const list = await waitForEvents(request, key, 3)
  expect(list.map((r) => r.event.event || r.event.type)).toEqual(['page', 'a', 'b'])
})

test('events another page of the site left behind, under another write key, go under their own key', async ({ page, context, request }, info) => {
  const key = keyFor(info)
  const other = key + 'other'
  await page.goto(`/fixtures/tag.html?wk=${other}`)
  await waitForEvents(request, other, 1)
  // offline, so that the event stays in the page's outbox, which it leaves behind when closed
  await context.setOffline(true)
  await page.evaluate(() => pixel.track('leftBehind'))
  await page.close()
  await context.setOffline(false)
  // a page of the same site under this key takes it over and sends it
  const next = await context.newPage()
  await next.goto(`/fixtures/tag.html?wk=${key}`)
  const list = await waitForEvents(request, other, 2)
  expect(list.map((r) => r.event.event || r.event.type)).toEqual(['page', 'leftBehind'])
  expect((await waitForEvents(request, key, 1)).map((r) => r.event.type)).toEqual(['page'])
})

test('two tabs tracking for 10 s with faults on: every event stored once, none sent twice', async ({ context, request }, info) => {
  test.setTimeout(90_000)
  const key = keyFor(info)
  const [a, b] = [await context.newPage(), await context.newPage()]
  await a.goto(`/fixtures/tag.html?wk=${key}`)
  await b.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 2)
  await setFaults(request, key, { errorRate: 0.3, rate429: 0.1, retryAfter: 1 })
  const run = (p: Page, tab: string) =>
    p.evaluate(async (tab) => {
      const end = Date.now() + 10_000
      let i = 0
      while (Date.now() < end) {
        pixel.track(tab + (i++))
        await new Promise((r) => setTimeout(r, 40))
      }
      return i
    }, tab)
  const [na, nb] = await Promise.all([run(a, 'A'), run(b, 'B')])
  await setFaults(request, key)
  await Promise.all([a.evaluate(() => pixel.flush()), b.evaluate(() => pixel.flush())])
  const list = await waitForEvents(request, key, 2 + na + nb, undefined, 30_000)
  expect(sorted(names(list))).toEqual(sorted([...range('A', 0, na), ...range('B', 0, nb)]))
  expect((await stats(request, key)).duplicates).toBe(0)
  expect(na + nb).toBeGreaterThan(200)
})

test('outbox full: the oldest are dropped and counted, the rest arrive', async ({ page, request }, info) => {
  const key = keyFor(info)
  const logs: string[] = []
  page.on('console', (m) => logs.push(m.text()))
  await page.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  await page.evaluate(() => pixel.debug(true))
  await setFaults(request, key, { downFor: 600_000 })
  await page.evaluate(() => {
    for (let i = 0; i < 520; i++) pixel.track('full' + i)
    return pixel.flush()
  })
  expect((await stored(request, key)).length).toBe(1)
  await setFaults(request, key)
  await page.evaluate(() => pixel.flush())
  const list = await waitForEvents(request, key, 501)
  // parallel requests may arrive in any order; originalTimestamp keeps the order of tracking
  expect(sorted(names(list))).toEqual(sorted(range('full', 20, 520)))
  expect(list.filter((r) => r.event.context.droppedEvents).map((r) => [r.event.event, r.event.context.droppedEvents])).toEqual([['full20', 20]])
  await expect.poll(() => logs).toContain('[pixel] outbox full: 20 oldest event(s) dropped')
})

test('a tab that crashes mid-send leaves its events to another open tab, once its lease runs out', async ({ context, request }, info) => {
  test.setTimeout(60_000)
  const key = keyFor(info)
  const [a, b] = [await context.newPage(), await context.newPage()]
  await a.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  await setFaults(request, key, { downFor: 600_000 })
  await trackMany(a, 'crash', 0, 20)
  // the send fails (collector down): the events are in A's outbox segment when it dies
  await a.evaluate(() => pixel.flush())
  const fromB: string[] = []
  b.on('request', (r) => r.url().includes('/v1/batch') && fromB.push(r.postData() || ''))
  await b.goto(`/fixtures/tag.html?wk=${key}&tab=b`)
  const cdp = await context.newCDPSession(a)
  // the renderer dies without pagehide; Page.crash itself never answers
  const crashed = a.waitForEvent('crash')
  cdp.send('Page.crash').catch(() => {})
  await crashed
  await setFaults(request, key)
  // B sends them, once A's lease has run out. Waited for, not read once the collector has them:
  // the collector can show them before Playwright has passed B's request on to this test.
  await expect.poll(() => fromB.some((body) => body.includes('"crash0"')), { message: 'B sends the events A left', timeout: 40_000 }).toBe(true)
  const list = await waitForEvents(request, key, 22)
  expect(sorted(names(list))).toEqual(sorted(range('crash', 0, 20)))
})

test('a backlog a failing page left is probed by the next page, ten events a request, until the collector answers; then all arrive once', async ({ context, request }, info) => {
  const key = keyFor(info)
  const first = await context.newPage()
  await first.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  await setFaults(request, key, { downFor: 600_000 })
  await first.evaluate(() => {
    for (let i = 0; i < 150; i++) pixel.track('backlog' + i)
    return pixel.flush()
  })
  await first.close()
  // the next page of the site takes the backlog over, with the failures that came with it
  const next = await context.newPage()
  const batches: string[][] = []
  next.on('request', (r) => r.url().includes('/v1/batch') && batches.push(JSON.parse(r.postData()!).batch.map((e: any) => e.event || e.type)))
  await next.goto(`/fixtures/tag.html?wk=${key}&next=1`)
  await expect.poll(() => batches.flat().filter((n) => n.startsWith('backlog')).length).toBeGreaterThan(0)
  await next.evaluate(() => pixel.flush())
  expect(batches.length).toBeGreaterThan(1)
  for (const b of batches) expect(b.length, 'a request while the collector fails').toBeLessThanOrEqual(10)
  const probes = batches.length
  await setFaults(request, key)
  await next.evaluate(() => pixel.flush())
  const list = await waitForEvents(request, key, 152)
  expect(sorted(names(list))).toEqual(sorted(range('backlog', 0, 150)))
  expect(await stats(request, key)).toMatchObject({ stored: 152 })
  // once one is delivered, full rounds again (100 events, in requests of up to 60 KB)
  expect(Math.max(...batches.slice(probes).map((b) => b.length))).toBeGreaterThan(10)
})

import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { PORT } from '../playwright.config'
import { bfcachePage, keyFor, stored, visitAlone, waitForEvents, watchPlugin, type Stored } from './helpers'

declare const pixel: any

const names = (list: Stored[]) => list.map((r) => r.event.event || r.event.type)
const open = (page: Page, key: string, auto: string, config = '') =>
  page.goto(`/fixtures/triggers.html?wk=${key}&auto=${auto}&port=${PORT}${config ? '&config=' + config : ''}`)
/** Tracks a sentinel and waits for it: every event the steps before it caused has arrived by then (one page, one queue, in order). */
async function settle(page: Page, request: any, key: string, n: number) {
  await page.evaluate(() => pixel.track('sentinel'))
  const list = await waitForEvents(request, key, n + 1, 'native')
  expect(names(list).pop()).toBe('sentinel')
  return list.slice(0, -1)
}
const ready = (page: Page) => page.waitForFunction(() => typeof pixel == 'function' && !!pixel.version)
/** Waits until the page has fetched a plugin (and so, a moment later, runs it): its listeners are then in place. */
const fetched = (page: Page, name: string) =>
  page.waitForFunction((n) => performance.getEntriesByType('resource').some((e) => e.name.includes(`/pixel.${n}.js`)), name)
/**
 * Opens spa-title.html (a router: go(path, title, how)), runs `steps` in the page once its page
 * view is in, and returns the path and query, and the title, of each of the `n` events then in.
 */
async function titles(page: Page, request: any, key: string, steps: () => void, n: number) {
  await page.goto(`/fixtures/spa-title.html#${key}`)
  await waitForEvents(request, key, 1)
  await page.evaluate(steps)
  return (await waitForEvents(request, key, n)).map((r) => [r.event.context.page.path + r.event.context.page.search, r.event.context.page.title])
}

test.describe('automatic triggers', () => {
  test('SPA: one page view per real navigation, with page and referrer following; back/forward; bfcache', async ({ page, request }, info) => {
    const key = keyFor(info)
    await open(page, key, 'pageview')
    await ready(page)
    await waitForEvents(request, key, 1, 'native')
    const base = page.url()
    await page.evaluate(() => history.pushState({}, '', '/app/pricing?plan=pro'))
    await waitForEvents(request, key, 2, 'native')
    await page.evaluate(() => history.pushState({}, '', '/app/pricing?plan=pro')) // the same URL: nothing
    await page.evaluate(() => history.replaceState({}, '', '/app/pricing?plan=team')) // only the query, by replace: nothing
    await page.evaluate(() => history.pushState({}, '', '/app/checkout#step1'))
    await page.evaluate(() => history.replaceState({}, '', '/app/checkout#step2')) // a hash: nothing (hashchange is opt-in)
    await waitForEvents(request, key, 3, 'native')
    await page.goBack() // → /app/pricing?plan=team
    await waitForEvents(request, key, 4, 'native')
    await page.goForward() // → /app/checkout
    const list = await settle(page, request, key, 5)
    const views = list.map((r) => r.event.context.page)
    expect(views.map((p) => p.path)).toEqual(['/fixtures/triggers.html', '/app/pricing', '/app/checkout', '/app/pricing', '/app/checkout'])
    expect(views[1].referrer).toBe(base)
    expect(views[2].referrer).toMatch(/\/app\/pricing\?plan=team$/)
    expect(views[3].search).toBe('?plan=team')
    expect(list[1].event.properties.url).toMatch(/\/app\/pricing\?plan=pro$/)
  })

  test('SPA on the Navigation API: navigate(), the link clicks a router intercepts, and a pushState past pixel’s patch are navigations too', async ({ page, request }, info) => {
    const key = keyFor(info)
    await open(page, key, 'pageview')
    await ready(page)
    await waitForEvents(request, key, 1, 'native')
    // a router of that API: it intercepts the page's navigations, and never calls history.pushState
    await page.evaluate(() => (window as any).navigation.addEventListener('navigate', (e: any) => e.canIntercept && !e.hashChange && e.intercept({ handler: async () => {} })))
    await page.evaluate(() => (window as any).navigation.navigate('/app/pricing').finished)
    await waitForEvents(request, key, 2, 'native')
    await page.evaluate(() => (window as any).navigation.navigate('/app/pricing?plan=team', { history: 'replace' }).finished) // only the query, by replace: nothing
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('a'), { href: '/app/checkout', textContent: 'Checkout' })))
    await page.getByText('Checkout').click()
    await waitForEvents(request, key, 3, 'native')
    // a pushState that does not go through the patched history.pushState (a reference taken before pixel.js ran)
    await page.evaluate(() => History.prototype.pushState.call(history, {}, '', '/app/thanks'))
    await waitForEvents(request, key, 4, 'native')
    await page.evaluate(() => (window as any).navigation.back().finished) // → /app/checkout
    await page.evaluate(() => (window as any).navigation.back().finished) // → /app/pricing?plan=team
    const list = await settle(page, request, key, 6)
    const views = list.map((r) => r.event.context.page)
    expect(views.map((p) => p.path)).toEqual(['/fixtures/triggers.html', '/app/pricing', '/app/checkout', '/app/thanks', '/app/checkout', '/app/pricing'])
    expect(views[2].referrer).toMatch(/\/app\/pricing\?plan=team$/)
    expect(views[5].search).toBe('?plan=team')
  })

  test('SPA: each page view carries its new page’s title, set after the URL changed: in the same task, in a later one, by a replaced <title>, or 300 ms later', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/spa-title.html#${key}`)
    await waitForEvents(request, key, 1)
    const steps = [
      ['/app/a', 'Page A', 'task'],
      ['/app/b', 'Page B', 'element'],
      ['/app/c', 'Page C', 'late'],
      ['/app/d', 'Page D', 'sync'],
    ]
    for (const [i, step] of steps.entries()) {
      await page.evaluate(([path, title, how]) => (window as any).go(path, title, how), step)
      await waitForEvents(request, key, i + 2)
    }
    const views = (await stored(request, key)).map((r) => [r.event.context.page.path, r.event.context.page.title, r.event.properties.title])
    expect(views).toEqual([['/fixtures/spa-title.html', 'Home', 'Home'], ...steps.map(([path, title]) => [path, title, title])])
  })

  test('SPA: a page view whose title does not change waits for it 1 s at most, the calls after it with it; the page left meanwhile sends it at once', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/spa-title.html#${key}`)
    await waitForEvents(request, key, 1)
    // (the new page's own call, in a task after the navigation's, as a framework's effect runs)
    await page.evaluate(() => {
      ;(window as any).go('/app/same', 'Home')
      setTimeout(() => pixel.track('afterNavigation'))
    })
    const list = await waitForEvents(request, key, 3)
    expect(list.map((r) => [r.event.type, r.event.event || r.event.context.page.path, r.event.context.page.title])).toEqual([
      ['page', '/fixtures/spa-title.html', 'Home'],
      ['page', '/app/same', 'Home'],
      ['track', 'afterNavigation', 'Home'],
    ])
    // the view went once its wait was over (then batched), with the moment of its navigation; the
    // track, held with it, with the moment of its call
    expect(Date.parse(list[1].receivedAt) - Date.parse(list[1].event.originalTimestamp)).toBeGreaterThanOrEqual(950)
    expect(Date.parse(list[2].event.originalTimestamp) - Date.parse(list[1].event.originalTimestamp)).toBeLessThan(150)
    // a navigation, then the page is left while its view waits (pixel sees the navigation a task
    // after the pushState: the page leaves a task after that)
    await page.evaluate(() => {
      ;(window as any).go('/app/left', 'Home')
      setTimeout(() => setTimeout(() => (location.href = '/fixtures/plain.html')))
    })
    await page.waitForURL('**/plain.html')
    const views = (await waitForEvents(request, key, 4)).filter((r) => r.event.type == 'page')
    expect(views.map((r) => r.event.context.page.path)).toEqual(['/fixtures/spa-title.html', '/app/same', '/app/left'])
  })

  test('SPA: a call held while a page view waits for its title keeps the page, referrer and time it was made at, when the app navigates again meanwhile', async ({ page, request, baseURL }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/spa-title.html#${key}`)
    await waitForEvents(request, key, 1)
    // two pages that keep the title: each view waits 1 s, and the calls made meanwhile with it
    await page.evaluate(() => {
      ;(window as any).go('/app/a', 'Home')
      setTimeout(() => {
        pixel.track('onA', { n: 1 })
        setTimeout(() => {
          ;(window as any).go('/app/b', 'Home')
          setTimeout(() => pixel.track('onB', { n: 2 }))
        }, 200)
      })
    })
    const list = (await waitForEvents(request, key, 5)).slice(1)
    expect(list.map((r) => [r.event.type, r.event.event || '', r.event.context.page.path, r.event.context.page.referrer])).toEqual([
      ['page', '', '/app/a', `${baseURL}/fixtures/spa-title.html`],
      ['track', 'onA', '/app/a', `${baseURL}/fixtures/spa-title.html`],
      ['page', '', '/app/b', `${baseURL}/app/a`],
      ['track', 'onB', '/app/b', `${baseURL}/app/a`],
    ])
    // in time too: made before the second navigation, not when the wait was over
    const [viewA, onA, viewB, onB] = list.map((r) => Date.parse(r.event.originalTimestamp))
    expect(onA - viewA).toBeLessThan(150)
    expect(onA).toBeLessThan(viewB)
    expect(onB - viewB).toBeLessThan(150)
  })

  test('SPA: a page view still waiting for its title when the app navigates again keeps the title its page had, not the next page’s', async ({ page, request }, info) => {
    // a page that keeps the title (a redirect, a page that sets none), left within its 1 s wait
    // for a page that sets its own at once: the first view took 'Page B'
    const steps = () => {
      ;(window as any).go('/app/a', 'Home')
      setTimeout(() => (window as any).go('/app/b', 'Page B', 'sync'), 100)
    }
    expect(await titles(page, request, keyFor(info), steps, 3)).toEqual([
      ['/fixtures/spa-title.html', 'Home'],
      ['/app/a', 'Home'],
      ['/app/b', 'Page B'],
    ])
  })

  test('SPA: a push then a replace in one task that only changes the query is one navigation (a push), and the page view waiting before it keeps its own title', async ({ page, request }, info) => {
    // (the push goes to the URL shown, the replace adds a query: neither alone is a navigation)
    const steps = () => {
      ;(window as any).go('/app/a', 'Home')
      setTimeout(() => {
        history.pushState({}, '', location.href)
        history.replaceState({}, '', '/app/a?tab=2' + location.hash)
        document.title = 'Tab 2'
      }, 100)
    }
    expect(await titles(page, request, keyFor(info), steps, 3)).toEqual([
      ['/fixtures/spa-title.html', 'Home'],
      ['/app/a', 'Home'],
      ['/app/a?tab=2', 'Tab 2'],
    ])
  })

  test('SPA: a page view sent once the app has navigated away and back to its URL keeps its page’s title, not the one shown then', async ({ page, request }, info) => {
    // /app/a keeps the title, and is left for /app/b, which keeps it too: both views wait (1 s),
    // and the app is back on /app/a, retitled, before they are sent
    const steps = () => {
      ;(window as any).go('/app/a', 'Home')
      setTimeout(() => {
        ;(window as any).go('/app/b', 'Home')
        setTimeout(() => history.back(), 100)
        addEventListener('popstate', () => (document.title = 'Page A again'), { once: true })
      }, 100)
    }
    expect(await titles(page, request, keyFor(info), steps, 4)).toEqual([
      ['/fixtures/spa-title.html', 'Home'],
      ['/app/a', 'Home'],
      ['/app/b', 'Home'],
      ['/app/a', 'Page A again'],
    ])
  })

  test('an event made after a replaceState that adds a query (no navigation) keeps the query, its identification and denied pairs cut', async ({ page, request, baseURL }, info) => {
    const key = keyFor(info)
    const identity = watchPlugin(page, 'identity')
    // a landing without a query: pixel.identity.js is not needed there
    await page.goto(`/fixtures/spa.html#${key}`)
    await waitForEvents(request, key, 1)
    expect(identity).toEqual([])
    // a search page that keeps its state in the query, by replaceState: no page view
    await page.evaluate(() => {
      history.replaceState({}, '', '/fixtures/spa.html?q=shoes&email=jill%40example.com&sharerUserId=7' + location.hash)
      pixel.track('searched')
      pixel.page('Results')
    })
    const list = await waitForEvents(request, key, 3)
    for (const r of list.slice(1)) expect(r.event.context.page).toMatchObject({ url: `${baseURL}/fixtures/spa.html?q=shoes`, search: '?q=shoes' })
    expect(list[2].event.properties).toMatchObject({ url: `${baseURL}/fixtures/spa.html?q=shoes`, search: '?q=shoes' })
    expect(identity).toEqual(['asked', 'in'])
  })

  test('two SPA navigations while the identity plugin comes: each page view has its own URL and referrer', async ({ page, request, baseURL }, info) => {
    const key = keyFor(info)
    const identity = watchPlugin(page, 'identity')
    await page.goto(`/fixtures/spa-late.html#${key}`)
    await waitForEvents(request, key, 1, undefined, 15_000)
    expect(identity).toEqual([])
    // the first URL has a parameter: its page view waits for the plugin that cuts URLs (1.5 s late)
    await page.evaluate(() => history.pushState({}, '', '/app/one?plan=pro'))
    await expect.poll(() => identity).toEqual(['asked'])
    await page.evaluate(() => history.pushState({}, '', '/app/two'))
    const list = await waitForEvents(request, key, 3, undefined, 15_000)
    expect(identity).toEqual(['asked', 'in'])
    const views = list.map((r) => r.event.context.page)
    expect(views.map((v) => v.path)).toEqual(['/fixtures/spa-late.html', '/app/one', '/app/two'])
    expect(views[1]).toMatchObject({ url: `${baseURL}/app/one?plan=pro`, search: '?plan=pro', referrer: `${baseURL}/fixtures/spa-late.html` })
    expect(views[2]).toMatchObject({ url: `${baseURL}/app/two`, search: '', referrer: `${baseURL}/app/one?plan=pro` })
  })

  test('an SPA page view waiting for the identity plugin keeps its place before the calls after it, and is sent when the page is left first', async ({ page, request, baseURL }, info) => {
    const key = keyFor(info)
    const identity = watchPlugin(page, 'identity')
    // a page loaded without a query (pixel.js 1.5 s late, as each plugin): its page view needs no plugin
    await page.goto(`/fixtures/spa-late.html#${key}`)
    await waitForEvents(request, key, 1, 'native', 15_000)
    expect(identity).toEqual([])
    await page.evaluate(() => history.pushState({}, '', '/app/one?plan=pro'))
    // the view asked for the plugin that cuts its URL's parameters; the page is left before it comes
    await expect.poll(() => identity).toEqual(['asked'])
    await page.evaluate(() => {
      pixel.track('afterNavigation')
      location.href = '/fixtures/plain.html'
    })
    const list = await waitForEvents(request, key, 3, 'native')
    expect(identity).toEqual(['asked'])
    expect(names(list)).toEqual(['page', 'page', 'afterNavigation'])
    // without the plugin, the URL goes without its query
    expect(list[1].event.context.page).toMatchObject({ path: '/app/one', url: `${baseURL}/app/one`, search: '' })
  })

  test('a page the browser prerenders (speculation rules) sends its page view once it is shown, not before', async ({ request }, info) => {
    const key = keyFor(info)
    await visitAlone(`/fixtures/prerender.html#${key}`, async () => {
      const list = await waitForEvents(request, key, 2, 'native', 20_000)
      expect(names(list)).toEqual(['page', 'shown'])
      const shown = list[1].event.properties
      // it was prerendered, and its page view was made once it was shown
      expect(shown.activationStart).toBeGreaterThan(0)
      expect(Date.parse(list[0].event.originalTimestamp)).toBeGreaterThanOrEqual(Math.floor(shown.at))
    })
  })

  test('opt-in: a hash change, and a replaceState that changes only the query, count with hashchange and pageview-query', async ({ page, request }, info) => {
    const key = keyFor(info)
    await open(page, key, 'pageview,hashchange,pageview-query')
    await ready(page)
    await waitForEvents(request, key, 1, 'native')
    await page.evaluate(() => (location.hash = '#pricing'))
    await waitForEvents(request, key, 2, 'native')
    await page.evaluate(() => history.replaceState({}, '', location.pathname + '?plan=team#pricing'))
    const list = await settle(page, request, key, 3)
    expect(list.map((r) => r.event.context.page.search)).toEqual([expect.stringContaining('wk='), expect.stringContaining('wk='), '?plan=team'])
    // with hashchange, page URLs keep the fragment: a hash-routed app's route
    const urls = list.map((r) => r.event.context.page.url)
    expect(urls[0]).not.toContain('#')
    expect(urls[1]).toMatch(/\?wk=\w+&.*#pricing$/)
    expect(urls[2]).toMatch(/\/fixtures\/triggers\.html\?plan=team#pricing$/)
  })

  test('with hashchange, a fragment that carries identification pairs before its ? (#email=…&next=/p?x=1) sends none of them', async ({ page, request }, info) => {
    const key = keyFor(info)
    const sent: string[] = []
    page.on('request', (r) => /\/v1\/batch/.test(r.url()) && sent.push(r.url() + ' ' + r.postData()))
    await page.goto(`/fixtures/triggers.html?wk=${key}&auto=pageview,hashchange&port=${PORT}#email=jill%40example.com&token=t0k&next=/checkout?step=2`)
    await ready(page)
    // the landing's identify and page view are in: the page has started (pixel.js is there before
    // that, its start held while pixel.identity.js comes), and watches its navigations
    await waitForEvents(request, key, 2, 'native')
    await page.evaluate(() => (location.hash = '#/cart?sharerUserId=42&email=jack%40example.com&tab=2'))
    // the landing's email identifies the visitor (its identify, first, carries it as a trait)
    const list = await settle(page, request, key, 3)
    expect(names(list)).toEqual(['identify', 'page', 'page'])
    const urls = list.flatMap((r) => [r.event.context.page.url, r.event.context.page.referrer, r.event.properties?.url || ''])
    expect(list.filter((r) => r.event.type == 'page').map((r) => r.event.context.page.url.replace(/^.*#/, '#'))).toEqual(['#next=/checkout?step=2', '#/cart?tab=2'])
    for (const u of urls) expect(u).not.toMatch(/example\.com|t0k|sharerUserId/)
    // nothing else sent carries the token or the sharer
    for (const s of sent) expect(s).not.toMatch(/t0k|sharerUserId|jack/)
  })

  test('a page restored from the back/forward cache counts as a page view', async ({ request }, info) => {
    const key = keyFor(info)
    const { page, close } = await bfcachePage()
    try {
      await open(page, key, 'pageview')
      await waitForEvents(request, key, 1, 'native')
      await page.evaluate(() => ((window as any).sameInstance = true))
      await page.goto('/fixtures/plain.html')
      // a restored page fires no load event: wait for the navigation only
      await page.goBack({ waitUntil: 'commit' })
      // restored, not reloaded: the same page instance, and a second page view
      expect(await page.evaluate(() => (window as any).sameInstance)).toBe(true)
      const list = await waitForEvents(request, key, 2, 'native')
      expect(names(list)).toEqual(['page', 'page'])
      expect(list[0].event.messageId).not.toBe(list[1].event.messageId)
    } finally {
      await close()
    }
  })

  test('scroll depth: 25, 50, 75, 90 once each, through the page and back; counted again after an SPA navigation', async ({ page, request }, info) => {
    const key = keyFor(info)
    await open(page, key, 'pageview,scroll')
    await ready(page)
    const scroll = async (to: number) => {
      await page.evaluate((y) => scrollTo(0, y), to)
      await page.evaluate(() => new Promise(requestAnimationFrame))
    }
    const max = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)
    for (let y = 0; y <= max; y += 300) await scroll(y)
    await scroll(max)
    for (let y = max; y >= 0; y -= 600) await scroll(y)
    for (let y = 0; y <= max; y += 600) await scroll(y)
    let list = await settle(page, request, key, 5)
    expect(list.filter((r) => r.event.event == 'scrollDepth').map((r) => r.event.properties.percent)).toEqual([25, 50, 75, 90])
    // an SPA navigation is a new page view: the depths count again
    await scroll(0)
    await page.evaluate(() => history.pushState({}, '', '/app/next'))
    await waitForEvents(request, key, 7, 'native')
    await scroll(max)
    list = await waitForEvents(request, key, 11, 'native')
    expect(names(list).slice(-4)).toEqual(['scrollDepth', 'scrollDepth', 'scrollDepth', 'scrollDepth'])
  })

  test('content that grows is measured against its current height', async ({ page, request }, info) => {
    const key = keyFor(info)
    await open(page, key, 'pageview,scroll')
    await ready(page)
    // the page grows to 40,000 px (an infinite list) and is scrolled to 10,000 px: 25% was seen
    // (scrolled again until the scroll trigger, loaded after the page view, has measured)
    await page.evaluate(() => (document.getElementById('grow')!.style.height = '36000px'))
    await expect
      .poll(async () => {
        await page.evaluate(() => scrollTo(0, 10000 - innerHeight + (scrollY % 2 ? 0 : 1)))
        return (await stored(request, key, 'native')).filter((r) => r.event.event == 'scrollDepth').length
      })
      .toBeGreaterThan(0)
    const list = await settle(page, request, key, 2)
    expect(list.filter((r) => r.event.event == 'scrollDepth').map((r) => r.event.properties.percent)).toEqual([25])
  })

  test('an app shell (the window never scrolls, its content scrolls in <main>): the depths are <main>\'s; a narrow menu that scrolls is not the page', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/shell.html?wk=${key}`)
    // (the scroll trigger has started with the page view's definitions)
    await waitForEvents(request, key, 2, 'native')
    const scroll = async (id: string, to: number) => {
      await page.evaluate(([id, y]) => document.getElementById(id as string)!.scrollTo(0, y as number), [id, to])
      await page.evaluate(() => new Promise(requestAnimationFrame))
    }
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(true)
    // the menu, scrolled to its end first, is not taken for the page
    for (let y = 0; y <= 4000; y += 500) await scroll('nav', y)
    expect(names(await settle(page, request, key, 2))).toEqual(['page', 'started'])
    const max = await page.evaluate(() => document.getElementById('main')!.scrollHeight - innerHeight)
    for (let y = 0; y <= max; y += 300) await scroll('main', y)
    await scroll('main', max)
    await scroll('main', 0)
    await scroll('main', max)
    const list = (await settle(page, request, key, 7)).slice(3)
    expect(names(list)).toEqual(['scrollDepth', 'scrollDepth', 'scrollDepth', 'scrollDepth'])
    expect(list.map((r) => r.event.properties.percent)).toEqual([25, 50, 75, 90])
  })

  test('a UTM-tagged link click that navigates at once arrives, with the link and its UTM values (no email)', async ({ page, request }, info) => {
    const key = keyFor(info)
    await open(page, key, 'pageview,utm-clicks,outbound-clicks')
    await ready(page)
    await waitForEvents(request, key, 1, 'native')
    await page.click('#utm')
    await page.waitForURL('**/plain.html*')
    const [, click] = await waitForEvents(request, key, 2, 'native')
    expect(click.event.event).toBe('utmLinkClick')
    expect(click.event.properties).toEqual({
      url: expect.stringMatching(/\/fixtures\/plain.html\?utm_source=news&utm_medium=email&utm_campaign=xmas$/),
      utm_source: 'news',
      utm_medium: 'email',
      utm_campaign: 'xmas',
    })
  })

  test('middle-click, ctrl-click, keyboard, and a click inside the link count; an untagged inner link does not', async ({ page, context, request }, info) => {
    const key = keyFor(info)
    await open(page, key, 'pageview,utm-clicks,outbound-clicks')
    await ready(page)
    // (a click before the plugin of link clicks is in is not seen)
    await fetched(page, 'triggers')
    const popup = context.waitForEvent('page')
    await page.click('#out', { button: 'middle' })
    await (await popup).close()
    const popup2 = context.waitForEvent('page')
    await page.click('#utm-inner', { modifiers: ['ControlOrMeta'] })
    await (await popup2).close()
    await page.click('#plainlink', { modifiers: ['ControlOrMeta'] }).catch(() => {})
    const list = await settle(page, request, key, 3)
    expect(names(list)).toEqual(['page', 'outboundLinkClick', 'utmLinkClick'])
    expect(list[1].event.properties).toEqual({ url: `http://localhost:${PORT}/fixtures/plain.html` })
    await page.focus('#utm')
    await page.keyboard.press('Enter')
    await page.waitForURL('**/plain.html*')
    expect(names(await waitForEvents(request, key, 5, 'native')).pop()).toBe('utmLinkClick')
  })

  test('a UTM-tagged link of an inline SVG counts, its relative href made absolute', async ({ page, request }, info) => {
    const key = keyFor(info)
    await open(page, key, 'pageview,utm-clicks')
    await ready(page)
    await fetched(page, 'triggers')
    await page.click('#svg-utm')
    await page.waitForURL('**/plain.html*')
    const [, click] = await waitForEvents(request, key, 2, 'native')
    expect([click.event.event, click.event.properties]).toEqual([
      'utmLinkClick',
      { url: `http://127.0.0.1:${PORT}/fixtures/plain.html?utm_source=map&utm_campaign=region`, utm_source: 'map', utm_campaign: 'region' },
    ])
  })

  test('inside a web component’s shadow root: a UTM-tagged link and data-pixel-event markup count', async ({ page, request }, info) => {
    const key = keyFor(info)
    await open(page, key, 'pageview,markup,utm-clicks')
    await ready(page)
    await fetched(page, 'triggers')
    // (Playwright's CSS locators pierce open shadow roots; the clicks land on the inner <i> and <b>)
    await page.click('#shadow-markup i')
    await page.click('#shadow-utm b')
    await page.waitForURL('**/plain.html*')
    const list = await waitForEvents(request, key, 3, 'native')
    expect(list.map((r) => [r.event.event || r.event.type, r.event.properties])).toEqual([
      ['page', expect.anything()],
      ['giftCardClick', { plan: 'monthly' }],
      ['utmLinkClick', { url: expect.stringMatching(/\/fixtures\/plain.html\?utm_source=card&utm_campaign=gift$/), utm_source: 'card', utm_campaign: 'gift' }],
    ])
  })

  test('data-pixel-event markup: on by default, with data-pixel-prop-* properties, clicks inside count', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/tag.html?wk=${key}`)
    await ready(page)
    await page.evaluate(() => {
      const b = document.createElement('button')
      b.setAttribute('data-pixel-event', 'clickGenerateShareLink')
      b.setAttribute('data-pixel-prop-campaign', 'christmas')
      b.innerHTML = '<b id="inner">Share</b>'
      document.body.append(b)
    })
    await page.click('#inner')
    const list = await settle(page, request, key, 2)
    expect(list[1].event).toMatchObject({ event: 'clickGenerateShareLink', properties: { campaign: 'christmas' } })
  })

  test('event definitions from data-config: present, visible (rendered 2 s after load), click, scroll, utm-click and conditions', async ({ page, request }, info) => {
    const key = keyFor(info)
    const warnings: string[] = []
    page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()))
    await page.goto(`/fixtures/triggers.html?wk=${key}&auto=pageview&config=/fixtures/events.json&port=${PORT}&utm_medium=email`)
    await ready(page)
    // the button appears after 2 s at the bottom, out of view: present, not visible
    await expect(page.locator('#late')).toBeAttached({ timeout: 5000 })
    // (present looks at the DOM within 0.2 s of a change: its event, then the sentinel after it)
    await expect.poll(async () => names(await stored(request, key, 'native'))).toContain('loadGiftButton')
    let list = await settle(page, request, key, 3)
    expect(names(list)).toEqual(['page', 'landedFromEmail', 'loadGiftButton'])
    await page.locator('#late').scrollIntoViewIfNeeded()
    await page.click('#late')
    await page.click('#late')
    list = await settle(page, request, key, 3 + 1 + 4)
    const after = names(list).slice(4)
    expect(after.filter((n) => n == 'viewGiftButton')).toHaveLength(1)
    expect(after.filter((n) => n == 'clickGenerateShareLink')).toHaveLength(2)
    expect(after.filter((n) => n == 'twoThirds')).toHaveLength(1)
    expect(list.find((r) => r.event.event == 'viewGiftButton')!.event.properties).toEqual({ campaign: 'christmas' })
    expect(list.find((r) => r.event.event == 'twoThirds')!.event.properties).toEqual({ percent: 66 })
    // conditions: a pricing page view matches its path, nothing matches /elsewhere
    await page.evaluate(() => history.pushState({}, '', '/app/pricing'))
    // a new page view: the conditions are checked again, and present and visible fire once more
    // (visible and scroll depth are IntersectionObserver callbacks: waited for, not ordered; the
    // page is still scrolled to the bottom, so two thirds of it are in view again)
    await expect
      .poll(async () => names(await stored(request, key, 'native')).slice(9).sort())
      .toEqual(['landedFromEmail', 'loadGiftButton', 'onPricing', 'page', 'twoThirds', 'viewGiftButton'])
    list = await settle(page, request, key, 15)
    expect(names(list)).not.toContain('neverHere')
    // a UTM-tagged link: the utm-click definition (not the built-in utmLinkClick, which is off)
    await page.evaluate(() => history.pushState({}, '', '/fixtures/triggers.html'))
    await page.click('#utm')
    await page.waitForURL('**/plain.html*')
    const tagged = async () => (await stored(request, key, 'native')).filter((r) => r.event.event == 'taggedLink')
    await expect.poll(async () => (await tagged()).length).toBe(1)
    expect(names(await stored(request, key, 'native'))).not.toContain('utmLinkClick')
    const [link] = await tagged()
    expect(link.event.properties).toMatchObject({ utm_source: 'news', utm_medium: 'email', utm_campaign: 'xmas' })
    expect(link.event.properties.url).not.toMatch(/email=/)
    // the two invalid definitions were reported once each, naming them
    await expect.poll(() => warnings.filter((w) => /broken/.test(w))).toHaveLength(1)
    await expect.poll(() => warnings.filter((w) => /badSelector/.test(w))).toHaveLength(1)
  })

  test('visible: a section taller than twice the window (its ratio can never reach 0.5) counts once it fills half the window, not when its edge peeks in', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/tag.html?wk=${key}`)
    await ready(page)
    const height = await page.evaluate(() => innerHeight)
    await page.evaluate(() => {
      const tall = document.createElement('section')
      tall.id = 'tall'
      tall.style.cssText = 'height:300vh;margin-top:150vh;background:#eee'
      document.body.append(tall)
      // after the start: the definitions an init() adds start on the current page view
      pixel.init({ events: [{ event: 'viewTall', trigger: 'visible', selector: '#tall' }] })
    })
    await fetched(page, 'triggers')
    /** Scrolls so that the section fills `share` of the window, and lets the observer run (its callbacks come with a frame). */
    const fill = (share: number) =>
      page.evaluate(async (y) => {
        const top = document.getElementById('tall')!.getBoundingClientRect().top + scrollY
        scrollTo(0, top - innerHeight + y)
        for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame)
      }, Math.round(height * share))
    await fill(0.2)
    // its top edge in the lower fifth of the window: not in view yet
    expect(names(await settle(page, request, key, 1))).toEqual(['page'])
    await fill(0.7)
    await expect.poll(async () => names(await stored(request, key, 'native'))).toContain('viewTall')
    // once per page view: scrolled through it and back, it is not sent again
    await fill(1.5)
    await fill(0.7)
    const list = await settle(page, request, key, 3)
    expect(names(list).filter((n) => n == 'viewTall')).toHaveLength(1)
  })

  test('present: an element rendered while the tab is in the background (no animation frames) is sent then, not once the tab is shown', async ({ page, request }, info) => {
    const key = keyFor(info)
    // a tab opened in the background: hidden, and given no animation frames, as Chromium does
    // (headless Chromium never hides a page: the document says it is hidden, and rAF never calls back)
    await page.addInitScript(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
      Object.defineProperty(document, 'hidden', { value: true, configurable: true })
      window.requestAnimationFrame = () => 0
    })
    await page.goto(`/fixtures/tag.html?wk=${key}`)
    await ready(page)
    // (a pageview definition is sent as the definitions start: once it is in, present watches)
    await page.evaluate(() =>
      pixel.init({
        events: [
          { event: 'started', trigger: 'pageview' },
          { event: 'loadGiftButton', trigger: 'present', selector: '#gift' },
        ],
      }),
    )
    await expect.poll(async () => names(await stored(request, key, 'native'))).toEqual(['page', 'started'])
    await page.evaluate(() => {
      const b = document.createElement('button')
      b.id = 'gift'
      document.body.append(b)
    })
    await expect.poll(async () => names(await stored(request, key, 'native'))).toEqual(['page', 'started', 'loadGiftButton'])
  })

  test('web vitals: the chunk loads only when on, and each metric arrives once, the last ones after the page is hidden', async ({ page, request }, info) => {
    const key = keyFor(info)
    const chunks: string[] = []
    page.on('request', (r) => /pixel\.\w+\.js/.test(r.url()) && chunks.push(new URL(r.url()).pathname))
    await open(page, key, 'pageview')
    await ready(page)
    await settle(page, request, key, 1)
    expect(chunks).not.toContain('/pixel.vitals.js')

    const key2 = key + 'v'
    await open(page, key2, 'pageview,vitals')
    // FCP and TTFB are final early; LCP, CLS and INP when the page is hidden
    await expect.poll(async () => (await stored(request, key2, 'native')).filter((r) => r.event.event == 'webVital').length).toBeGreaterThanOrEqual(2)
    expect(chunks).toContain('/pixel.vitals.js')
    await page.click('#nomarkup')
    // the click is an interaction once the browser has its timing entry (INP is made of it)
    await page.evaluate(() => new Promise((done) => new PerformanceObserver((_, o) => (o.disconnect(), done(0))).observe({ type: 'first-input', buffered: true })))
    // and web-vitals has processed it: it does so when idle (an idle callback asked for after its
    // own runs after it), and one pending when the page is hidden is lost (a web-vitals limit)
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestIdleCallback(() => done(0)))))
    await page.goto('/fixtures/plain.html')
    await expect
      .poll(async () => (await stored(request, key2, 'native')).filter((r) => r.event.event == 'webVital').map((r) => r.event.properties.name).sort())
      .toEqual(['CLS', 'FCP', 'INP', 'LCP', 'TTFB'])
    const vital = (await stored(request, key2, 'native')).find((r) => r.event.properties.name == 'LCP')!
    expect(vital.event.properties).toEqual({ name: 'LCP', value: expect.any(Number), rating: expect.stringMatching(/good|needs-improvement|poor/), navigationType: 'navigate' })
  })

  test('web vitals are of the page the document loaded as, though an SPA has navigated before they are final', async ({ page, request }, info) => {
    const key = keyFor(info)
    await open(page, key, 'pageview,vitals')
    const vitals = async () => (await stored(request, key, 'native')).filter((r) => r.event.event == 'webVital')
    await expect.poll(async () => (await vitals()).length).toBeGreaterThanOrEqual(2)
    // the page's first input is the click on a router's link: LCP is final then, after the navigation
    await page.evaluate(() =>
      document.body.append(
        Object.assign(document.createElement('button'), {
          id: 'route',
          textContent: 'Pricing',
          onclick: () => (((window as any).navigatedAt = Date.now()), history.pushState({}, '', '/app/pricing'), (document.title = 'Pricing')),
        }),
      ),
    )
    await page.click('#route')
    const navigatedAt: number = await page.evaluate(() => (window as any).navigatedAt)
    await page.evaluate(() => new Promise((done) => new PerformanceObserver((_, o) => (o.disconnect(), done(0))).observe({ type: 'first-input', buffered: true })))
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestIdleCallback(() => done(0)))))
    const viewsOf = async () => (await stored(request, key, 'native')).filter((r) => r.event.type == 'page').map((r) => r.event)
    await expect.poll(async () => (await viewsOf()).map((v) => v.context.page.path)).toEqual(['/fixtures/triggers.html', '/app/pricing'])
    const views = await viewsOf()
    // an event made after LCP's is of the page now
    await expect.poll(async () => (await vitals()).some((r) => r.event.properties.name == 'LCP')).toBe(true)
    await page.evaluate(() => pixel.track('after'))
    await expect
      .poll(async () => (await stored(request, key, 'native')).find((r) => r.event.event == 'after')?.event.context.page)
      .toMatchObject({ path: '/app/pricing', title: 'Pricing', referrer: views[0].context.page.url })
    // CLS and INP are final when the page is hidden, on the SPA's route
    await page.goto('/fixtures/plain.html')
    await expect.poll(async () => (await vitals()).map((r) => r.event.properties.name).sort()).toEqual(['CLS', 'FCP', 'INP', 'LCP', 'TTFB'])
    const list = (await vitals()).map((r) => r.event)
    const lcp = list.find((e) => e.properties.name == 'LCP')!
    // (the case this is about: the metric was made after the navigation. Not necessarily after
    // its view: web-vitals reports it in an idle callback after the click, which may come before
    // the task a moment later that reads the view)
    expect(Date.parse(lcp.originalTimestamp)).toBeGreaterThanOrEqual(navigatedAt)
    expect(views[1].context.page.title).toBe('Pricing')
    for (const e of list) expect({ name: e.properties.name, ...e.context.page }).toEqual({ name: e.properties.name, ...views[0].context.page })
  })

  test('the README example: seed 000’s before-the-flow events from a JSON file, without a line of site code', async ({ page, request }, info) => {
    const key = keyFor(info)
    // the README shows this very file
    const readme = readFileSync('README.md', 'utf8')
    const shown = readme.slice(readme.indexOf('<!-- envoy-events:start -->'), readme.indexOf('<!-- envoy-events:end -->'))
    expect(JSON.parse(shown.slice(shown.indexOf('['), shown.lastIndexOf(']') + 1))).toEqual(JSON.parse(readFileSync('public/envoy-events.json', 'utf8')))
    await page.goto(`/gift-nocode.html?wk=${key}&userId=12`)
    const before = ['loadGiftButton', 'viewGiftButton']
    await expect.poll(async () => (await stored(request, key, 'envoy')).map((r) => r.event.eventName).sort()).toEqual(before.sort())
    await page.click('#gift-button')
    const all = ['clickGenerateShareLink', 'loadGiftButton', 'viewGiftButton', 'viewShareDetailsModal']
    await expect.poll(async () => (await stored(request, key, 'envoy')).map((r) => r.event.eventName).sort()).toEqual(all)
    for (const r of await stored(request, key, 'envoy')) expect(r.event).toMatchObject({ userId: '12' })
    // the native collector has them too, beside the page view and the identify from the link
    await expect.poll(async () => names(await stored(request, key, 'native')).sort()).toEqual([...all, 'identify', 'page'].sort())
  })

  test('definitions given to init(): a condition that holds and one that does not; scrollDepths configured', async ({ page, request }, info) => {
    const key = keyFor(info)
    await page.goto(`/fixtures/events-init.html?wk=${key}&ref=newsletter`)
    await ready(page)
    await page.locator('.price').scrollIntoViewIfNeeded()
    await expect.poll(async () => names(await stored(request, key, 'native')).sort()).toEqual(['fromNewsletter', 'page', 'pricingSeen', 'scrollDepth', 'scrollDepth'])
    const list = await settle(page, request, key, 5)
    expect(list.filter((r) => r.event.event == 'scrollDepth').map((r) => r.event.properties.percent)).toEqual([10, 100])
    expect(list.find((r) => r.event.event == 'pricingSeen')!.event.properties).toEqual({ plan: 'pro' })
  })
})

test.describe('a config given after the start', () => {
  test('an init() after pixel.js has started adds its definitions, triggers and limits at once; given again, nothing doubles', async ({ page, request }, info) => {
    const key = keyFor(info)
    await open(page, key, 'pageview')
    await ready(page)
    await settle(page, request, key, 1)
    const late = () =>
      pixel.init({
        auto: 'pageview,outbound-clicks',
        limits: [{ event: 'emailOpen', oncePer: '1h' }],
        events: [
          { event: 'lateView', trigger: 'pageview' },
          { event: 'lateClick', trigger: 'click', selector: '#nomarkup' },
        ],
      })
    await page.evaluate(late)
    await page.evaluate(() => pixel.track('emailOpen'))
    await page.evaluate(() => pixel.track('emailOpen'))
    await expect.poll(async () => names(await stored(request, key, 'native'))).toContain('lateView')
    await page.click('#nomarkup')
    await page.evaluate(late)
    await page.click('#nomarkup')
    let list = await settle(page, request, key, 6)
    // (the definitions start once the triggers plugin is in: after the two track() calls, or before)
    expect(names(list).slice(0, 2)).toEqual(['page', 'sentinel'])
    expect(names(list).slice(2).sort()).toEqual(['emailOpen', 'lateClick', 'lateClick', 'lateView'])
    // the second emailOpen was held back by the late limit on the client: the collector (which has
    // the same rule) discarded nothing
    const all = await (await request.get(`/events?meta=1&discarded=1&writeKey=${key}`)).json()
    expect(all.filter((r: { discarded?: string }) => r.discarded)).toEqual([])
    // the outbound-clicks trigger the later init() turned on
    await page.click('#out')
    await page.waitForURL(/localhost/)
    await expect.poll(async () => names(await stored(request, key, 'native')).filter((n) => n == 'outboundLinkClick').length).toBe(1)
    list = await stored(request, key, 'native')
    expect(names(list).filter((n) => n == 'lateView')).toHaveLength(1)
  })

  test('a config file read from the session cache on the next page starts its definitions once', async ({ page, request }, info) => {
    const key = keyFor(info)
    const url = `/fixtures/triggers.html?wk=${key}&auto=pageview&config=/fixtures/events.json&port=${PORT}&utm_medium=email`
    await page.goto(url)
    await ready(page)
    // the gift button appears 2 s after load: a present definition, the last event of each page
    const gifts = async () => names(await stored(request, key, 'native')).filter((n) => n == 'loadGiftButton').length
    await expect.poll(gifts, { timeout: 8000 }).toBe(1)
    // the next page of the tab takes the definitions from sessionStorage, at once
    await page.goto(url + '&n=2')
    await ready(page)
    await expect.poll(gifts, { timeout: 8000 }).toBe(2)
    const list = await settle(page, request, key, (await stored(request, key, 'native')).length)
    expect(names(list).filter((n) => n == 'landedFromEmail')).toHaveLength(2)
  })
})

test('a name auto does not know is reported once, and an init() that repeats bad options reports them no more', async ({ page, request }, info) => {
  const key = keyFor(info)
  const warnings: string[] = []
  page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()))
  // a typo: "pagview" turns the page view off, and says so
  await open(page, key, 'pagview,markup')
  await ready(page)
  await expect.poll(() => warnings.filter((w) => /option auto=pagview is invalid/.test(w)).length).toBe(1)
  await page.evaluate(() => {
    const bad = { scrollDepths: '0,200', limits: [{ event: 'x', oncePer: 'soon' }], events: [{ event: 'broken', trigger: 'hover' }] }
    pixel.init(bad)
    pixel.init({ flushAt: 10 })
    pixel.init({ auto: 'pagview,markup' })
    pixel.track('after')
  })
  const list = await settle(page, request, key, 1)
  expect(names(list)).toEqual(['after'])
  // each bad option once, though three init() calls carried it
  await expect.poll(() => warnings.filter((w) => /scrollDepths/.test(w))).toHaveLength(1)
  await expect.poll(() => warnings.filter((w) => /limits/.test(w))).toHaveLength(1)
  await expect.poll(() => warnings.filter((w) => /broken/.test(w))).toHaveLength(1)
  expect(warnings.filter((w) => /auto=pagview/.test(w))).toHaveLength(1)
})

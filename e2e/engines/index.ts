// `npm run engines`: the heart of what the Playwright suite checks in Chromium, checked in the
// other two engines, Firefox (Gecko) and WebKit (Safari's), against the real collector: events
// arrive, with the page's context and the landing's attribution, through SPA navigation (a
// router on the Navigation API's too), a navigation or a tab closed just after a call, a
// back/forward restore, consent, a collector down for a while, the triggers and web vitals. It
// runs in the browsers that are installed (Debian: firefox-esr; webkit2gtk-driver and xvfb),
// prints one table, and exits 1 when a check fails. Not part of `npm test`: CI installs neither
// browser.
import { spawnSync } from 'node:child_process'
import { createServer } from 'node:http'
import { mkdtempSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createCollector } from '../../collector/createCollector'
import type { Stored } from '../helpers'
import type { Driver } from './driver'
import { firefox } from './firefox'
import { MINIBROWSER, webkit } from './webkit'

// (Node 20 has WebSocket, which firefox.ts speaks, behind a flag; Node 22 on by default)
if (typeof WebSocket == 'undefined') process.exit(spawnSync(process.execPath, ['--experimental-websocket', ...process.argv.slice(1)], { stdio: 'inherit' }).status ?? 1)

const collector = createCollector({
  dataDir: mkdtempSync(join(tmpdir(), 'pixel-engines-')),
  publicDir: resolve('public'),
  distDir: resolve('dist'),
  version: JSON.parse(readFileSync('package.json', 'utf8')).version,
  fixturesDir: resolve('e2e/fixtures'),
  faultControl: true,
})
const server = createServer((req, res) => collector.handle(req, res))
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const events = async (key: string): Promise<Stored[]> => (await fetch(`${base}/events?meta=1&writeKey=${key}`)).json()
/** The key's events once `ok` holds for them (or `ms` has passed: then fails, saying what came). */
async function until(key: string, ok: (l: Stored[]) => boolean, what: string, ms = 8000): Promise<Stored[]> {
  let list: Stored[] = []
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (ok((list = await events(key)))) return list
  throw new Error(`${what}: got ${list.map(name).join(', ') || 'nothing'}`)
}
const name = (s: Stored) => (s.event.type == 'track' ? s.event.event : s.event.type)
const names = (l: Stored[]) => l.map(name).join(',')
function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(what)
}
/** Resolves once window.pixel has replaced the stub (or the tag has run). */
const started = "new Promise((r) => { const t = () => (window.pixel && pixel.version ? r(1) : setTimeout(t, 20)); t() })"

let run = 0
const keyOf = () => `engines${Date.now().toString(36)}${run++}`

const CHECKS: Record<string, (d: Driver, key: string) => Promise<string | void>> = {
  async 'a page view and a track(), with the context of the envelope'(d, key) {
    await d.open(`${base}/fixtures/engines.html?wk=${key}`)
    await d.run(started)
    await d.run("(pixel.track('one', { a: 1 }), pixel.flush())")
    const [view, one] = (await until(key, (l) => l.length >= 2, 'page, one')).map((s) => s.event)
    check(view.type == 'page' && one.event == 'one' && one.properties.a === 1, `events: ${view.type}, ${one.event}`)
    check(view.anonymousId && view.anonymousId == one.anonymousId, 'one anonymousId')
    const c = one.context
    check(typeof c.timezone == 'string' && c.timezone && c.library.name == 'pixel-snippet' && c.page.title == 'Engines' && c.page.path == '/fixtures/engines.html', `context: ${JSON.stringify(c)}`)
    return `timezone ${c.timezone}`
  },
  async 'the landing read from the URL the document was loaded at; identification cut from the URLs sent; a queued call as of its own address'(d, key) {
    await d.open(`${base}/fixtures/engines-stub.html?wk=${key}&utm_source=news&source=Envoy&sharerUserId=u7`)
    await d.run(started)
    const l = await until(key, (l) => l.length >= 2, 'page, queued')
    check(names(l) == 'page,queued', names(l))
    const [view, queued] = l.map((s) => s.event)
    check(view.context.page.path == '/fixtures/engines-stub.html' && !/utm_source/.test(view.context.page.url), `the view's page: ${view.context.page.url}`)
    for (const e of [view, queued]) {
      check(e.context.campaign && e.context.campaign.source == 'news', `campaign: ${JSON.stringify(e.context.campaign)}`)
      check(e.context.attribution && e.context.attribution.source == 'Envoy' && e.context.attribution.sharerUserId == 'u7', `attribution: ${JSON.stringify(e.context.attribution)}`)
    }
    check(/utm_source=news/.test(queued.context.page.url), `the queued call's URL: ${queued.context.page.url}`)
    check(!/sharerUserId/.test(JSON.stringify(l.map((s) => s.event.context.page))), 'sharerUserId in a URL sent')
  },
  async "an SPA navigation's page view, with the new page's title and the referrer"(d, key) {
    await d.open(`${base}/fixtures/engines-stub.html?wk=${key}`)
    await d.run(started)
    await until(key, (l) => l.length >= 2, 'page, queued')
    // (the router renders the new page, and sets its title, after the URL)
    await d.run("(history.pushState({}, '', '/app/pricing'), setTimeout(() => (document.title = 'Pricing'), 50), 1)")
    const l = await until(key, (l) => l.length >= 3, 'a third event')
    const view = l[2].event
    const page = view.context.page
    check(view.type == 'page' && page.path == '/app/pricing' && page.title == 'Pricing' && page.referrer == `${base}/fixtures/engines-stub.html`, `view: ${JSON.stringify(page)}`)
  },
  async 'a router on the Navigation API: its route changes are page views; past the first, an event tracked just before one goes with its view, in one request'(d, key) {
    await d.open(`${base}/fixtures/engines.html?wk=${key}`)
    await d.run(started)
    await until(key, (l) => l.length >= 1, 'the page view')
    if (!(await d.run('!!(window.navigation && navigation.currentEntry)'))) return 'no Navigation API'
    // the router serves /app/ within the document (it intercepts the navigation), never calling pushState
    await d.run("(navigation.addEventListener('navigate', (e) => e.canIntercept && new URL(e.destination.url).pathname.startsWith('/app/') && e.intercept({ handler: async () => {} })), 1)")
    await d.run("(navigation.navigate('/app/a'), setTimeout(() => (document.title = 'A'), 50), 1)")
    await until(key, (l) => l.length >= 2, 'the view of /app/a')
    await d.run("(pixel.track('routed'), navigation.navigate('/app/b'), setTimeout(() => (document.title = 'B'), 50), 1)")
    const l = await until(key, (l) => l.length >= 4, 'routed, the view of /app/b')
    const paths = l.map((s) => (s.event.type == 'page' ? s.event.context.page.path : s.event.event)).join()
    check(paths == '/fixtures/engines.html,/app/a,routed,/app/b', paths)
    // (a request for each view, and one for the event with the view after it: the route change sent nothing early)
    const sent = await d.run<number>("performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/batch')).length")
    check(sent == 3, `${sent} requests, where 3 were due`)
    return 'one request for both'
  },
  async 'an event tracked as the page navigates away arrives (3 times)'(d, key) {
    for (let i = 0; i < 3; i++) {
      await d.open(`${base}/fixtures/engines.html?wk=${key}`)
      await d.run(started)
      await until(key, (l) => l.filter((s) => name(s) == 'page').length > i, 'the page view')
      await d.run(`(pixel.track('last${i}'), setTimeout(() => (location.href = '/fixtures/plain.html')), 1)`)
      await until(key, (l) => l.some((s) => name(s) == `last${i}`), `last${i}`, 5000)
      // (the plain page is loaded before the next round opens another)
      await sleep(300)
    }
  },
  async 'an event tracked as the tab is closed arrives, by beacon or with the next page'(d, key) {
    await d.open(`${base}/fixtures/engines.html?wk=${key}`)
    await d.run(started)
    await until(key, (l) => l.length >= 1, 'the page view')
    await d.run("(pixel.track('closing'), 1)")
    await d.newTab(true)
    const has = (l: Stored[]) => l.some((s) => name(s) == 'closing')
    if (await until(key, has, 'closing', 3000).catch(() => false)) return 'at once'
    await d.open(`${base}/fixtures/engines.html?wk=${key}`)
    await until(key, has, 'closing, with the next page')
    return 'with the next page'
  },
  async 'a page shown again by going back is a page view'(d, key) {
    await d.open(`${base}/fixtures/engines.html?wk=${key}`)
    await d.run(started)
    await until(key, (l) => l.length >= 1, 'the page view')
    await d.run('(window.before = 1)')
    await d.open(`${base}/fixtures/engines.html?wk=${key}&n=2`)
    await until(key, (l) => l.length >= 2, 'the second page view')
    await d.back()
    for (let i = 0; (await d.run<string>('location.search')).includes('n=2'); i++) check(i < 50, 'not back'), await sleep(100)
    await d.run(started)
    const l = await until(key, (l) => l.length >= 3, 'a third page view')
    check(names(l) == 'page,page,page' && !/n=2/.test(l[2].event.context.page.url), names(l))
    return (await d.run('window.before')) ? 'restored from the back/forward cache' : 'loaded again'
  },
  async 'consent pending: nothing is sent until consent(true), then the events held'(d, key) {
    await d.open(`${base}/fixtures/engines.html?wk=${key}&consent=pending`)
    await d.run(started)
    await d.run("(pixel.track('held'), pixel.flush())")
    await sleep(1000)
    check(!(await events(key)).length, 'sent before consent')
    await d.run('(pixel.consent(true), 1)')
    const l = await until(key, (l) => l.length >= 2, 'page, held')
    check(names(l) == 'page,held', names(l))
  },
  async 'the collector down for 2 s: the events wait, then arrive once'(d, key) {
    const down = Date.now()
    await fetch(`${base}/faults?key=${key}`, { method: 'POST', body: JSON.stringify({ downFor: 2000 }) })
    await d.open(`${base}/fixtures/engines.html?wk=${key}`)
    await d.run(started)
    await d.run("(pixel.track('during'), 1)")
    const l = await until(key, (l) => l.length >= 2, 'page, during', 12_000)
    await sleep(500)
    const { stored } = await (await fetch(`${base}/stats?writeKey=${key}`)).json()
    check(names(l) == 'page,during' && stored == 2, `${names(l)}, ${stored} stored`)
    check(l.every((s) => Date.parse(s.receivedAt) >= down + 2000), 'stored while the collector was down')
  },
  async 'web vitals (those the engine measures) of the page'(d, key) {
    await d.open(`${base}/fixtures/engines.html?wk=${key}&auto=pageview,vitals`)
    await d.run(started)
    const vitals = (l: Stored[]) => l.filter((s) => name(s) == 'webVital').map((s) => s.event.properties.name)
    // (and TTFB, where the engine gives the page's responseStart as more than 0: WebKitGTK's
    // clock, in whole ms, most often gives 0 for a page from this machine, which web-vitals takes
    // for no measure)
    const l = await until(key, (l) => vitals(l).includes('FCP'), 'FCP')
    await sleep(1500)
    l.push(...(await events(key)).slice(l.length))
    check(l.every((s) => s.event.context.page.path == '/fixtures/engines.html'), 'the page')
    return vitals(l).join(', ')
  },
  async 'markup clicks, scroll depth and a UTM-tagged link clicked'(d, key) {
    await d.open(`${base}/fixtures/engines.html?wk=${key}&auto=pageview,markup,scroll,utm-clicks`)
    await d.run(started)
    await until(key, (l) => l.length >= 1, 'the page view')
    const depths = (l: Stored[]) => l.filter((s) => name(s) == 'scrollDepth').length
    for (let i = 0; ; i++) {
      // (scrolled down in steps, again until the scroll trigger, a plugin, has measured)
      await d.run(`(scrollTo(0, ${(i % 20) * 250}), 1)`)
      await sleep(50)
      if (i % 20 == 19 && depths(await events(key)) >= 4) break
      check(i < 200, `scroll depth: ${depths(await events(key))} of 4`)
    }
    await d.run("(document.getElementById('markup').click(), setTimeout(() => document.getElementById('utm').click()), 1)")
    const l = await until(key, (l) => l.some((s) => name(s) == 'utmLinkClick'), 'clickShare, utmLinkClick')
    const got = l.map((s) => s.event)
    const percents = got.filter((e) => e.event == 'scrollDepth').map((e) => e.properties.percent)
    check(percents.join() == '25,50,75,90', `scroll depths ${percents}`)
    const share = got.find((e) => e.event == 'clickShare')
    check(share && share.properties.plan == 'gold', 'clickShare with its property')
    const utm = got.find((e) => e.event == 'utmLinkClick')!
    check(utm.properties.utm_source == 'news' && utm.properties.utm_campaign == 'xmas', `utmLinkClick: ${JSON.stringify(utm.properties)}`)
  },
  async 'an app shell: scroll depth of the element its content scrolls in, not of a menu'(d, key) {
    await d.open(`${base}/fixtures/shell.html?wk=${key}`)
    await d.run(started)
    // (the page view's definition: the scroll trigger has started)
    await until(key, (l) => l.length >= 2, 'page, started')
    for (let y = 0; y <= 4000; y += 500) await d.run(`(document.getElementById('nav').scrollTo(0, ${y}), 1)`), await sleep(50)
    await d.run("(pixel.track('menu scrolled'), pixel.flush())")
    const menu = await until(key, (l) => l.some((s) => name(s) == 'menu scrolled'), 'menu scrolled')
    check(!menu.some((s) => name(s) == 'scrollDepth'), `the menu's scroll sent ${names(menu)}`)
    for (let y = 0; y <= 4000; y += 250) await d.run(`(document.getElementById('main').scrollTo(0, ${y}), 1)`), await sleep(50)
    const l = await until(key, (l) => l.filter((s) => name(s) == 'scrollDepth').length >= 4, 'scroll depths')
    const percents = l.filter((s) => name(s) == 'scrollDepth').map((s) => s.event.properties.percent)
    check(percents.join() == '25,50,75,90', `scroll depths ${percents}`)
  },
}

const ENGINES: [string, boolean, () => Promise<Driver>][] = [
  ['Firefox', existsSync('/usr/bin/firefox-esr'), () => firefox()],
  ['WebKit', !!MINIBROWSER && existsSync('/usr/bin/WebKitWebDriver') && (!!process.env.DISPLAY || existsSync('/usr/bin/Xvfb')), () => webkit()],
]
const columns: string[] = []
const rows: Record<string, string[]> = Object.fromEntries(Object.keys(CHECKS).map((k) => [k, []]))
let failed = 0
for (const [engine, installed, launch] of ENGINES) {
  if (!installed) {
    columns.push(`${engine}: not installed`)
    for (const k of Object.keys(CHECKS)) rows[k].push('–')
    continue
  }
  const d = await launch().catch((e: Error) => {
    failed++
    columns.push(`${engine}: **did not start**: ${e.message.split('\n')[0]}`)
    for (const k of Object.keys(CHECKS)) rows[k].push('–')
  })
  if (!d) continue
  columns.push(d.name)
  for (const [k, f] of Object.entries(CHECKS)) {
    const t = Date.now()
    // (a browser that stops answering fails the check, and the next ones go on)
    const limit = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 60 s')), 60_000).unref())
    const cell = await Promise.race([f(d, keyOf()), limit]).then(
      (note) => `ok${note ? ` (${note})` : ''}`,
      (e: Error) => (failed++, `**failed**: ${e.message.split('\n')[0]}`),
    )
    rows[k].push(cell)
    console.error(`${d.name}: ${k}: ${cell} (${Date.now() - t} ms)`)
  }
  await d.quit()
}
server.close()
console.log(`\n| check | ${columns.join(' | ')} |\n|---|${columns.map(() => '---|').join('')}`)
for (const [k, cells] of Object.entries(rows)) console.log(`| ${k} | ${cells.join(' | ')} |`)
process.exit(failed ? 1 : 0)

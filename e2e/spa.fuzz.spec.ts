// Property-based, in a real browser, over a single-page app's navigations: any sequence of
// pushState, replaceState, a push then a replace in one task, the Navigation API's navigate()
// (push or replace), back and forward, each new page titled as routers do it (in the same task, in
// a later one, by a replaced <title>, after its data, or not at all), to URLs with and without
// parameters, identification ones among them, a query replaced in place (no navigation), tracks
// and pauses between, then the page left or kept. A model of the README's `pageview` trigger decides what must arrive: one page view per
// real navigation, and each view and track with its page's URL (cut of identification and denied
// parameters), referrer (the page navigated from), title, and time, in the order made.
// From a fixed seed, like the unit property tests (FUZZ_SEED=random, FUZZ_RUNS to explore).
import fc from 'fast-check'
import { expect, test } from '@playwright/test'
import { FUZZ_TIMES, fuzzRuns, keyFor, orHung, stored } from './helpers'

declare const pixel: any

const HOME = '/fixtures/spa-router.html'
/** where a navigation goes: a path, and a query (the first two ids to cut, a denied email in the last) */
const target = fc.tuple(
  fc.constantFrom('/app/a', '/app/b', '/app/c', HOME),
  fc.constantFrom('', '', '?plan=1', '?plan=2', '?sharerUserId=7', '?plan=1&sharerUserId=7', '?sharerUserId=8&plan=2&x=%20y', '?email=a%40b.co&plan=1'),
).map(([path, query]) => path + query)
/** how the new page's title is set (see the fixture) */
const how = fc.constantFrom('sync', 'task', 'element', 'late', 'none')
/** One doing of the app or the visitor (the step's number names its event, e1, e2…, and its page's title, T1, T2…). */
const step = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('push' as const, 'replace' as const, 'navigate' as const, 'navigateReplace' as const), target, fc.boolean(), how) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('burst' as const), target, fc.boolean(), how, target) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('back' as const, 'forward' as const), how) },
  // a page that keeps its state in the query (filters, a search): replaceState, no navigation
  { weight: 2, arbitrary: fc.tuple(fc.constant('query' as const), fc.constantFrom('?q=shoes', '?q=shoes&sharerUserId=9', '?email=a%40b.co&q=x', '')) },
  { weight: 4, arbitrary: fc.constant(['track'] as const) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('pause' as const), fc.constantFrom(0, 100, 600, 1200)) },
)

/** An event the model expects, as the collector must hold it. */
interface Expected {
  type: 'page' | 'track'
  name?: string
  /** path and query as made (the model cuts them) */
  url: string
  referrer: string | undefined
  title?: string
}

/** The URL an event carries for `url` (path and query): the identification and denied parameters cut, the rest as it was. */
const sent = (origin: string, url: string) => {
  const [path, query = ''] = url.split('?')
  const kept = query.split('&').filter((p) => p && !/^(sharerUserId|email)=/.test(p))
  return origin + path + (kept.length ? '?' + kept.join('&') : '')
}

test('any sequence of SPA navigations, titles, tracks and pauses: one page view per real navigation, each event with its page’s URL, referrer, title and time, in order', async ({ browser, request, baseURL }, info) => {
  test.setTimeout(300_000 * FUZZ_TIMES)
  const origin = baseURL!
  let run = 0
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), fc.boolean(), async (steps, leave) => {
      const key = keyFor(info) + 'r' + run++
      const context = await browser.newContext()
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      const log: string[] = []
      try {
        await page.goto(`${HOME}#${key}`)
        await page.waitForFunction(() => !!(window as any).pixel?.version)
        // a page left while calls wait for the plugin that cuts URLs sends them without their query
        // (triggers.spec.ts): where the run ends so, the plugin is in first (identify() needs it)
        if (leave) await page.evaluate(() => pixel.identify('u1')), await expect.poll(async () => (await stored(request, key)).some((r) => r.event.type == 'identify')).toBe(true)
        // the model: the app's history (URL and title of each entry), the URL pixel last looked
        // at, the document's title, the referrer of the events of the page shown
        const entries = [{ url: HOME, title: 'Home' }]
        let at = 0
        let seen = HOME
        let title = 'Home'
        let referrer: string | undefined = 'first'
        const expected: Expected[] = [{ type: 'page', url: HOME, referrer, title }]
        /** the last page view, whose title is the one its page has when the app leaves it */
        let view = expected[0]
        /** Whether a change of the URL to `url` is a navigation: another path, or another query unless by a replace. */
        const moves = (url: string, replaced: boolean) => {
          const [path, query = ''] = url.split('?')
          const [was, wasQuery = ''] = seen.split('?')
          return path != was || (!replaced && query != wasQuery)
        }
        /** After the URL changed to `url`: the page view, if it is a navigation, with what its page had. */
        const looked = (url: string, replaced: boolean) => {
          if (moves(url, replaced)) {
            view.title = title
            referrer = sent(origin, seen)
            expected.push((view = { type: 'page', url, referrer }))
          }
          seen = url
        }
        let i = 0
        for (const s of steps) {
          i++
          log.push(JSON.stringify(s))
          const name = 'e' + i
          await orHung(
            (async () => {
              switch (s[0]) {
                case 'track':
                  await page.evaluate((n) => pixel.track(n), name)
                  expected.push({ type: 'track', name, url: entries[at].url, referrer, title })
                  break
                case 'query': {
                  const to = entries[at].url.split('?')[0] + s[1]
                  await page.evaluate((a) => (window as any).route(...a), ['replace', to, title, 'none'] as const)
                  looked(to, true)
                  entries[at] = { url: to, title }
                  break
                }
                case 'pause':
                  await page.waitForTimeout(s[1])
                  break
                case 'back':
                case 'forward': {
                  const to = at + (s[0] == 'back' ? -1 : 1)
                  if (to < 0 || to >= entries.length) return
                  // (a change that is no navigation leaves the title: a view still waiting for its
                  // own would take it, and the model would have to know when its wait ended)
                  const how = moves(entries[to].url, false) ? s[1] : 'none'
                  await page.evaluate(([kind, how]) => (window as any).route(kind, null, null, how), [s[0], how])
                  at = to
                  looked(entries[at].url, false)
                  if (how != 'none') title = entries[at].title
                  break
                }
                default: {
                  const [kind, url, fresh, drawn, url2] = s
                  const next = fresh ? 'T' + i : title
                  const to = kind == 'burst' ? url2! : url
                  const replaced = kind == 'replace' || kind == 'navigateReplace'
                  // (a burst's push is looked at too: a task later, with the replaced URL)
                  const how = moves(to, replaced) ? drawn : 'none'
                  await page.evaluate((a) => (window as any).route(...a), [kind, url, next, how, url2] as const)
                  looked(to, replaced)
                  if (how != 'none') title = next
                  if (replaced) entries[at] = { url: to, title }
                  else entries.splice(++at, entries.length, { url: to, title })
                }
              }
            })(),
            20_000,
            () => `step ${i} hung`,
          )
        }
        view.title = title
        log.push(leave ? 'leave' : 'stay')
        if (leave) await page.evaluate(() => (location.href = '/fixtures/plain.html')), await page.waitForURL('**/plain.html')
        else await page.evaluate(() => pixel.track('end')), expected.push({ type: 'track', name: 'end', url: entries[at].url, referrer, title })

        let list: any[] = []
        await expect
          .poll(async () => (list = (await stored(request, key)).map((r) => r.event).filter((e) => e.type != 'identify')).length, { timeout: 20_000 })
          .toBeGreaterThanOrEqual(expected.length)
        // the first page's referrer is the document's (none here), whatever form the event gives it
        const first = list[0]?.context.page.referrer
        const got = list.map((e) => {
          const p = e.context.page
          return { type: e.type, name: e.event, url: p.url, path: p.path, search: p.search, referrer: p.referrer, title: p.title }
        })
        const want = expected.map((x) => {
          const u = sent(origin, x.url)
          const q = u.slice(origin.length).split('?')[1]
          return { type: x.type, name: x.name, url: u, path: x.url.split('?')[0], search: q ? '?' + q : '', referrer: x.referrer == 'first' ? first : x.referrer, title: x.title }
        })
        expect(got).toEqual(want)
        // a page view's properties are its context's page
        for (const e of list.filter((e) => e.type == 'page')) expect(e.properties).toMatchObject({ url: e.context.page.url, path: e.context.page.path, referrer: e.context.page.referrer, title: e.context.page.title })
        // each at the time it was made: a view at its navigation's, not when its wait ended
        const times = list.map((e) => Date.parse(e.originalTimestamp))
        expect(times).toEqual([...times].sort((a, b) => a - b))
        expect(JSON.stringify(list)).not.toMatch(/sharerUserId=|email=|a%40b/)
        expect(errors).toEqual([])
      } catch (e) {
        throw new Error(`${log.join(' ')}\n${(e as Error).message}`)
      } finally {
        await context.close()
      }
    }),
    fuzzRuns(20261127, 20),
  )
})

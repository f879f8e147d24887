// Property-based, in a real browser, over the page's life rather than its API: any sequence of
// what a visitor and the network do (tracks, links followed as an event is tracked, reloads, an
// SPA's pushState, back and forward through the back/forward cache, tabs closed and opened, a
// second tab, hidden and shown, offline and online, and the collector failing, dropping
// connections, asking for a pause, slow or down for a while), by script tag with either
// transport: every track() made arrives, once, by the time a later page of the site has run.
// From a fixed seed, like the unit property tests (FUZZ_SEED=random, FUZZ_RUNS to explore).
import fc from 'fast-check'
import { expect, test, type Page } from '@playwright/test'
import { bfcacheBrowser, FUZZ_TIMES, fuzzRuns, keyFor, orHung, setFaults, stored } from './helpers'

declare const pixel: any

/** One doing of the visitor, the browser or the network (the step's number names its event: e1, e2…). */
const step = fc.oneof(
  { weight: 5, arbitrary: fc.constant(['track'] as const) },
  { weight: 2, arbitrary: fc.constant(['trackNav'] as const) },
  { weight: 2, arbitrary: fc.constant(['spa'] as const) },
  { weight: 2, arbitrary: fc.constant(['back'] as const) },
  { weight: 1, arbitrary: fc.constant(['forward'] as const) },
  { weight: 1, arbitrary: fc.constant(['reload'] as const) },
  { weight: 1, arbitrary: fc.constant(['trackReload'] as const) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('offline' as const), fc.boolean()) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('faults' as const), fc.constantFrom<Record<string, number> | null>(null, { errorRate: 0.5 }, { dropRate: 0.5 }, { downFor: 3000 }, { rate429: 1, retryAfter: 2 }, { latency: 400 })) },
  { weight: 1, arbitrary: fc.constant(['close'] as const) },
  { weight: 1, arbitrary: fc.constant(['trackClose'] as const) },
  { weight: 1, arbitrary: fc.constant(['second'] as const) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('pause' as const), fc.integer({ min: 0, max: 1500 })) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('visibility' as const), fc.constantFrom('hidden', 'visible')) },
)

test('any sequence of navigations, reloads, closed tabs, back/forward, offline spells and collector faults: every track() made arrives, once', async ({ request }, info) => {
  test.setTimeout(300_000 * FUZZ_TIMES)
  // the back/forward cache on, as in a visitor's Chromium (Playwright turns it off)
  const browser = await bfcacheBrowser()
  let run = 0
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), fc.constantFrom('auto', 'get'), async (steps, transport) => {
        const key = keyFor(info) + 'r' + run++
        const context = await browser.newContext()
        const errors: string[] = []
        const made: string[] = []
        let i = 0
        const url = () => `/fixtures/tag.html?wk=${key}&transport=${transport}&n=${i}`
        let offline = false
        /** whether the page runs pixel (offline, a navigation ends on the browser's error page, unless the page came from the back/forward cache) */
        let live = true
        const ready = async (p: Page) => {
          // (back to the tab's first entry, about:blank)
          if (!p.url().includes('/fixtures/')) live = false
          else if (offline) {
            await p.waitForLoadState('load', { timeout: 5000 }).catch(() => 0)
            live = await p.waitForFunction(() => !!(window as any).pixel?.version, undefined, { timeout: 2000 }).then(() => true, () => false)
          } else await p.waitForFunction(() => !!(window as any).pixel?.version, undefined, { timeout: 10_000 }), (live = true)
        }
        /** Navigates by `f` (offline, to the browser's error page), then waits for pixel where the page runs it. */
        const go = async (p: Page, f: () => Promise<unknown>) => {
          await f().catch((e) => {
            if (!offline) throw e
          })
          await ready(p)
        }
        const open = async () => {
          const p = await context.newPage()
          p.on('pageerror', (e) => errors.push(e.message))
          await go(p, () => p.goto(url()))
          return p
        }
        const track = async (p: Page, name: string) => {
          await p.evaluate((n) => pixel.track(n), name)
          made.push(name)
        }
        let page = await open()
        let second: Page | undefined
        const log: string[] = []
        /** Does step `s`, whose event (if it makes one) is `name`. */
        const act = async (s: (typeof steps)[number], name: string) => {
          switch (s[0]) {
            case 'track':
              await track(page, name)
              break
            case 'trackNav':
              {
                const nav = page.waitForNavigation()
                await page.evaluate(([n, to]) => (pixel.track(n), (location.href = to)), [name, url()]), made.push(name)
                await go(page, () => nav)
              }
              break
            case 'spa':
              if (live) await page.evaluate((n) => history.pushState(null, '', location.pathname + location.search.replace(/&n=\d+/, '') + '&n=' + n), i)
              break
            case 'back':
            case 'forward':
              // (not to the tab's first entry, about:blank, which Playwright's page no longer drives)
              if (await page.evaluate((b) => (b ? (window as any).navigation.canGoBack : (window as any).navigation.canGoForward), s[0] == 'back').catch(() => false))
                await go(page, () => (s[0] == 'back' ? page.goBack({ waitUntil: 'commit', timeout: 10_000 }) : page.goForward({ waitUntil: 'commit', timeout: 10_000 })))
              break
            case 'reload':
              await go(page, () => page.reload())
              break
            case 'trackReload':
              {
                const nav = page.waitForNavigation()
                await page.evaluate((n) => (pixel.track(n), location.reload()), name), made.push(name)
                await go(page, () => nav)
              }
              break
            case 'offline':
              await context.setOffline((offline = s[1]))
              if (!offline && !live) await go(page, () => page.goto(url()))
              break
            case 'faults':
              await setFaults(request, key, s[1] || undefined)
              break
            case 'close':
              await page.close(), (page = await open())
              break
            case 'trackClose':
              await track(page, name)
              await page.close(), (page = await open())
              break
            case 'second':
              if (second) {
                if (await second.evaluate(() => !!(window as any).pixel?.version).catch(() => false)) await track(second, name)
                await second.close(), (second = undefined)
              } else {
                const keep = live
                second = await open()
                live = keep
              }
              break
            case 'visibility':
              // (headless Chromium never hides a page: the document says so, and the event is dispatched)
              if (live)
                await page.evaluate((v) => {
                  Object.defineProperty(document, 'visibilityState', { value: v, configurable: true })
                  document.dispatchEvent(new Event('visibilitychange'))
                }, s[1])
              break
            case 'pause':
              await page.waitForTimeout(s[1])
              break
          }
        }
        try {
          for (const s of steps) {
            i++
            const name = 'e' + i
            if (!live && /^track/.test(s[0])) continue
            log.push(JSON.stringify(s))
            await orHung(act(s, name), 25_000, () => `step ${i} hung at ${page.url()}`)
          }
          await context.setOffline((offline = false))
          await setFaults(request, key)
          if (second) await second.close()
          // a fresh page of the site: it takes over what closed tabs left, and flushes
          await page.close()
          page = await open()
          const tracks = async () => ((await stored(request, key)) as any[]).map((r) => r.event).filter((e) => e.type == 'track').map((e) => e.event as string)
          await expect
            .poll(async () => (await page.evaluate(() => pixel.flush()), [...new Set(await tracks())].sort()), { timeout: 60_000, intervals: [500, 1000, 2000] })
            .toEqual([...made].sort())
          // (the collector stores a messageId once: an event made again, under a new one, would show here)
          const t = await tracks()
          expect(t.length, 'stored once').toBe(new Set(t).size)
          expect(errors).toEqual([])
        } catch (e) {
          throw new Error(`transport ${transport}, steps: ${log.join(' ')}\n${(e as Error).message}`)
        } finally {
          await context.close()
        }
      }),
      fuzzRuns(20261124, 20),
    )
  } finally {
    await browser.close()
  }
})

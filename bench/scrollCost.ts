// Scrolling cost: the main-thread script time a page spends while it is scrolled for 5 s, with
// the scroll-related triggers on (scroll depth, a visible and a present definition, markup,
// SPA navigation), minus the same page with no trigger (`auto=none`), per second of scrolling.
// The page is made tall enough that no depth is reached, so the scroll listener works all along.
// (Events the triggers send are not scrolling cost: measuring starts once those of the load are sent.)
import type { Browser } from '@playwright/test'
import { HUMAN } from '../e2e/human'
import { THREAD_TIME } from './scenario'

const RUNS = 5
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]

async function once(browser: Browser, base: string, auto: string, config: string): Promise<number> {
  const context = await browser.newContext({ userAgent: HUMAN })
  const p = await context.newPage()
  await p.goto(`${base}/fixtures/triggers.html?wk=bench-scroll&auto=${auto}&config=${config}`)
  await p.waitForFunction(() => (window as any).pixel && (window as any).pixel.version)
  await p.evaluate(() => (document.getElementById('grow')!.style.height = '400000px'))
  // the plugins are in, the gift button the fixture renders 2 s after load is there and its
  // present event is sent: what is measured next is scrolling alone
  await p.waitForSelector('#late', { state: 'attached' })
  await p.waitForLoadState('networkidle')
  await p.waitForTimeout(1200)
  const cdp = await context.newCDPSession(p)
  await cdp.send('Performance.enable', THREAD_TIME)
  const script = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name == 'ScriptDuration')!.value
  const before = await script()
  const t0 = Date.now()
  await p.mouse.move(200, 200)
  while (Date.now() - t0 < 5000) {
    await p.mouse.wheel(0, 120)
    await p.waitForTimeout(16)
  }
  const seconds = (Date.now() - t0) / 1000
  const ms = ((await script()) - before) * 1000
  await context.close()
  return ms / seconds
}

/** ms of main-thread script per second of scrolling, with and without the triggers; median of 5 runs. */
export async function scrollCost(browser: Browser, base: string) {
  const on: number[] = []
  const off: number[] = []
  for (let i = 0; i < RUNS; i++) {
    off.push(await once(browser, base, 'none', ''))
    on.push(await once(browser, base, 'pageview,markup,scroll', '/fixtures/events.json'))
  }
  return { on: median(on), off: median(off), added: median(on.map((x, i) => x - off[i])) }
}

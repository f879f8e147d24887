// `npm run bench`: measures pixel in headless Chromium against the real collector and prints
// Markdown tables: the standard scenario (scenario.ts), the main-thread cost of track() over
// 10,000 calls, memory bounded by the outbox while 100,000 events are tracked with the
// collector down, and the triggers' cost while a page is scrolled (scrollCost.ts). A benchmark, not a test: it measures and reports; it does not pass or fail.
import { createServer } from 'node:http'
import { mkdtempSync } from 'node:fs'
import { tmpdir, cpus } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { createCollector } from '../collector/createCollector'
import { findChromium } from '../e2e/findChromium'
import { HUMAN, unautomated } from '../e2e/human'
import { printScenario, runScenario } from './scenario'
import { scrollCost } from './scrollCost'

const collector = createCollector({
  dataDir: mkdtempSync(join(tmpdir(), 'pixel-bench-')),
  publicDir: resolve('public'),
  distDir: resolve('dist'),
  fixturesDir: resolve('e2e/fixtures'),
  faultControl: true,
})
const server = createServer((req, res) => collector.handle(req, res))
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`

const executablePath = findChromium()
// browsing as a person would (e2e/human.ts): pixel filters automated browsers
const browser = await chromium.launch(unautomated(executablePath))

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]

async function page(key: string): Promise<Page> {
  const p = await (await browser.newContext({ userAgent: HUMAN })).newPage()
  await p.goto(`${base}/fixtures/tag.html?wk=${key}`)
  await p.waitForFunction(() => (window as any).pixel && (window as any).pixel.version)
  // the plugins the page loads after the start are in: what is measured next is track() alone
  await p.waitForLoadState('networkidle')
  return p
}

/** Mean µs of main-thread time per track() call with 5 properties, over 10,000 calls; median of 5 runs. */
async function trackCost(): Promise<number> {
  const runs: number[] = []
  for (let run = 0; run < 5; run++) {
    const p = await page('bench-track-' + run)
    runs.push(
      await p.evaluate(() => {
        const px = (window as any).pixel
        const t0 = performance.now()
        for (let i = 0; i < 10_000; i++) px.track('benchEvent', { i, plan: 'gold', campaign: 'christmas', price: 9.99, ok: true })
        return ((performance.now() - t0) / 10_000) * 1000
      }),
    )
    await p.context().close()
  }
  return median(runs)
}

/** Heap after GC and outbox size, after 100,000 events tracked (in 20 tasks) with the collector down. */
async function boundedMemory() {
  const key = 'bench-down'
  await fetch(`${base}/faults?key=${key}`, { method: 'POST', body: JSON.stringify({ downFor: 3_600_000 }) })
  const p = await page(key)
  const cdp = await p.context().newCDPSession(p)
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage')
    return (await cdp.send('Runtime.getHeapUsage')).usedSize
  }
  const before = await heap()
  const samples: number[] = []
  for (let chunk = 0; chunk < 20; chunk++) {
    await p.evaluate(async (chunk) => {
      const px = (window as any).pixel
      for (let i = 0; i < 5000; i++) px.track('downEvent', { i: chunk * 5000 + i, plan: 'gold' })
      await new Promise((r) => setTimeout(r, 20))
    }, chunk)
    if (chunk % 5 == 4) samples.push(await heap())
  }
  await p.evaluate(() => (window as any).pixel.flush())
  const outbox = await p.evaluate(() => {
    let events = 0
    let bytes = 0
    for (const k of Object.keys(localStorage))
      if (k.startsWith('pixel.ob.')) {
        const v = localStorage.getItem(k)!
        bytes += v.length
        for (const q of Object.values<any>(JSON.parse(v).q)) events += q.x.length
      }
    return { events, bytes }
  })
  await p.context().close()
  return { before, samples, after: await Promise.resolve(samples[samples.length - 1]), outbox }
}

const kb = (n: number) => (n / 1024).toFixed(0) + ' KiB'
const scenario = await runScenario(browser, base)
const cost = await trackCost()
const mem = await boundedMemory()
const scroll = await scrollCost(browser, base)
const version = browser.version()
await browser.close()
server.close()

console.log(`\n## Benchmark (${new Date().toISOString().slice(0, 10)}, Chromium ${version}, ${cpus().length} × ${cpus()[0]?.model.trim()})\n`)
printScenario(scenario)
console.log('\n### Delivery\n')
console.log('| measure | result | budget |')
console.log('|---|---|---|')
console.log(`| track() main-thread cost, mean of 10,000 calls (median of 5 runs) | ${cost.toFixed(2)} µs | < 20 µs |`)
console.log(`| JS heap after GC: before, then after each 25,000 of 100,000 events, collector down | ${kb(mem.before)} → ${mem.samples.map(kb).join(' → ')} | bounded by the outbox |`)
console.log(`| events kept in the outbox after 100,000 (limit 500 per destination) | ${mem.outbox.events} (${kb(mem.outbox.bytes)} in localStorage) | ≤ 500 |`)
console.log(`| script time per second of scrolling (5 s of wheel scrolling), added by the scroll, visible, present, markup and SPA triggers (median of 5: ${scroll.on.toFixed(2)} ms with, ${scroll.off.toFixed(2)} ms with none) | ${scroll.added.toFixed(2)} ms/s | < 1 ms/s |`)

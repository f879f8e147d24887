// `npm run bench`: measures pixel in headless Chromium against the real collector and prints
// Markdown tables. The first compares it, in the same run, with the published npm trackers of
// Plausible, Segment, RudderStack, Snowplow and PostHog (bench/peers), pixel installed both by
// its script tag and by its stub: the standard scenario (scenario.ts) and the cost of track().
// The second is pixel's alone: memory bounded by the outbox while 100,000 events are
// tracked with the collector down, and the triggers' cost while a page is scrolled
// (scrollCost.ts). A benchmark, not a test: it measures and reports; it does not pass or fail.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { mkdtempSync } from 'node:fs'
import { tmpdir, cpus } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { createCollector } from '../collector/createCollector'
import { findChromium } from '../e2e/findChromium'
import { HUMAN, unautomated } from '../e2e/human'
import { buildPeers, peerName, PEERS } from './buildPeers'
import { createRecorder } from './createRecorder'
import { RUNS, runScenario, scenarioRows, THREAD_TIME, type Tracker } from './scenario'
import { scrollCost } from './scrollCost'
import { serveSite } from './serveSite'

const collector = createCollector({
  dataDir: mkdtempSync(join(tmpdir(), 'pixel-bench-')),
  publicDir: resolve('public'),
  distDir: resolve('dist'),
  fixturesDir: resolve('e2e/fixtures'),
  faultControl: true,
})
async function listen(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handle)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` }
}
const recorder = createRecorder((req, res) => collector.handle(req, res))
const api = await listen(recorder.handle)
const base = api.origin
const peersDir = mkdtempSync(join(tmpdir(), 'pixel-bench-peers-'))
await buildPeers(peersDir)
const site = await listen(serveSite(base, peersDir))
const where = { site: site.origin, collector: base, recorder }

const executablePath = findChromium()
// browsing as a person would (e2e/human.ts): pixel and Plausible ignore automated browsers; and
// no host name resolves, so that nothing a tracker might ask for leaves this machine
const launch = unautomated(executablePath)
const browser = await chromium.launch({ ...launch, args: [...launch.args, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] })

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]

async function page(key: string): Promise<Page> {
  const p = await (await browser.newContext({ userAgent: HUMAN })).newPage()
  await p.goto(`${base}/fixtures/tag.html?wk=${key}`)
  await p.waitForFunction(() => (window as any).pixel && (window as any).pixel.version)
  // the plugins the page loads after the start are in: what is measured next is track() alone
  await p.waitForLoadState('networkidle')
  return p
}

/**
 * How long 10,000 calls may take: Snowplow's and RudderStack's rewrite their whole stored queue
 * at every call, and their tabs crash after a minute or more.
 */
const TRACK_LIMIT = 30_000

/**
 * The cost of 10,000 track() calls with 5 properties on the tracker's scenario page, once its
 * start is done (median of RUNS runs): µs per call of the calls themselves, and µs per call of all
 * main-thread script time from the first call until 2 s after the last, which counts the work
 * a tracker defers (promises, timers, sending). A tracker whose calls have not returned within
 * TRACK_LIMIT (or whose tab crashed) is run once only, and reported so (NaN).
 */
async function trackCost(tracker: Tracker): Promise<{ call: number; all: number }> {
  const call: number[] = []
  const all: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ userAgent: HUMAN })
    const p = await context.newPage()
    const cdp = await context.newCDPSession(p)
    await cdp.send('Performance.enable', THREAD_TIME)
    const script = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name == 'ScriptDuration')!.value * 1000
    await p.goto(`${site.origin}/bench/bench-track-${tracker}-${run}/${tracker}.html#bench-track-${tracker}-${run}`)
    await p.waitForFunction(() => (window as any).phase == 1)
    await p.waitForLoadState('networkidle')
    const before = await script()
    // in a task of the page's own, so that the metrics count it
    const calls = p.evaluate(
      () =>
        new Promise<number>((resolve) =>
          setTimeout(() => {
            const track = (window as any).benchTrack
            const t0 = performance.now()
            for (let i = 0; i < 10_000; i++) track('benchEvent', { i, plan: 'gold', campaign: 'christmas', price: 9.99, ok: true })
            resolve(((performance.now() - t0) / 10_000) * 1000)
          }),
        ),
    )
    const us = await Promise.race([calls, new Promise<number>((r) => setTimeout(() => r(NaN), TRACK_LIMIT))]).catch(() => NaN)
    if (isNaN(us)) {
      await context.close()
      return { call: NaN, all: NaN }
    }
    call.push(us)
    await p.waitForTimeout(2000)
    all.push(((await script()) - before) / 10)
    await context.close()
  }
  return { call: median(call), all: median(all) }
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
const trackers: Tracker[] = ['pixel', 'pixel-stub', ...PEERS]
const scenario = await runScenario(browser, where, ['none', ...trackers])
const costs = []
for (const t of trackers) costs.push(await trackCost(t))
const mem = await boundedMemory()
const scroll = await scrollCost(browser, base)
const version = browser.version()
await browser.close()
api.server.close()
site.server.close()

const table = (rows: string[][]) => rows.map((r) => `| ${r.join(' | ')} |`).join('\n')
console.log(`\n## Benchmark (${new Date().toISOString().slice(0, 10)}, Chromium ${version}, ${cpus().length} × ${cpus()[0]?.model.trim()})\n`)
console.log('### Scenario: a page view; 500 ms after load, 10 events with 5 properties; then one more event followed at once by a navigation\n')
console.log(
  table([
    ['measure', ...['script tag', 'stub'].map((how) => `pixel ${process.env.npm_package_version || ''}, ${how}`), ...PEERS.map(peerName)],
    ['---', ...trackers.map(() => '---')],
    ...scenarioRows(scenario, trackers),
    [`track(): µs per call, mean of 10,000 calls with 5 properties (median of ${RUNS} runs)`, ...costs.map((c) => (isNaN(c.call) ? `not done in ${TRACK_LIMIT / 1000} s` : c.call.toFixed(2) + ' µs'))],
    ['track(): µs of main-thread script per call, with the work it defers (until 2 s after)', ...costs.map((c) => (isNaN(c.all) ? '–' : c.all.toFixed(2) + ' µs'))],
  ]),
)
console.log('\n### pixel: memory and scrolling\n')
console.log('| measure | result | budget |')
console.log('|---|---|---|')
console.log(`| JS heap after GC: before, then after each 25,000 of 100,000 events, collector down | ${kb(mem.before)} → ${mem.samples.map(kb).join(' → ')} | bounded by the outbox |`)
console.log(`| events kept in the outbox after 100,000 (limit 500 per destination) | ${mem.outbox.events} (${kb(mem.outbox.bytes)} in localStorage) | ≤ 500 |`)
console.log(`| script time per second of scrolling (5 s of wheel scrolling), added by the scroll, visible, present, markup and SPA triggers (median of 5: ${scroll.on.toFixed(2)} ms with, ${scroll.off.toFixed(2)} ms with none) | ${scroll.added.toFixed(2)} ms/s | < 1 ms/s |`)

// The standard scenario (bench/pages/scenario.js), the same for every tracker: its page view;
// 500 ms after load, 10 events with 5 properties; then one more event and, at once, a
// navigation. Each tracker's page is measured against the same page with no tracker, at 1x and
// 4x CPU throttling, on a browser's first visit and on a returning one, median of RUNS (7) runs.
import { brotliCompressSync, constants } from 'node:zlib'
import type { Browser } from '@playwright/test'
import { HUMAN } from '../e2e/human'
import { carriesEvents, type createRecorder } from './createRecorder'
import type { Peer } from './buildPeers'

/** pixel installed by its script tag, and by its stub (an inline script that inserts the tag) */
export type Tracker = 'none' | 'pixel' | 'pixel-stub' | Peer

/**
 * Durations of the page's main thread are read in its own CPU time (threadTicks), not in wall
 * time: on a shared machine, a thread waiting for a core would count other processes' work as
 * the page's (that made the medians of 7 runs move by a third from one run of the benchmark to
 * the next).
 */
export const THREAD_TIME = { timeDomain: 'threadTicks' } as const

// BENCH_RUNS=1 for a quick look while working on the benchmark itself
export const RUNS = Number(process.env.BENCH_RUNS) || 7
const EVENTS = 12
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]
const brotli = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length

export interface Run {
  scriptMs: number
  taskMs: number
  requests: number
  preflights: number
  /** requests to the collector's address that carry no event (a tracker's settings) */
  others: number
  uploaded: number
  /** path → brotli bytes, of every script the page loaded but the scenario's own */
  scripts: Record<string, number>
  firstAfterStartMs: number
  firstAfterLoadMs: number
  delivered: number
  lastSurvived: boolean
}

export interface Where {
  site: string
  collector: string
  recorder: ReturnType<typeof createRecorder>
}

const SCENARIO = ['page', 'benchEvent', 'beforeLeaving']

/**
 * The scenario's events of the run (not Plausible's own engagement events) stored by the
 * collector (pixel) or read by the recorder (the peers), with when they came.
 */
async function delivered(w: Where, tracker: Tracker, key: string): Promise<{ at: number; name: string }[]> {
  if (tracker == 'none') return []
  let list = w.recorder.events.filter((e) => e.key == key)
  if (tracker.startsWith('pixel')) {
    const stored = (await (await fetch(`${w.collector}/events?meta=1&writeKey=${key}`)).json()) as { receivedAt: string; event: { event?: string } }[]
    list = stored.map((r) => ({ key, at: Date.parse(r.receivedAt), name: r.event.event || 'page' }))
  }
  return list.filter((e) => SCENARIO.includes(e.name))
}

/** Waits for `f`, up to `ms` (PostHog sends its queue every 3 s). */
async function until(f: () => Promise<boolean>, ms = 10_000) {
  for (let i = 0; i < ms / 10 && !(await f()); i++) await new Promise((r) => setTimeout(r, 10))
}

async function once(browser: Browser, w: Where, tracker: Tracker, throttle: number, key: string, returning: boolean): Promise<Run> {
  const context = await browser.newContext({ userAgent: HUMAN })
  if (returning) {
    // a visit before: what the tracker keeps (ids, the bot verdict) is there, as for most page
    // views of a site. It is a page view (scenario.js sends no events on a page whose fragment
    // ends in -before), closed once that view is delivered: closed at its load event, pixel's
    // view was still in flight, and the next page took it over and sent it again
    // (pixel.adopt.js and a request more), which is a lost page's recovery, not a return.
    const before = await context.newPage()
    await before.goto(`${w.site}/bench/${key}-before/${tracker}.html#${key}-before`)
    if (tracker != 'none') await until(async () => (await delivered(w, tracker, `${key}-before`)).length > 0)
    await before.close()
  }
  const p = await context.newPage()
  const cdp = await context.newCDPSession(p)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle })
  await cdp.send('Performance.enable', THREAD_TIME)
  const run: Run = { scriptMs: 0, taskMs: 0, requests: 0, preflights: 0, others: 0, uploaded: 0, scripts: {}, firstAfterStartMs: NaN, firstAfterLoadMs: NaN, delivered: 0, lastSurvived: false }
  const bodies: Promise<void>[] = []
  p.on('response', (r) => {
    const path = new URL(r.url()).pathname
    // (a script the server does not have, as PostHog's surveys.js here, downloads nothing to count)
    if (r.request().resourceType() == 'script' && r.ok() && path != '/bench/scenario.js')
      bodies.push(r.body().then((b) => void (run.scripts[path] = brotli(b)), () => {}))
  })
  const from = w.recorder.hits.length
  await p.goto(`${w.site}/bench/${key}/${tracker}.html#${key}`)
  // (polled every 50 ms, not every frame: the polling is script time of the page too)
  await p.waitForFunction(() => (window as any).phase == 1, undefined, { polling: 50 })
  // the page view and the 10 events are delivered: the page's main-thread work for them is done
  if (tracker != 'none') await until(async () => (await delivered(w, tracker, key)).length >= EVENTS - 1)
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]))
  run.scriptMs = metrics.ScriptDuration * 1000
  run.taskMs = metrics.TaskDuration * 1000
  const time = await p.evaluate(() => ({ start: performance.timeOrigin, load: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart }))
  // in a task of the page's own, after evaluate() has returned (the page then navigates)
  await p.evaluate(() => void setTimeout(() => (window as any).leave()))
  await p.waitForURL('**/plain.html')
  if (tracker != 'none') {
    // (an event sent as the page goes is there within a few ms, or lost)
    await until(async () => (await delivered(w, tracker, key)).length >= EVENTS, 3000)
    const list = await delivered(w, tracker, key)
    run.delivered = list.length
    run.lastSurvived = list.some((e) => e.name == 'beforeLeaving')
    const first = Math.min(...list.map((e) => e.at))
    run.firstAfterStartMs = first - time.start
    run.firstAfterLoadMs = first - time.start - time.load
  }
  await Promise.all(bodies)
  await context.close()
  for (const h of w.recorder.hits.slice(from))
    if (carriesEvents(h.path)) {
      if (h.method == 'OPTIONS') run.preflights++
      else (run.requests++, (run.uploaded += h.bytes))
    } else if (h.method != 'OPTIONS' && h.path != '/events') run.others++
  return run
}

export type Results = Record<string, Run[]>

export async function runScenario(browser: Browser, w: Where, trackers: Tracker[]): Promise<Results> {
  const out: Results = {}
  // a first run that is not counted: the browser's own warm-up is nobody's cost
  for (const tracker of trackers) await once(browser, w, tracker, 1, `bench-warm-${tracker}-${Date.now()}`, false)
  for (const visit of ['first', 'returning'])
    for (const throttle of [1, 4])
      // the trackers take turns, so that a slower minute of the machine falls on all of them
      for (let i = 0; i < RUNS; i++)
        for (const tracker of trackers)
          (out[`${tracker}@${throttle}@${visit}`] ||= []).push(await once(browser, w, tracker, throttle, `bench-${tracker}-${visit}-${throttle}-${i}-${Date.now()}`, visit == 'returning'))
  return out
}

/** One Markdown row per measure, one column per tracker (`names`: the column headers). */
export function scenarioRows(out: Results, trackers: Tracker[]): string[][] {
  const m = (t: Tracker, cond: string, f: (r: Run) => number) => median(out[`${t}@${cond}`].map(f))
  const added = (t: Tracker, cond: string, f: (r: Run) => number) => m(t, cond, f) - m('none', cond, f)
  const ms = (n: number) => n.toFixed(1) + ' ms'
  const row = (name: string, f: (t: Tracker) => string) => [name, ...trackers.map(f)]
  return [
    row('script bytes downloaded, brotli (files)', (t) => {
      const files = Object.entries(out[`${t}@1@first`][0].scripts)
      return `${files.reduce((s, [, b]) => s + b, 0).toLocaleString('en')} B (${files.map(([f, b]) => `${f.split('/').pop()} ${b}`).join(', ')})`
    }),
    row('main-thread script time added, first visit, 1x / 4x CPU', (t) => `${ms(added(t, '1@first', (r) => r.scriptMs))} / ${ms(added(t, '4@first', (r) => r.scriptMs))}`),
    row('main-thread script time added, returning visit, 1x / 4x CPU', (t) => `${ms(added(t, '1@returning', (r) => r.scriptMs))} / ${ms(added(t, '4@returning', (r) => r.scriptMs))}`),
    row('main-thread task time added, first / returning visit, 1x CPU', (t) => `${ms(added(t, '1@first', (r) => r.taskMs))} / ${ms(added(t, '1@returning', (r) => r.taskMs))}`),
    row('script time added ÷ Plausible’s, first / returning visit, 1x CPU', (t) => {
      const ratio = (v: string) => (added(t, `1@${v}`, (r) => r.scriptMs) / added('plausible', `1@${v}`, (r) => r.scriptMs)).toFixed(2)
      return `${ratio('first')} / ${ratio('returning')}`
    }),
    row(`requests for the ${EVENTS} events / CORS preflights / other requests (settings)`, (t) => `${m(t, '1@first', (r) => r.requests)} / ${m(t, '1@first', (r) => r.preflights)} / ${m(t, '1@first', (r) => r.others)}`),
    row('bytes uploaded (URLs and bodies)', (t) => `${m(t, '1@first', (r) => r.uploaded).toLocaleString('en')} B`),
    row('first event stored, after the load event (negative: before it) / after navigation start, 1x CPU', (t) => `${m(t, '1@first', (r) => r.firstAfterLoadMs).toFixed(0)} ms / ${m(t, '1@first', (r) => r.firstAfterStartMs).toFixed(0)} ms`),
    row('first event stored after the load event, 4x CPU', (t) => `${m(t, '4@first', (r) => r.firstAfterLoadMs).toFixed(0)} ms`),
    row(`events delivered (of ${EVENTS}); the last, sent as the page navigates, in every run`, (t) => {
      const all = Object.entries(out).filter(([k]) => k.startsWith(t + '@')).flatMap(([, r]) => r)
      return `${m(t, '1@first', (r) => r.delivered)}; ${all.filter((r) => r.lastSurvived).length} of ${all.length} runs`
    }),
  ]
}

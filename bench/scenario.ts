// The standard scenario (e2e/fixtures/bench-scenario.js): a page view; 500 ms after load, 10
// events with 5 properties; then one more event and, at once, a navigation. Measured on the page
// with pixel and on the same page without it, at 1x and 4x CPU throttling, median of 5 runs.
import { readFileSync } from 'node:fs'
import { brotliCompressSync, constants } from 'node:zlib'
import type { Browser } from '@playwright/test'
import { HUMAN } from '../e2e/human'

const RUNS = 5
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]

interface Run {
  scriptMs: number
  taskMs: number
  requests: number
  preflights: number
  uploaded: number
  scripts: string[]
  firstAfterStartMs: number
  delivered: number
  lastSurvived: boolean
}

async function once(browser: Browser, base: string, page: 'bench-base' | 'bench-pixel', throttle: number, key: string, returning: boolean): Promise<Run> {
  const context = await browser.newContext({ userAgent: HUMAN })
  if (returning) {
    // a visit before: the ids and the timezone are kept, as for most page views of a site
    const before = await context.newPage()
    await before.goto(`${base}/fixtures/${page}.html?wk=${key}-before`)
    await before.close()
  }
  const p = await context.newPage()
  const cdp = await context.newCDPSession(p)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle })
  await cdp.send('Performance.enable')
  const run: Run = { scriptMs: 0, taskMs: 0, requests: 0, preflights: 0, uploaded: 0, scripts: [], firstAfterStartMs: NaN, delivered: 0, lastSurvived: false }
  p.on('request', (r) => {
    const path = new URL(r.url()).pathname
    if (/^\/(v1\/batch|pixel\/v1\/)/.test(path)) {
      run.requests++
      if (r.method() == 'OPTIONS') run.preflights++
      run.uploaded += r.url().length + (r.postDataBuffer()?.length || 0)
    }
    if (r.resourceType() == 'script' && !path.includes('bench-scenario')) run.scripts.push(path)
  })
  await p.goto(`${base}/fixtures/${page}.html?wk=${key}`)
  await p.waitForFunction(() => (window as any).phase == 1)
  const events = async () => (await (await fetch(`${base}/events?meta=1&writeKey=${key}`)).json()) as { receivedAt: string; event: { event?: string } }[]
  // the page view and the batch of 10 are stored: the page's main-thread work for them is done
  if (page == 'bench-pixel') for (let i = 0; i < 300 && (await events()).length < 11; i++) await new Promise((r) => setTimeout(r, 10))
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]))
  run.scriptMs = metrics.ScriptDuration * 1000
  run.taskMs = metrics.TaskDuration * 1000
  const start = await p.evaluate(() => performance.timeOrigin)
  await p.evaluate(() => ((window as any).go = true))
  await p.waitForURL('**/plain.html')
  if (page == 'bench-pixel') {
    for (let i = 0; i < 300 && (await events()).length < 12; i++) await new Promise((r) => setTimeout(r, 10))
    const list = await events()
    run.delivered = list.length
    run.lastSurvived = list.some((r) => r.event.event == 'beforeLeaving')
    run.firstAfterStartMs = Math.min(...list.map((r) => Date.parse(r.receivedAt))) - start
  }
  await context.close()
  return run
}

export async function runScenario(browser: Browser, base: string) {
  const out: Record<string, Run[]> = {}
  for (const visit of ['first', 'returning'])
    for (const throttle of [1, 4])
      for (const page of ['bench-base', 'bench-pixel'] as const) {
        const runs: Run[] = []
        for (let i = 0; i < RUNS; i++) runs.push(await once(browser, base, page, throttle, `bench-${page}-${visit}-${throttle}-${i}-${Date.now()}`, visit == 'returning'))
        out[`${page}@${throttle}@${visit}`] = runs
      }
  return out
}

const brotli = (path: string) => brotliCompressSync(readFileSync('dist' + path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length

export function printScenario(out: Record<string, Run[]>) {
  const m = (key: string, f: (r: Run) => number) => median(out[key].map(f))
  const added = (t: number, v: string, f: (r: Run) => number) => (m(`bench-pixel@${t}@${v}`, f) - m(`bench-base@${t}@${v}`, f)).toFixed(1)
  const runs = out['bench-pixel@1@first']
  const scripts = [...new Set(runs.flatMap((r) => r.scripts))]
  console.log('### Scenario: page view, 10 events with 5 properties 500 ms after load, one more event followed at once by a navigation\n')
  console.log('| measure | pixel |')
  console.log('|---|---|')
  console.log(`| script bytes downloaded (brotli) | ${scripts.map((s) => `${s.slice(1)} ${brotli(s)} B`).join(', ')} |`)
  for (const v of ['first', 'returning']) {
    console.log(`| main-thread script time added (ScriptDuration, vs the page without pixel), ${v} visit, 1x / 4x CPU | ${added(1, v, (r) => r.scriptMs)} ms / ${added(4, v, (r) => r.scriptMs)} ms |`)
    console.log(`| main-thread task time added (TaskDuration), ${v} visit, 1x / 4x CPU | ${added(1, v, (r) => r.taskMs)} ms / ${added(4, v, (r) => r.taskMs)} ms |`)
  }
  console.log(`| requests for the 12 events / CORS preflights | ${m('bench-pixel@1@first', (r) => r.requests)} / ${m('bench-pixel@1@first', (r) => r.preflights)} |`)
  console.log(`| bytes uploaded (URLs and bodies) | ${m('bench-pixel@1@first', (r) => r.uploaded)} B |`)
  console.log(`| first event stored, after navigation start (1x / 4x CPU) | ${m('bench-pixel@1@first', (r) => r.firstAfterStartMs).toFixed(0)} ms / ${m('bench-pixel@4@first', (r) => r.firstAfterStartMs).toFixed(0)} ms |`)
  console.log(`| events delivered (of 12), the last one across the navigation | ${m('bench-pixel@1@first', (r) => r.delivered)}, ${[...runs, ...out['bench-pixel@1@returning']].every((r) => r.lastSurvived) ? 'yes in every run' : 'NOT in every run'} |`)
}

import { spawn } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, expect, type APIRequestContext, type BrowserContext, type Page, type TestInfo } from '@playwright/test'
import config from '../playwright.config'

export interface Stored {
  receivedAt: string
  format: string
  writeKey?: string
  event: Record<string, any>
}

/**
 * A write key no other test uses, so each test reads back only its own events: one per retry
 * and per repetition (`--repeat-each`, to hunt flaky specs).
 */
export const keyFor = (info: TestInfo) => 'k' + info.testId.replace(/[^\w]/g, '').slice(0, 40) + info.retry + (info.repeatEachIndex ? 'r' + info.repeatEachIndex : '')

/** The events the collector stored for a write key. */
export async function stored(request: APIRequestContext, key: string, format?: string): Promise<Stored[]> {
  const res = await request.get(`/events?meta=1&writeKey=${key}${format ? '&format=' + format : ''}`)
  expect(res.ok()).toBe(true)
  return res.json()
}

/** Waits until the collector holds `n` events for the key (and fails if more arrive), then returns them. */
export async function waitForEvents(request: APIRequestContext, key: string, n: number, format?: string, timeout?: number): Promise<Stored[]> {
  let list: Stored[] = []
  await expect
    .poll(async () => (list = await stored(request, key, format)).length, { message: `waiting for ${n} events for ${key}`, timeout })
    .toBeGreaterThanOrEqual(n)
  expect(list.length, 'more events than expected').toBe(n)
  return list
}

export const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
export const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

/** Faults for one write key on the collector (see collector/createFaults.ts); none to clear them. */
export async function setFaults(request: APIRequestContext, key: string, spec?: Record<string, number>) {
  const res = spec ? await request.post(`/faults?key=${key}`, { data: spec }) : await request.delete(`/faults?key=${key}`)
  expect(res.ok()).toBe(true)
}

/** FUZZ_RUNS: how many times the browser fuzz specs' runs, and their time limits, are multiplied. */
export const FUZZ_TIMES = Number(process.env.FUZZ_RUNS) || 1

/**
 * fast-check's seed and runs for a browser fuzz spec: its own fixed seed unless FUZZ_SEED says
 * another (a number, or `random`), and `runs` times FUZZ_RUNS. No shrinking: each step is a
 * page's doing, and a failed run waits out its polls.
 */
export const fuzzRuns = (seed: number, runs: number) => ({
  seed: process.env.FUZZ_SEED == 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED) || seed,
  numRuns: runs * FUZZ_TIMES,
  endOnFailure: true,
})

/** `p`, or a failure saying `what()` once `ms` have passed without it (a step that never ends fails with the steps so far, not at the test's timeout). */
export async function orHung<T>(p: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const hung = new Promise<never>((_, no) => (timer = setTimeout(() => no(new Error(what())), ms)))
  return Promise.race([hung, p]).finally(() => clearTimeout(timer))
}

/** Events stored, and repeated messageIds received but not stored, for a write key. */
export async function stats(request: APIRequestContext, key: string): Promise<{ stored: number; duplicates: number }> {
  return (await request.get(`/stats?writeKey=${key}`)).json()
}

/**
 * The Content-Security-Policy violations a page reports (`securitypolicyviolation`), on every
 * page it goes to, and the policies its documents were served with. (An init script and a
 * binding are the browser's own: no policy applies to them.)
 */
export async function watchCsp(page: Page) {
  const seen = { violations: [] as string[], policies: [] as string[] }
  page.on('response', (r) => r.request().resourceType() == 'document' && seen.policies.push(r.headers()['content-security-policy'] || 'none'))
  await page.exposeFunction('reportCspViolation', (v: string) => seen.violations.push(v))
  await page.addInitScript(() =>
    addEventListener('securitypolicyviolation', (e) => (window as any).reportCspViolation(`${e.violatedDirective} ${e.blockedURI} on ${location.pathname}`)),
  )
  return seen
}

/** What a person watching the page's console sees as errors (an uncaught exception among them), into `errors`. */
export function watchErrors(page: Page, errors: string[]) {
  page.on('console', (m) => m.type() == 'error' && errors.push(`${m.text()} (${m.location().url})`))
  page.on('pageerror', (e) => errors.push(`${e.message} (${page.url()})`))
}

/** The page's requests for the plugin pixel.<name>.js as they go: 'asked', then 'in' once it has arrived. */
export function watchPlugin(page: Page, name: string): string[] {
  const seen: string[] = []
  const is = (u: string) => new URL(u).pathname.endsWith(`/pixel.${name}.js`)
  page.on('request', (r) => is(r.url()) && seen.push('asked'))
  page.on('requestfinished', (r) => is(r.url()) && seen.push('in'))
  return seen
}

/**
 * Opens a page whose pixel.js and plugins each come 1.5 s late and waits for its page view;
 * then, in one task of the page, tracks `calls` and navigates to another site at once, while
 * the plugins those calls need are on their way. Returns the events stored: the page view and
 * one per call. (Dates in the properties reach the page as Dates.)
 */
export async function trackAsPluginsCome(page: Page, request: APIRequestContext, key: string, baseURL: string, calls: [string, Record<string, unknown>?][]): Promise<Stored[]> {
  await page.goto(`/fixtures/slow-plugins.html?wk=${key}&wait=1500`)
  await waitForEvents(request, key, 1, undefined, 15_000)
  const elsewhere = baseURL.replace('127.0.0.1', 'localhost') + '/fixtures/plain.html'
  await page.evaluate(
    ([calls, to]) => {
      for (const [event, properties] of calls) (window as any).pixel.track(event, properties)
      location.href = to
    },
    [calls, elsewhere] as const,
  )
  await page.waitForURL(elsewhere)
  return waitForEvents(request, key, 1 + calls.length)
}

/**
 * Arms `page` to notice another tab's write of the localStorage `key` (a `storage` event); the
 * returned call waits for it. pixel's own listeners were added before, so they have run by then.
 */
export async function otherTabWrites(page: Page, key: string): Promise<() => Promise<void>> {
  await page.evaluate((k) => void ((window as any).__written = new Promise<void>((r) => addEventListener('storage', (e) => e.key == k && r()))), key)
  return () => page.evaluate(() => (window as any).__written)
}

/**
 * A browser of its own that keeps the back/forward cache (Playwright's launch turns it off), for
 * the specs of a restored page: `newContext` makes a profile of the suite's site and user agent;
 * `close` closes that browser.
 */
export async function bfcacheBrowser(): Promise<{ newContext: () => Promise<BrowserContext>; close: () => Promise<void> }> {
  const launch = config.use!.launchOptions!
  const browser = await chromium.launch({ ...launch, ignoreDefaultArgs: [...(launch.ignoreDefaultArgs as string[]), '--disable-back-forward-cache'] })
  return { newContext: () => browser.newContext({ baseURL: config.use!.baseURL, userAgent: config.use!.userAgent }), close: () => browser.close() }
}

/** A page of a bfcacheBrowser(); `close` closes that browser. */
export async function bfcachePage(): Promise<{ page: Page; close: () => Promise<void> }> {
  const browser = await bfcacheBrowser()
  const page = await (await browser.newContext()).newPage()
  return { page, close: browser.close }
}

/**
 * Opens `url` (a path) in a headless Chromium of its own, with a fresh profile and no DevTools
 * attached, as a visitor's browser (Chromium prerenders nothing while DevTools, Playwright's CDP,
 * is attached), and runs `check`, which reads the collector. Where `check` fails, what the pages
 * wrote to their console is added to its error: it says how far the visit went. Then the browser
 * (its own process group) ends and its profile is removed.
 */
export async function visitAlone(url: string, check: () => Promise<void>): Promise<void> {
  const launch = config.use!.launchOptions!
  const profile = mkdtempSync(join(tmpdir(), 'pixel-alone-'))
  const log = join(profile, 'stderr.log')
  const stderr = openSync(log, 'w')
  const visitor = spawn(
    launch.executablePath || chromium.executablePath(),
    [...launch.args!, '--headless', '--no-first-run', '--enable-logging=stderr', `--user-agent=${config.use!.userAgent}`, `--user-data-dir=${profile}`, config.use!.baseURL + url],
    { stdio: ['ignore', 'ignore', stderr], detached: true },
  )
  // (the browser has its own copy)
  closeSync(stderr)
  try {
    await check()
  } catch (e) {
    // (Chromium writes a page's console.log as: [...:INFO:CONSOLE:line] "text", source: url (line))
    const lines = readFileSync(log, 'utf8').match(/CONSOLE[^\]]*\] .*/g) || ['(nothing)']
    if (e instanceof Error) e.message += `\n\nthe visitor's console:\n${lines.join('\n')}`
    throw e
  } finally {
    // (unless it is gone already)
    if (visitor.pid && visitor.exitCode == null && visitor.signalCode == null) {
      const gone = new Promise((r) => visitor.once('exit', r))
      process.kill(-visitor.pid)
      await gone
    }
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 })
  }
}

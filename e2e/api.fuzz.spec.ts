// Property-based, in a real browser: any sequence of API calls, in method or command form, with
// any arguments (odd ones made in the page: a circular object, a getter that throws, a Symbol,
// a BigInt, an object no string can be made of), init() and consent() among them (with options
// and values that change nothing the model tells), throws nothing into the page, and every valid
// track() arrives once, in call order, with its properties and the set() properties of the
// moment. From a fixed seed, like the unit property tests (FUZZ_SEED=random, FUZZ_RUNS to explore).
import fc from 'fast-check'
import { expect, test } from '@playwright/test'
import { FUZZ_TIMES, fuzzRuns, keyFor, stored, type Stored } from './helpers'

type Json = ReturnType<typeof JSON.parse>
/** Made in the page: values JSON cannot carry. */
const ODD = ['circular', 'throwingGetter', 'symbol', 'bigint', 'noString', 'function', 'element']
const odd = fc.constantFrom(...ODD).map((o) => ({ $odd: o }))
const text = fc.string({ maxLength: 40 })
// (no "__proto__" key: Playwright rebuilds an argument in the page by assignment, which drops it)
const json = fc.jsonValue({ maxDepth: 2 }).filter((v) => JSON.stringify(v).length < 2000 && !JSON.stringify(v).includes('"__proto__"'))
/** Properties a valid track() may carry: plain JSON, at most 10 keys (the limit is 15). */
const props = fc.dictionary(text.filter((k) => k != '__proto__'), json, { maxKeys: 10 })
const anything = fc.oneof(json, odd, fc.constant(undefined))
/** Anything but an odd object (those are made safe by the sanitizer: core/toJson.fuzz.test.ts): what the model below can tell. */
const noOddObject = fc.oneof(json, fc.constantFrom('symbol', 'bigint', 'function').map((o) => ({ $odd: o })), fc.constant(undefined))
const name = fc.oneof({ weight: 4, arbitrary: text.map((t) => 'e-' + t) }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom('', '   ', 'x'.repeat(201)), anything) })

const call = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constant('track'), name, fc.oneof({ weight: 4, arbitrary: props }, { weight: 1, arbitrary: noOddObject })) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('page'), fc.oneof(text, anything), anything) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('identify'), fc.oneof(text, fc.integer(), anything), fc.oneof(props, anything)) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('set'), fc.oneof({ weight: 3, arbitrary: props }, { weight: 1, arbitrary: noOddObject })) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('reset')) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('debug'), fc.constantFrom(true, false)) },
  // options that change no outcome the model tells, with bad values too; consent given (or a bad value)
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.constant('init'),
      fc.oneof(fc.record({ flushAt: fc.oneof(fc.integer({ min: 1, max: 30 }), anything), flushInterval: fc.oneof(fc.integer({ min: 0, max: 300 }), anything), debug: anything, auto: fc.constantFrom('pageview,markup', 'pagview', 'markup,pageview') }, { requiredKeys: [] }), anything),
    ),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constant('consent'), fc.oneof(fc.constant(true), anything.filter((v) => v !== false))) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('flush', 'nope', '__proto__', 'version'), anything) },
)

const isObj = (v: unknown): v is Record<string, Json> => !!v && typeof v == 'object' && !Array.isArray(v) && !('$odd' in (v as object))
const copy = (v: unknown) => JSON.parse(JSON.stringify(v))

/** What should arrive: each valid track(), with its properties over the set() ones of the moment. */
function expected(calls: unknown[][]) {
  let sets: Record<string, Json> = {}
  const out: { event: string; properties: Record<string, Json> }[] = []
  for (const [m, a, b] of calls) {
    if (m == 'set' && isObj(a)) sets = { ...sets, ...copy(a) }
    if (m == 'reset') sets = {}
    if (m == 'track' && typeof a == 'string' && a.trim() && a.length <= 200) out.push({ event: a.trim(), properties: { ...sets, ...(isObj(b) ? copy(b) : {}) } })
  }
  return out
}

/**
 * In the page: makes the calls, in method or command form, with their odd values made there, and
 * returns how many threw into the page (none may). With `later`, it only gets ready: the page
 * makes them (`window.__run`, from an init script: see early.html). Values that cannot cross
 * as JSON (undefined) come as `{ $odd: 'undefined' }`.
 */
function runCalls({ calls, commands, later }: { calls: unknown[][]; commands: boolean[]; later: boolean }): number | void {
  const run = () => {
    const make = (v: any): any => {
      if (!v || typeof v != 'object') return v
      if (Array.isArray(v)) return v.map(make)
      if (v.$odd == 'undefined') return undefined
      if (v.$odd == 'circular') return ((o: any) => ((o.self = o), o))({ a: 1 })
      if (v.$odd == 'throwingGetter') return Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('getter') } })
      if (v.$odd == 'symbol') return Symbol('s')
      if (v.$odd == 'bigint') return BigInt(7)
      if (v.$odd == 'noString') return { toString: false }
      if (v.$odd == 'function') return () => 1
      // (before the body is parsed, the document element)
      if (v.$odd == 'element') return document.body || document.documentElement
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, make(x)]))
    }
    const p = (window as any).pixel
    let n = 0
    calls.forEach(([m, ...a]: any[], i: number) => {
      try {
        commands[i] ? p(m, ...a.map(make)) : typeof p[m] == 'function' && p[m](...a.map(make))
      } catch {
        n++
      }
    })
    return n
  }
  if (!later) return run()
  ;(window as any).__run = run
}

/** undefined as `{ $odd: 'undefined' }`, everywhere in a value (an init script's argument goes as JSON). */
const keepUndefined = (v: unknown): unknown =>
  v === undefined ? { $odd: 'undefined' } : Array.isArray(v) ? v.map(keepUndefined) : v && typeof v == 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, keepUndefined(x)])) : v

// After the page has loaded (pixel.js running), and in the page's own first script, queued by the
// stub before pixel.js has arrived (their events follow the page view: the early path)
for (const [when, runs] of [['after load', 12], ['queued before pixel.js', 8]] as const)
  test(`any sequence of API calls, ${when}: nothing thrown into the page, every valid track() arrives once, in order, with its properties`, async ({ context, request }, info) => {
    test.setTimeout(240_000 * FUZZ_TIMES)
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(call, fc.boolean()), { minLength: 1, maxLength: 25 }), async (list) => {
        const key = keyFor(info) + 'r' + run++
        // a tab of its own: set() properties last for the tab's session
        const page = await context.newPage()
        const errors: string[] = []
        page.on('pageerror', (e) => errors.push(e.message))
        // a last track: once it is in, every track before it is (one page, one queue, in order)
        const calls = [...list.map(([c]) => c as unknown[]), ['track', 'e-last']]
        const arg = { calls: keepUndefined(calls) as unknown[][], commands: [...list.map(([, c]) => c), false] }
        let threw: unknown
        if (when == 'after load') {
          await page.goto(`/fixtures/tag.html?wk=${key}`)
          threw = await page.evaluate(runCalls, { ...arg, later: false })
        } else {
          await page.addInitScript(runCalls, { ...arg, later: true })
          await page.goto(`/fixtures/early.html?wk=${key}`)
          threw = await page.evaluate(() => (window as any).threw)
        }
        expect(threw).toBe(0)
        const tracks = async () => ((await stored(request, key)) as Stored[]).map((r) => r.event).filter((e) => e.type == 'track')
        await expect.poll(async () => (await tracks()).some((e) => e.event == 'e-last')).toBe(true)
        expect((await tracks()).map((e) => ({ event: e.event, properties: e.properties }))).toEqual(expected(calls))
        expect(errors).toEqual([])
        await page.close()
      }),
      fuzzRuns(20261122, runs),
    )
  })

// Property-based, in a real browser, over consent and identity across the page's life: any
// sequence of tracks, identify(), set() and reset(), consent given or refused (also right before
// the page is left), reloads, links followed, back and forward through the back/forward cache,
// tabs closed and opened, a second tab, and a collector that fails for a while, on a site that
// asks for consent (`data-consent="pending"`). A model of what the README promises decides each
// track()'s fate: made while consent was given, it arrives, once, with the userId and the set()
// properties of the calls before it; made while refused, or held for a choice that never came on
// its page, it never arrives; and a visitor who never chose leaves nothing at the collector.
// From a fixed seed, like the unit property tests (FUZZ_SEED=random, FUZZ_RUNS to explore).
import fc from 'fast-check'
import { expect, test, type Page } from '@playwright/test'
import { bfcacheBrowser, FUZZ_TIMES, fuzzRuns, keyFor, orHung, otherTabWrites, setFaults, stored } from './helpers'

declare const pixel: any

/** One doing of the visitor, the site or the network (the step's number names its event, e1, e2…, its userId u1… and its set() key s1…). */
const step = fc.oneof(
  { weight: 5, arbitrary: fc.constant(['track'] as const) },
  { weight: 2, arbitrary: fc.constant(['trackNav'] as const) },
  { weight: 2, arbitrary: fc.constant(['identify'] as const) },
  { weight: 2, arbitrary: fc.constant(['set'] as const) },
  { weight: 1, arbitrary: fc.constant(['reset'] as const) },
  { weight: 3, arbitrary: fc.constant(['grant'] as const) },
  { weight: 2, arbitrary: fc.constant(['refuse'] as const) },
  { weight: 1, arbitrary: fc.constant(['grantNav'] as const) },
  { weight: 1, arbitrary: fc.constant(['refuseNav'] as const) },
  { weight: 1, arbitrary: fc.constant(['reload'] as const) },
  { weight: 2, arbitrary: fc.constant(['back'] as const) },
  { weight: 1, arbitrary: fc.constant(['forward'] as const) },
  { weight: 1, arbitrary: fc.constant(['close'] as const) },
  { weight: 2, arbitrary: fc.constant(['second'] as const) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('faults' as const), fc.constantFrom<Record<string, number> | null>(null, { errorRate: 0.5 }, { downFor: 2000 }, { latency: 300 })) },
)

/** What the model expects of one track(): `held` waits on its page for a choice. */
type Fate = 'must' | 'never' | 'may' | 'held'
/** What the browser keeps of the visitor, as far as the model can tell (undefined: it cannot): the userId (null: none) and the tab's set() properties. */
interface Visitor {
  uid?: string | null
  props?: Record<string, number>
}
interface Made {
  name: string
  fate: Fate
  /** what it must carry, where the model knows */
  seen?: Visitor
}
/** A call held on a page for consent, in order: a track, or an identify(), set() or reset(). */
type Held = { made: Made } | { apply: (v: Visitor) => void }

test('any sequence of consent choices, identify(), set(), reset(), navigations, back/forward, closed tabs and collector faults: what consent allows arrives once with its userId and set() properties, nothing else does', async ({ request }, info) => {
  test.setTimeout(300_000 * FUZZ_TIMES)
  const browser = await bfcacheBrowser()
  let run = 0
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), async (steps) => {
        const key = keyFor(info) + 'r' + run++
        const context = await browser.newContext()
        const errors: string[] = []
        const made: Made[] = []
        let i = 0
        const url = () => `/fixtures/consent.html?wk=${key}&consent=pending&n=${i}`
        // the model: the browser's choice, the visitor (the main tab's), each document's held calls
        let choice: 'pending' | 'granted' | 'refused' = 'pending'
        let everGranted = false
        let visitor: Visitor = { uid: null, props: {} }
        const held = new Map<number, Held[]>()
        let docs = 0
        /** Waits for pixel on the page's document and names the document; says whether it was restored. */
        const ready = async (p: Page) => {
          await p.waitForFunction(() => !!(window as any).pixel?.version, undefined, { timeout: 10_000 })
          const id = ++docs
          const doc: number = await p.evaluate((n) => ((window as any).__doc ??= n), id)
          return { doc, restored: doc != id }
        }
        const open = async () => {
          const p = await context.newPage()
          p.on('pageerror', (e) => errors.push(e.message))
          await p.goto(url())
          return { p, doc: (await ready(p)).doc }
        }
        /** A track() made on document `doc` whose choice is the browser's (`checked`: what it carries). */
        const fate = (doc: number, name: string, checked = true): Made => {
          const m: Made = { name, fate: 'never' }
          if (choice == 'granted') (m.fate = 'must'), (m.seen = checked ? { ...visitor } : undefined)
          else if (choice == 'pending') (m.fate = 'held'), held.set(doc, [...(held.get(doc) || []), { made: m }])
          made.push(m)
          return m
        }
        /** Consent given on document `doc`: its held calls run in order (`checked`: with what they must carry); other pages' may run. */
        const granted = (doc: number, checked = true) => {
          choice = 'granted'
          everGranted = true
          for (const h of held.get(doc) || []) if ('made' in h) (h.made.fate = 'must'), (h.made.seen = checked ? { ...visitor } : undefined)
          // (an identify() held as the page is left is made on the next page: another tab learns it later)
          else h.apply(visitor), (secondKnows = false)
          held.delete(doc)
          // (held on a page in the back/forward cache, sent if it is shown again)
          for (const m of made) if (m.fate == 'held') m.fate = 'may'
        }
        /** Consent refused on document `doc`: what it held is dropped, and what was not delivered yet may be. */
        const refused = async (doc: number) => {
          choice = 'refused'
          visitor = { uid: null, props: {} }
          for (const h of held.get(doc) || []) if ('made' in h) h.made.fate = 'never'
          held.delete(doc)
          const got = new Set((await stored(request, key)).map((r) => r.event.event))
          for (const m of made) if (m.fate == 'must' && !got.has(m.name)) m.fate = 'may'
        }
        let { p: page, doc } = await open()
        let second: { p: Page; doc: number } | undefined
        /** whether the second tab is known to have the main tab's userId (another tab's identify() reaches it by a storage event) */
        let secondKnows = true
        /**
         * The choice `next` made on the main page by `f`: the model follows it there, and in the
         * open second tab, which applies it (a `storage` event) before the next step.
         */
        const choose = async (f: () => Promise<unknown>, next: 'granted' | 'refused') => {
          const d = doc
          const applied = second && next != choice && (await otherTabWrites(second.p, 'pixel.consent'))
          await f()
          if (applied) await applied()
          if (next == 'granted') granted(d)
          else await refused(d)
          // (what its held tracks carry is not checked: another tab's identify() reaches it a moment later)
          if (second) next == 'granted' ? granted(second.doc, false) : await refused(second.doc)
        }
        /** Navigates the main page by `f` to a new document (or a restored one). */
        const go = async (f: () => Promise<unknown>) => {
          await f()
          const r = await ready(page)
          doc = r.doc
          const h = held.get(doc)
          // a restored page applies the kept choice: it sends what it held, with its identify() and set() calls, or drops it
          if (r.restored && h && choice != 'pending') {
            for (const x of h) if ('made' in x) x.made.fate = choice == 'granted' ? 'may' : 'never'
            if (choice == 'granted' && h.some((x) => !('made' in x))) visitor = {}
            held.delete(doc)
          }
        }
        const navigate = (js: string) =>
          go(async () => {
            const to = url()
            const arrived = page.waitForURL((u) => u.href.endsWith(to), { timeout: 10_000 })
            await page.evaluate(js + ';location.href = ' + JSON.stringify(to))
            await arrived
          })
        const act = async (s: (typeof steps)[number], name: string) => {
          switch (s[0]) {
            case 'track':
              fate(doc, name)
              await page.evaluate((n) => pixel.track(n), name)
              break
            case 'trackNav':
              fate(doc, name)
              await navigate(`pixel.track(${JSON.stringify(name)})`)
              break
            case 'identify':
            case 'set':
            case 'reset': {
              const n = i
              const apply = (v: Visitor) =>
                s[0] == 'identify' ? (v.uid = 'u' + n) : s[0] == 'set' ? (v.props = v.props && { ...v.props, ['s' + n]: n }) : ((v.uid = null), (v.props = {}))
              // whether the kept userId changes now (undefined: the model cannot tell, a reset() of
              // a userId it does not know): where it does, the open second tab learns it before the next step
              const changes = choice == 'granted' && (s[0] == 'identify' || (s[0] == 'reset' && (visitor.uid === undefined ? undefined : visitor.uid !== null)))
              const learnt = second && changes && (await otherTabWrites(second.p, 'pixel.uid'))
              await page.evaluate(([k, n]) => (k == 'identify' ? pixel.identify('u' + n) : k == 'set' ? pixel.set({ ['s' + n]: n }) : pixel.reset()), [s[0], n] as const)
              if (learnt) await learnt()
              if (changes !== false) secondKnows = !!changes
              if (choice == 'granted') apply(visitor)
              else if (choice == 'pending') held.set(doc, [...(held.get(doc) || []), { apply }])
              // (refused: dropped, as an event is)
              break
            }
            case 'grant':
              await choose(() => page.evaluate(() => pixel.consent(true)), 'granted')
              break
            case 'refuse':
              await choose(() => page.evaluate(() => pixel.consent(false)), 'refused')
              break
            // a banner that reloads the page at the click
            case 'grantNav':
              await choose(() => navigate('pixel.consent(true)'), 'granted')
              break
            case 'refuseNav':
              await choose(() => navigate('pixel.consent(false)'), 'refused')
              break
            case 'reload':
              await go(() => page.reload())
              break
            case 'back':
            case 'forward':
              if (await page.evaluate((b) => (b ? (window as any).navigation.canGoBack : (window as any).navigation.canGoForward), s[0] == 'back'))
                await go(() => (s[0] == 'back' ? page.goBack({ waitUntil: 'commit', timeout: 10_000 }) : page.goForward({ waitUntil: 'commit', timeout: 10_000 })))
              break
            case 'close':
              await page.close()
              ;({ p: page, doc } = await open())
              // (a new tab: a session of its own)
              visitor.props = {}
              break
            case 'second':
              if (second) {
                // the userId of the main tab's calls, where it is known to have reached this one; set() properties of its own tab: none
                const m = fate(second.doc, name, false)
                if (m.fate == 'must') m.seen = { uid: secondKnows ? visitor.uid : undefined, props: {} }
                await second.p.evaluate((n) => pixel.track(n), name)
                await second.p.close()
                second = undefined
              } else (second = await open()), (secondKnows = true)
              break
            case 'faults':
              await setFaults(request, key, s[1] || undefined)
              break
          }
        }
        const log: string[] = []
        try {
          for (const s of steps) {
            i++
            log.push(JSON.stringify(s))
            await orHung(act(s, 'e' + i), 25_000, () => `step ${i} hung at ${page.url()}`)
          }
          await setFaults(request, key)
          if (second) await second.p.close()
          // held on pages left without a choice: never sent
          for (const m of made) if (m.fate == 'held') m.fate = 'never'
          // a fresh page of the site: under a grant it takes over what closed tabs left, and flushes
          await page.close()
          ;({ p: page } = await open())
          const must = made.filter((m) => m.fate == 'must')
          const tracks = async () => ((await stored(request, key)) as any[]).map((r) => r.event).filter((e) => e.type == 'track')
          await expect
            .poll(async () => (await page.evaluate(() => pixel.flush()), [...new Set((await tracks()).map((e) => e.event))].filter((n) => must.some((m) => m.name == n)).sort()), {
              timeout: 60_000,
              intervals: [500, 1000, 2000],
            })
            .toEqual(must.map((m) => m.name).sort())
          const all = await stored(request, key)
          if (!everGranted) expect(all.map((r) => r.event.type), 'never given consent: nothing at the collector').toEqual([])
          const t = await tracks()
          const names = t.map((e) => e.event as string)
          expect(names.filter((n) => made.some((m) => m.name == n && m.fate == 'never')), 'made while refused or left without a choice').toEqual([])
          expect(names.length, 'stored once').toBe(new Set(names).size)
          for (const { name, seen } of must) {
            const e = t.find((e) => e.event == name)
            if (seen?.uid !== undefined) expect(e.userId ?? null, `${name}'s userId`).toBe(seen.uid)
            if (seen?.props) expect(e.properties, `${name}'s set() properties`).toEqual(seen.props)
          }
          expect(errors).toEqual([])
        } catch (e) {
          throw new Error(`steps: ${log.join(' ')}\nmodel: ${JSON.stringify(made)}\n${(e as Error).message}`)
        } finally {
          await context.close()
        }
      }),
      fuzzRuns(20261125, 20),
    )
  } finally {
    await browser.close()
  }
})

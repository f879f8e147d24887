// Plugin `triggers` (dist/pixel.triggers.js): scroll depth, UTM-tagged and outbound link clicks,
// and the declarative event definitions (`init({events})` and the `data-config` file), with their
// conditions. Loaded (by lib/createTriggers) when the config asks for any of them, or names in
// `auto` a trigger nobody knows (reported here).
import type { Config } from '../core/config'
import { matchConditions, type Facts } from '../core/matchConditions'
import { parseDefinitions, type Definition } from '../core/parseDefinitions'
import { readLink } from '../core/readLink'
import { urlCutter } from '../core/urlCutter'
import type { Core, Registry } from '../lib/loadPlugin'
import { onClick } from '../triggers/onClick'
import { onPresent } from '../triggers/onPresent'
import { onScroll, SCROLL_DEPTHS } from '../triggers/onScroll'
import { onVisible } from '../triggers/onVisible'

type Track = (event: string, properties?: Record<string, unknown>) => void

/** The data-config file's definitions, kept for the browser tab's session. */
const CACHE = 'pixel.config'
/**
 * the names `auto` takes, each between spaces (the empty name too: `auto: ''` is none); those
 * pixel.js runs itself are also in lib/createTriggers' test for loading this plugin
 */
const AUTO = ' pageview markup hashchange pageview-query scroll utm-clicks outbound-clicks vitals none  '

export default (r: Registry) => {
  r.triggersFor = (core: Core, config: Config, track: Track, fail: (e: unknown) => void) => {
    // the config of the last init(): a later one may add definitions and triggers (see `add`)
    let cfg = config
    const on = (k: string) => cfg.auto.indexOf(k) >= 0
    const bad = (which: string, why: string) => core.log.warn('definition', which, why)
    const strip = urlCutter(config.raw)
    let defs: Definition[] = []
    /** each definition the page has, as JSON: one given again (a later init(), the cached file) is not doubled */
    const known: Record<string, 1> = {}
    let stops: (() => void)[] = []
    let depths = SCROLL_DEPTHS
    /** page() has run: definitions added from now on start at once */
    let live = false
    /** the scroll depths of this page view are watched */
    let scrolling = false
    let links = false
    const fetched: Record<string, 1> = {}
    /** the scrollDepths and events of the last config taken in: an init() that leaves them as they were costs nothing, and warns nothing again */
    let given: unknown[] = []
    /** the names of `auto` this plugin does not know, reported once though each init() repeats them */
    const told: Record<string, 1> = {}

    const facts = (): Facts => {
      const query: Record<string, string> = {}
      new URLSearchParams(location.search).forEach((v, k) => k in query || (query[k] = v))
      const landed = core.land().context()
      const utm: Record<string, string> = {}
      for (const k of Object.keys(landed.campaign || {})) utm[k == 'name' ? 'campaign' : k] = landed.campaign![k]
      for (const k of Object.keys(query)) if (!k.indexOf('utm_')) utm[k.slice(4)] = query[k]
      let referrerHost = ''
      try {
        referrerHost = new URL(r.ref || document.referrer).host
      } catch {}
      return { path: location.pathname, query, utm, referrerHost, source: landed.attribution && (landed.attribution.source as string) }
    }

    /** Starts one definition for this page view; one whose selector is invalid is reported and dropped. */
    const start = (d: Definition) => {
      const fire = (extra?: Record<string, unknown>) => track(d.event, { ...extra, ...d.properties })
      try {
        if (d.trigger == 'pageview') fire()
        else if (d.trigger == 'click') stops.push(onClick(d.selector!, () => fire(), fail))
        else if (d.trigger == 'visible') stops.push(onVisible(d.selector!, d.threshold == null ? 0.5 : d.threshold, () => fire(), fail))
        else if (d.trigger == 'present') stops.push(onPresent(d.selector!, () => fire(), fail))
        else if (d.trigger == 'scroll') stops.push(onScroll([d.percent!], (percent) => fire({ percent }), fail))
        else stops.push(onClick('a[href]', (a) => link(a as HTMLAnchorElement, (l) => Object.keys(l.utm).length && fire({ url: l.url, ...l.utm })), fail))
      } catch (e) {
        bad(d.event, `${e}`.slice(0, 120))
        defs = defs.filter((x) => x != d)
      }
    }
    const link = (a: HTMLAnchorElement, use: (l: NonNullable<ReturnType<typeof readLink>>) => unknown) => {
      // (an <a> of an inline SVG gives its href as an SVGAnimatedString: the attribute, maybe relative)
      const h = a.href as string | { baseVal: string }
      const l = readLink(typeof h == 'string' ? h : new URL(h.baseVal, document.baseURI).href, location.host, strip)
      if (l) use(l)
    }
    const scroll = () => (scrolling = on('scroll')) && stops.push(onScroll(depths, (percent) => track('scrollDepth', { percent }), fail))

    /** Definitions the page does not have yet: kept, and once the page is live started at once when their conditions hold. */
    const use = (list: unknown) => {
      const more = parseDefinitions(list, bad).filter((d) => {
        const k = JSON.stringify(d)
        return !known[k] && (known[k] = 1)
      })
      defs = defs.concat(more)
      if (live) {
        const f = facts()
        for (const d of more) if (matchConditions(d.when, f)) start(d)
      }
    }

    /** A page view (the load, or an SPA navigation): the definitions whose conditions hold now start again. */
    const page = () => {
      for (const s of stops) s()
      stops = []
      live = true
      const f = facts()
      for (const d of defs) if (matchConditions(d.when, f)) start(d)
      scroll()
    }

    /**
     * Takes a config in: at the start, and at each later init(). What it adds works at once:
     * its new definitions, a config file not fetched yet, the scroll depths, link clicks.
     * Definitions and the triggers started stay for the page's life (link clicks follow the
     * latest `auto`; the scroll depths of a page view, `auto` at its start).
     */
    const add = (c: Config) => {
      cfg = c
      for (const k of c.auto) if (AUTO.indexOf(` ${k} `) < 0 && !told[k]) (told[k] = 1), core.log.warn('option', 'auto', k, 'ignored')
      const { scrollDepths: raw, events } = c.raw
      // scrollDepths: a comma list of percents (1 to 100); anything else is reported, and the defaults used
      if (raw !== given[0])
        try {
          depths = raw == null || raw === '' ? SCROLL_DEPTHS : String(raw).split(',').map(Number)
          if (!depths.length || depths.some((p) => !(p >= 1 && p <= 100))) throw 0
        } catch {
          // (a value no string can be made of lands here too)
          core.log.warn('option', 'scrollDepths', raw, SCROLL_DEPTHS.join())
          depths = SCROLL_DEPTHS
        }
      if (events !== given[1]) use(events)
      given = [raw, events]
      if (live && !scrolling) scroll()
      // link clicks are not per page view: one listener for the page's life
      if (!links && (on('utm-clicks') || on('outbound-clicks')))
        (links = true),
          onClick(
            'a[href]',
            (a) =>
              link(a as HTMLAnchorElement, (l) => {
                if (on('utm-clicks') && Object.keys(l.utm).length) track('utmLinkClick', { url: l.url, ...l.utm })
                if (on('outbound-clicks') && l.outbound) track('outboundLinkClick', { url: l.url })
              }),
            fail,
          )
      // data-config: fetched once per tab session, without holding anything up; its definitions
      // join those of init() and start on this page view when their conditions hold
      const url = c.raw.config
      if (typeof url == 'string' && url && !fetched[url]) {
        fetched[url] = 1
        let cached: string | null = null
        try {
          const k = JSON.parse(sessionStorage.getItem(CACHE) || 'null')
          if (k && k.url == url) cached = k.list
        } catch {}
        if (cached) use(cached)
        else
          fetch(url, { credentials: 'omit' })
            .then((res) => (res.ok ? res.json() : Promise.reject(res.status)))
            .then((list) => {
              try {
                sessionStorage.setItem(CACHE, JSON.stringify({ url, list }))
              } catch {}
              use(list)
            })
            .catch((e) => core.log.warn('config', url, e))
      }
    }
    add(config)
    return { page, add }
  }
}

import { buildEnvelope, LIBRARY, type Call } from './core/buildEnvelope'
import { parseConfig, type Config, type Options } from './core/config'
import { ENCODERS } from './core/formats/index'
import { registry, type Core, type Landed, type Moment, type Plugin } from './lib/loadPlugin'
import { pluginOf } from './core/resolveDestinations'
import { MAX_NAME } from './core/limits'
import { RULED } from './core/eventRules'
import { isPlain } from './core/isPlain'
import { isPlainBrowser } from './core/isPlainBrowser'
import type { Destination, Envelope, EventName, Properties } from './core/types'
import { uuid } from './core/uuid'
import { createLog, type Table } from './lib/createLog'
import { createOutbox, OUTBOX } from './core/createOutbox'
import { createStore, localStore, type Store } from './lib/createStore'
import { onHidden } from './lib/onHidden'
import { bare, readDevice, readPage, readTimezone } from './lib/readPage'
import { createSender, Mode } from './transport/createSender'
import { send } from './transport/send'
import { AID, ATTR, CHOICE, HELD, HUMAN, LANDED, RULES, SET, TRAITS, UID } from './core/keys'
import { createTriggers } from './lib/createTriggers'
import { landingUrl } from './lib/landingUrl'
import { navigationApi } from './lib/navigationApi'

export type { Options }

/** The stand-in of a plugin that calls go on without (see `without` in createPixel). */
const NONE = () => 0

/** The public API (DESIGN.md section 4). Every method is safe to call with anything. */
export interface Pixel {
  init(options: Options): void
  track(event: EventName, properties?: Properties): void
  page(name?: string | Properties, properties?: Properties): void
  identify(userId: string | number | Properties, traits?: Properties): void
  set(properties: Properties): void
  reset(): void
  consent(granted: boolean): void
  flush(): Promise<void>
  debug(on?: boolean): void
  readonly version: string
}

/**
 * Builds a pixel and, unless `defer`, starts it: the automatic triggers run and the page view
 * is sent. `origin` is the default endpoint (where pixel.js came from); `plugins` brings a
 * plugin (snippet/plugins) when the config needs one. The script-tag entry defers the start
 * until the stub's queue has been replayed, so queued calls apply to the first page view.
 */
export function createPixel(
  options: Options = {},
  origin = location.origin,
  plugins?: (name: string) => Promise<any>,
  defer?: boolean,
): Pixel & { start(): void; ready(): Promise<unknown>; view(when: unknown, f: () => void, titled: () => unknown): void; at(m: Moment | undefined, f: () => void): void } {
  let raw = {}
  let config: Config
  let destinations: Destination[]
  let store: Store | undefined
  // ?pixel_debug=1 on any page of the site turns debug on for that page
  let debugOn = /[?&]pixel_debug=1/.test(location.search)
  let started = false
  let attr: Landed | undefined
  /** the events of calls made before the start, made then, sent after its page view */
  const early: Envelope[] = []
  let first: number | undefined
  const log = createLog(() => debugOn || config.debug, () => (plugins ? plugins('messages') : Promise.reject()) as Promise<Table>)
  const device: ReturnType<typeof readDevice> & { timezone?: string } = readDevice()
  const tab = uuid()
  const outbox = createOutbox(localStore(), tab, Date.now)
  const sender = createSender({
    outbox,
    destinations: () => destinations,
    config: () => config,
    log,
    send,
    hidden: () => document.visibilityState == 'hidden',
  })

  const configure = (o: Options) => {
    config = parseConfig({ ...raw, ...o }, origin, (k, v, d) => log.warn('option', k, v, d))
    const r = config.raw
    // (no browser has sendBeacon without fetch)
    const post = typeof fetch == 'function'
    // explicit destinations are the `route` plugin's work (the call waits for it: see `wait`)
    destinations = (!!(r.destinations || r.format) && (registry.route || wait('route'))(config, post, log.warn)) || [
      {
        format: config.transport == 'get' || (config.transport == 'auto' && !post) ? 'rudderstack-pixel' : 'native',
        endpoint: config.endpoint,
        writeKey: config.writeKey,
        post: post && config.transport != 'get',
      },
    ]
    // kept only now: options that made this init() fail are not merged into the next one
    raw = r
    for (const d of destinations)
      // events wait in the outbox meanwhile; a plugin that fails to load is tried again on the next page
      if (!ENCODERS[d.format]) need(1, pluginOf(d.format)).then(() => sender.flush())
    // after the start, what this init() adds to the triggers starts now
    if (started) triggers()
  }

  /** The ids' storage, made at first use, when init() calls have said whether cookies are allowed. */
  const ids = () => store || (store = createStore(config.cookie ? registry.cookie : undefined))

  /** A kept JSON object (read by `get`), or {} when there is none, it is not JSON, or storage throws. */
  const parse = (get: () => string | null) => {
    try {
      return JSON.parse(get()!) || {}
    } catch {
      return {}
    }
  }
  const stored = (k: string) => parse(() => ids().get(k))
  /**
   * Reads the ids (a new store, where they are kept in localStorage: kept in memory only, they are
   * this page's alone) and the set() properties afresh, and returns the consent choice kept.
   */
  const again = () => ((store = localStore() ? undefined : store), (core.extra = undefined), ids().get(CHOICE))

  /**
   * Each plugin's load, begun once: a plugin's module runs once however many calls need it.
   * Consent fails closed: where its plugin was needed (configured, a choice made, consent()
   * called) and did not load, nothing more is sent or kept on this page.
   */
  const loads: Record<string, Promise<unknown>> = {}
  /** Nothing more is sent or kept on this page (consent's plugin failed, or a refusal came before it). */
  const shut = () => (core.defer = core.blocked = () => true)
  /** the plugins asked for that are neither in nor failed yet */
  const coming: Record<string, 1> = {}
  const need = (when: unknown, name: string) =>
    when && plugins
      ? (loads[name] =
          loads[name] ||
          ((coming[name] = 1), plugins(name).then((p: Plugin) => p(registry), (e) => (name == 'consent' && shut(), log.warn('plugin', name, e))).then(() => delete coming[name])))
      : Promise.resolve()

  /** pixel.js's state and helpers, for the plugins (registry.core). */
  const core: Core = {
    ids,
    stored,
    props: (v, w) => props(v, w),
    named: (v, w) => named(v, w),
    // the mark says set() was ever used here: a page's first sessionStorage read costs Chromium
    // 0.3 to 2 ms (it opens the storage), which sites that never call set() are spared
    sets: () => (core.extra = core.extra || parse(() => (ids().get(SET) ? sessionStorage.getItem(SET) : null))),
    emit,
    // through the API: the triggers' events wait for plugins, and keep their order, as a call does
    track: (e, p) => pixel.track(e, p),
    view: (w, f, t) => pixel.view(w, f, t),
    land: () => land(),
    need,
    // reset() and consent's withdrawal: one list, so that a key added later is forgotten by both
    // (again(): the set() properties are read afresh, from a session they are no longer in)
    forget() {
      for (const k of [AID, UID, TRAITS, ATTR, SET, LANDED, HELD]) ids().set(k, null)
      again()
      attr = none()
      try {
        sessionStorage.removeItem(SET)
      } catch {}
    },
    withdraw() {
      outbox.clear()
      core.forget()
      ids().set(HUMAN, null)
      ids().set(RULES, null)
    },
    log,
    config: () => config,
  }
  registry.core = core
  // the default triggers: bundled, since every page has them (a module of their own cost every
  // page a request)
  const auto = createTriggers(registry)
  /** Starts the triggers of the config (automatic ones, event definitions): at the start, and what each later init() adds. */
  const triggers = () => auto(core, config)
  let methods: ReturnType<NonNullable<typeof registry.identity>>
  const lazy = () => (methods = methods || (registry.identity || wait('identity'))(core))
  /**
   * This page's attribution, read once, at the first event or the start, whichever comes first
   * (after the stub's queued init() calls), by the `identity` plugin when ready() loaded it.
   * Without it, the page has no attribution, and with `requireSource` nothing is tracked.
   */
  const land = () => {
    if (!attr) {
      attr = registry.land ? registry.land(core, config.raw) : none()
      if (attr.identify) pixel.identify(...(attr.identify as [string, Properties]))
    }
    return attr
  }
  /** rules options of the config's own: every track() needs the `rules` plugin, loaded with the page's first plugins */
  const ownRules = () => config.raw.limits || config.raw.purchaseEvents
  const none = (): Landed => ({ ok: !config.raw.requireSource, context: () => ({}) })

  function emit(call: Call, properties?: unknown, m: Moment = moment()) {
    // copied now, as they are at the call (a value that needs the `json` plugin makes the call wait
    // for it here, in its place among the calls)
    const p = props(properties, call.type)
    // The page URLs a page() call gives itself (an app that sends its own page views passes its
    // router's) are cut as the page's own are, by the identity plugin (waited for; where it did
    // not load, they lose their query): an app landed on with ?email=… sent it in them.
    if (call.type == 'page')
      for (const k of ['url', 'referrer', 'search']) if (typeof p[k] == 'string') p[k] = (registry.identity || wait('identity'), (registry.strip || bare)(p[k] as string))
    // consent pending or refused (the `consent` plugin), seed 004's rules (the `rules` plugin):
    // the event waits in memory, or is dropped. One that waits keeps its moment, and the URL and
    // referrer of its page (an app may navigate before consent comes)
    if (core.defer && core.defer(() => emit(call, p, m), call, p)) return
    if (!land().ok || registry.bot) return log.debug('dropped', call.event || call.type, registry.bot ? 'bot' : 'requireSource')
    const page = readPage(registry.strip, m, config.auto.indexOf('hashchange') >= 0)
    // read at the first event (the ids' storage is known by then), once per page
    device.timezone = device.timezone || readTimezone()
    // a kept id the collector would refuse (blank, or past a name's length: damaged, or written by
    // another script under pixel's key) lost every event of the browser: a new anonymousId is
    // made, and such a userId is not sent
    let aid = id(AID)
    if (!aid) ids().set(AID, (aid = uuid()))
    const uid = id(UID)
    // seed 001's limit on the pairs of an event: refused whole, never trimmed (0: no limit)
    const n = Object.keys(p).length
    if (config.maxProperties && n > config.maxProperties) return log.warn('many', call.event || call.type, n, config.maxProperties)
    if (call.type != 'identify') call.properties = { ...core.sets(), ...(call.type == 'page' && page), ...p }
    const traits = stored(TRAITS)
    const context = attr!.context(uid)
    // Envoy's moment is in every envelope: a subscriber is an identified visitor who is not a lead
    if (uid && !context.attribution) context.attribution = { moment: 'subscriber' }
    ;(context as Record<string, unknown>).traits = Object.keys(traits).length ? traits : undefined
    const e = buildEnvelope(call, { ...device, page, anonymousId: aid, userId: uid || undefined, context }, uuid(), m[2])
    log.debug('event', e)
    // the page view is the page's first event: an event made before the start is sent after it (an
    // identify() made then is the page's, and goes at once, before the view that carries it)
    started || call.type == 'identify' ? sender.add(e) : early.push(e) < 2 && (first = m[2])
  }

  /** Takes over what closed or crashed tabs left (plugin `adopt`, loaded only when there is some), then sends it. */
  const adopt = () =>
    need(outbox.others(), 'adopt').then(() => registry.adopt && registry.adopt(outbox, tab, (n) => n && (log.debug('adopted', n), sender.flush())))

  /**
   * A JSON-safe copy of properties or traits: plain data is copied here, anything else by the
   * `json` plugin (calls bringing such values wait for it: see `wait`). Where that plugin did not
   * load, or the page is leaving before it came, JSON.stringify copies the object's own fields,
   * as the plugin reads them (a Date in them its ISO time, as the plugin does; none where it
   * throws, on a circular reference or a BigInt). Anything but an object is ignored, with a warning.
   */
  const props = (v: unknown, what: string) =>
    v == null
      ? {}
      : typeof v != 'object' || Array.isArray(v)
        ? (log.warn('props', what, typeof v), {})
        : (!isPlain(v) && (registry.json || wait('json'))(v)) || parse(() => JSON.stringify({ ...v }))

  /** The id kept under `k`, if it is one a collector takes. */
  const id = (k: string) => {
    const v = ids().get(k)
    return v && v.trim() && v.length <= MAX_NAME ? v : undefined
  }

  /** A name (event, page, user id) or undefined with a warning. */
  const named = (v: unknown, what: string) =>
    typeof v == 'string' && v.trim() && v.length <= MAX_NAME ? v.trim() : log.warn('name', what)

  /**
   * An event made at a URL with parameters waits for the plugin that cuts them, as an SPA page
   * view does: an app's replaceState that adds a query is no navigation, and every event after it
   * went without its query, the plugin never asked for. Returns the moment `m`, the call's, for
   * its event (made once: on a page that never needs that plugin, each track() passes here).
   */
  const cut = (m: Moment) => (registry.identity || !/[?#].*=/.test(m[0]) || wait('identity'), m)

  const pixel = {
    version: LIBRARY.version,
    init(o: Options) {
      o && typeof o == 'object' ? configure(o) : log.warn('init')
    },
    track(event: string, properties?: Properties) {
      const n = named(event, 'track')
      // seed 004's rules (the `rules` plugin) concern purchases, rate-limited events, update and login
      if (n && !registry.rules && (ownRules() || RULED.test(n))) wait('rules')
      if (n) emit({ type: 'track', event: n }, properties, cut(moment()))
    },
    page(n?: string | Properties, properties?: Properties) {
      if (n != null && typeof n == 'object') (properties = n), (n = undefined)
      if (n == null || named(n, 'page')) emit({ type: 'page', name: n as string | undefined }, properties, cut(moment()))
    },
    // in the identity plugin (see `wait`)
    identify(userId: string | number | Properties, traits?: Properties) {
      lazy().identify(userId, traits)
    },
    set(p: Properties) {
      lazy().set(p)
    },
    // here, not in the identity plugin: a logout that resets and navigates at once, before that
    // plugin came, left the user to the next person at that browser. At once, since forgetting
    // needs no consent (a page that may send nothing more, its consent refused or its plugin
    // failed, still forgets the user), and again in its place among the calls held for consent,
    // as identify() and set() are (a login held before it was made after it, and the user stayed)
    reset() {
      core.forget()
      core.defer && core.defer(core.forget)
    },
    // in the consent plugin (see `wait`)
    consent(granted: boolean) {
      ;(registry.consent || wait('consent'))(granted)
    },
    flush: () => sender.flush(Mode.All),
    debug(on?: boolean) {
      debugOn = on !== false
    },
    /**
     * Resolves when the plugins the page view needs are in: `cookie` when cookies must stand
     * in for localStorage, then together `consent` when configured or chosen, `identity` when
     * this page can have attribution, and `bot` until the browser has been judged human; on a
     * prerendered page, not before it is shown.
     */
    ready: (): Promise<unknown> =>
      hold(
        need(config.cookie && !localStore(), 'cookie').then(() =>
          // fetched together: each plugin's hook in core.defer puts itself in its place
          Promise.all([
            // a consent to wait for, a choice made, or a privacy signal to honour
            need(config.raw.consent || config.raw.honorGpc || config.raw.honorDnt || ids().get(CHOICE), 'consent'),
            need(
              kept() ||
                ids().get(LANDED) ||
                config.raw.requireSource ||
                config.raw.cleanUrl ||
                ids().get(ATTR) ||
                // a parameter to read or to cut: in the URL the page was loaded at (see
                // landingUrl), the URL now, or the referrer
                /[?#].*=/.test(landingUrl() + location.href) ||
                /=/.test(document.referrer),
              'identity',
            ),
            // the bot filter, unless the user agent is a mainstream browser's plain form (and no
            // automation drives it), or this browser has been judged human once (then kept)
            need(!config.allowBots && !(isPlainBrowser(device.userAgent) && !navigator.webdriver) && !ids().get(HUMAN), 'bot'),
            // rules of the config's own: in before any track()
            need(ownRules(), 'rules'),
            // a page the browser prerenders (speculation rules) may never be shown: its page view
            // and calls wait until it is
            // (Chromium fires no pagehide at a prerendered page it discards: nothing is released)
            new Promise((r) => ((document as { prerendering?: boolean }).prerendering ? document.addEventListener('prerenderingchange', r) : r(0))),
          ]).then((a) => {
            // shown after a prerender: what changed meanwhile (a consent withdrawn on the page that
            // prerendered this one) applies before its page view, as after a bfcache restore (see sync)
            const v = a[4] && again()
            // (through the plugin itself, not pixel.consent(): the calls are held until this resolves,
            // and one made now would run after the held start() and its page view. Where the plugin
            // did not load, nothing more is sent or kept: see need)
            return v && need(1, 'consent').then(() => registry.consent && registry.consent(v == '1'))
          }),
        ),
      ),
    /**
     * An SPA navigation's page view (`f`, from the triggers; not in the API), in call order: where
     * its URL has a parameter to cut (`when`), it waits for `identity` as a call does, then for
     * the promise `titled()` gives, if any (the new page's title); the calls after it wait with
     * it, and the page's leaving sends it at once, without that plugin.
     */
    view(when: unknown, f: () => void, titled: () => unknown) {
      if (when && !registry.identity) wait('identity')
      // (not once the page is leaving: see release)
      const t = !leaving && titled()
      if (t) wait(t as Promise<unknown>)
      f()
    },
    /** Runs `f`, a call the stub queued, as of the moment it was made at (when the stub kept one). */
    at: (m: Moment | undefined, f: () => void) => ((now = m || 0), f(), (now = 0)),
    start() {
      if (started) return
      started = true
      land()
      // back online: what waits goes at once, past the backoff its sends offline ran up
      addEventListener('online', () => sender.flush(Mode.All))
      adopt()
      // a tab that crashed just now is still within its lease: look again once it has run out
      setTimeout(adopt, OUTBOX.lease + 1000)
      // the page view of the load, at once; then the automatic triggers (SPA navigation, markup,
      // and what the config turns on)
      // (at the moment of the first event made before it, if any: it comes first by time too)
      if (config.auto.indexOf('pageview') >= 0) emit({ type: 'page' }, undefined, [location.href, registry.ref, first || Date.now(), document.title])
      // the events made before the start follow its page view, in their order
      early.map(sender.add)
      triggers()
    },
  }
  // A call whose work needs a plugin that is not in yet (`wait`) stops before any effect (init()
  // has merged its options, which doing it again leaves as they are); it, and every call after
  // it, wait for the plugin (or for a promise: an SPA page view's title), then run in call order.
  // A plugin that did not load is not asked for again on this page: destinations fall back to
  // the default one, properties that need `json` are copied by JSON.stringify, and identify()
  // and set() fail with a message.
  const WAIT = {}
  let waitFor: string | Promise<unknown>
  /** the calls held: method, arguments, and the moment each was made at */
  type Held = [string, unknown[], Moment][]
  let held: Held | 0 = 0
  /** the moment of the held call being replayed: its events are of the page and time it was made at */
  let now: Moment | 0 = 0
  // (with the document's referrer: a moment kept for the next page (see release) is read there,
  // where the document's is another)
  const moment = (): Moment => now || [location.href, registry.ref || document.referrer, Date.now(), document.title]
  const wait = (name: string | Promise<unknown>): never => {
    waitFor = name
    throw WAIT
  }
  let pending = 0
  /** the page is leaving, or has left into the back/forward cache (see release), until it is restored */
  let leaving = 0
  /** Calls go on without the plugin `n` (it failed, or the page is leaving): a stand-in that does nothing, where it is not in. */
  const without = (n: string) => ((registry as any)[n] = (registry as any)[n] || NONE)
  const replay = () => {
    const h = held as Held
    held = 0
    for (const [k, a, m] of h) (now = m), (pixel as any)[k](...a)
    now = 0
  }
  /** Holds calls until `p`, and every other load begun meanwhile, has ended; then replays them in order. */
  const hold = (p: Promise<unknown>) => {
    held = held || []
    pending++
    // (the calls held may have gone already: see release)
    return p.then(() => --pending || (held && replay()))
  }
  /**
   * The page is left while calls wait only for plugins they can go without: they run now rather
   * than be lost. So too when it is left into the back/forward cache: it runs no more there, and
   * is most often never shown again (a landing left so into the bfcache lost its page view, its
   * identify() and its attribution, where one unloaded gave them to the next page; shown again,
   * its calls wait for those plugins again: see sync). Without `identity` (a page whose URL has
   * parameters, or a call that needs it), the events have no landing attribution, their URLs are
   * cut to the path, and identify() and set() are kept for the next page (reset() needs no
   * plugin); without `rules`, seed 004's client rules do not apply; without `json`,
   * JSON.stringify copies the properties (see `props`). Calls that wait for consent (unless it
   * was granted among them), the bot verdict, cookies or destinations (`route`) stay unsent:
   * those decide whether or where anything may be sent.
   */
  const release = () => {
    // A choice made as the page is left, before the consent plugin came (a banner that reloads
    // the page on a click, on a browser's first page: the plugin comes at the first consent()
    // call) is kept, as the plugin keeps it (where a privacy signal may be honoured, it is not:
    // nothing is, then), and a refusal takes effect: the outbox and the calls held go unsent, as
    // the plugin drops what waits (was: lost, and the next page tracked a visitor who refused).
    // A grant lets the calls that wait for the plugin go, as the plugin would (was: the page's
    // view, its events and its landing were lost), unless a privacy signal may be honoured.
    let v: unknown
    if (held) for (const c of held) if (c[0] == 'consent' && typeof c[1][0] == 'boolean') v = c[1][0]
    if (v != null) {
      if (!config.raw.honorGpc && !config.raw.honorDnt) ids().set(CHOICE, v ? '1' : '0'), v && (delete coming.consent, without('consent'))
      if (!v) core.withdraw(), shut()
    }
    if (held && !Object.keys(coming).some((n) => /^(cookie|consent|bot|route)$/.test(n))) {
      // identify() and set() made as the page is left, before that plugin came (a signup that goes
      // on at once, on a browser's first page), are kept for the next page, unless a reset() came
      // after them or nothing may be kept (consent refused); so is a landing with parameters, not
      // read (a landing that sends the visitor on at once): the next page reads it (a reset()
      // among the calls forgets it, as it forgets attribution)
      if (!registry.identity && !(core.blocked && core.blocked())) {
        let keep: Held = []
        for (const c of held) c[0] == 'reset' ? (keep = []) : /^(identify|set)$/.test(c[0]) && keep.push(c)
        try {
          keep[0] && ids().set(HELD, JSON.stringify(keep))
        } catch {}
        const l = landingUrl()
        ;/[?#].*=/.test(l) && ids().set(LANDED, l)
      }
      without('identity'), without('rules'), without('json'), (leaving = 1), replay()
    }
  }
  /**
   * The identify() and set() calls a page left before they could be made (see release), taken
   * once: made first, before this page's calls and its view, as of the moment they were made at
   * (none where the value is not one pixel wrote). Returns whether calls are held.
   */
  const kept = (k = ids().get(HELD)): number | void => {
    if (k)
      try {
        ids().set(HELD, null)
        return (held as Held).unshift(...JSON.parse(k).filter((c: Held[0]) => /^(identify|set)$/.test(c[0]) && Array.isArray(c[1])))
      } catch {}
  }
  // A consent given or withdrawn in another tab of the site applies here too, at once. A page
  // restored from the back/forward cache gets the storage events it missed only after its
  // pageshow, where its page view is made: there, the ids and the set() properties (another page
  // of the tab may have changed them) are read again, and a choice made meanwhile on another page
  // applies before that view.
  const sync = (e: Event) => {
    let v: unknown
    if ((e as PageTransitionEvent).persisted) {
      // restored, its calls wait again for the plugins they went on without as it was left (see
      // release): with a stand-in, an identify() went nowhere, and a consent() did nothing
      leaving = 0
      for (const n in registry) (registry as any)[n] == NONE && delete (registry as any)[n]
      v = again()
    } else {
      const s = e as StorageEvent
      // a change that a later write has replaced is past: a restored page is given all it
      // missed, in order, and a withdrawal followed by a grant would forget what was kept since
      // (the visitor the grant let be identified, what closed tabs left), then grant again
      v = s.key == CHOICE && s.newValue == s.storageArea!.getItem(CHOICE) && s.newValue
    }
    if (v) pixel.consent(v == '1')
  }
  addEventListener('storage', sync)
  addEventListener('pageshow', sync)
  // from the first moment, not from start(): the calls held before it are released too (a page
  // merely hidden before the start sends nothing yet: its page view is to go at once, as a first
  // send). A page left (unloaded, or into the back/forward cache) before its parsed document
  // starts now: the visitor saw it, and its page view goes with the rest.
  onHidden((unloading, left) => (left && (started || pixel.start(), release()), unloading ? sender.flush(Mode.Unloading) : started && sender.flush(Mode.Hidden)))
  // A navigation away begins (a link, a form, location.assign: the Navigation API's `navigate`):
  // what waits goes now, not at pagehide by beacon, which has no answer, so the next page would
  // send it again. The next page's server most often takes longer than the collector, and the
  // answer comes before the unload (measured: the next page 200 ms away, 10 of 10 clicked links'
  // events sent once, where each went twice). As a hidden page sends: by keepalive fetch (an
  // image request of `transport: get` is cancelled by the unload), what waits past the backoff.
  // Not for a navigation within the document (an SPA's pushState or replaceState, a fragment):
  // the page stays, and such a flush sent past the backoff at each route change of an app whose
  // collector fails, and each event alone where an app replaces its URL as it goes. A router on
  // that API intercepts navigations that begin as ones away (`destination.sameDocument` is
  // false): once such a navigation has changed the current entry (at once, or when the router's
  // `precommitHandler` is done), the page is known to have such a router, and no navigation
  // flushes again (its links out go as without that API: by beacon at the unload). Not a wait
  // for that change at every navigation: the delay lost the race with a fast next page, and the
  // event went twice (10 of 10, against 2 of 12). (The entry was looked at a task later before:
  // a router with a `precommitHandler` has not changed it yet then, and each of its route changes
  // sent what waited, past the backoff.) A navigation away that changes no entry (a download, a
  // 204) is followed by another `navigate` before the next change, but for an app's
  // `navigation.updateCurrentEntry()`, which then turns the early send off, as a router does.
  const nav = navigationApi()
  /** 1: a navigation away has begun, since the last within the document; 2: the page has a router */
  let away = 0
  if (nav) {
    nav.addEventListener('navigate', (e) => away < 2 && (away = +!(e as Event & { destination: { sameDocument: boolean } }).destination.sameDocument) && sender.flush(Mode.Hidden))
    nav.addEventListener('currententrychange', () => away && (away = 2))
  }
  // Every entry point is guarded: nothing the page passes can throw into it.
  for (const k of Object.keys(pixel)) {
    const f = pixel[k as keyof typeof pixel]
    if (typeof f == 'function')
      (pixel as Record<string, unknown>)[k] = (...a: unknown[]) => {
        try {
          // (a held call keeps its moment: an SPA navigation may come before it runs)
          if (held && !/^(flush|debug|init|ready)$/.test(k)) return void held.push([k, a, moment()])
          return (f as (...a: unknown[]) => unknown)(...a)
        } catch (e) {
          // (init() runs while calls are held: it joins them, after them)
          if (e == WAIT) {
            const n = waitFor
            hold(typeof n == 'string' ? need(1, n).then(() => without(n)) : n)
            return void (held as Held).push([k, a, moment()])
          }
          log.warn('failed', k, e)
          return k == 'flush' ? Promise.resolve() : undefined
        }
      }
  }
  pixel.init(options)
  if (!defer) pixel.start()
  return pixel
}

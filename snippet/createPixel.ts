import { buildEnvelope, LIBRARY, type Call } from './core/buildEnvelope'
import { parseConfig, type Config, type Options } from './core/config'
import { ENCODERS, FORMATS } from './core/formats/index'
import { registry, type Plugin } from './lib/loadPlugin'
import { resolveDestinations } from './core/resolveDestinations'
import { MAX_NAME } from './core/limits'
import { toProps } from './core/toJson'
import type { Destination, Properties } from './core/types'
import { uuid } from './core/uuid'
import { createLog, type Table } from './lib/createLog'
import { createOutbox, OUTBOX } from './core/createOutbox'
import { createStore, localStore, type Store } from './lib/createStore'
import { onHidden } from './lib/onHidden'
import { readDevice, readPage, readTimezone } from './lib/readPage'
import { createSender, Mode } from './transport/createSender'
import { send } from './transport/send'
import { onPageview } from './triggers/onPageview'

export type { Options }

/** The public API (DESIGN.md section 4). Every method is safe to call with anything. */
export interface Pixel {
  init(options: Options): void
  track(event: string, properties?: Properties): void
  page(name?: string | Properties, properties?: Properties): void
  identify(userId: string | number | Properties, traits?: Properties): void
  set(properties: Properties): void
  reset(): void
  consent(granted: boolean): void
  flush(): Promise<void>
  debug(on?: boolean): void
  readonly version: string
}

const AID = 'pixel.aid'
const UID = 'pixel.uid'
const TRAITS = 'pixel.traits'

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
): Pixel & { start(): void; ready(): Promise<unknown> } {
  let raw = {}
  let config: Config
  let destinations: Destination[]
  let store: Store
  let debugOn = false
  let started = false
  let extra = {}
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
    online: () => navigator.onLine !== false,
  })

  const configure = (o: Options) => {
    config = parseConfig((raw = { ...raw, ...o }), origin, (k, v, d) => log.warn('option', k, v, d))
    // (no browser has sendBeacon without fetch)
    destinations = resolveDestinations(config, typeof fetch == 'function', FORMATS, (f) => log.warn('format', f))
    for (const d of destinations) {
      const name = FORMATS[d.format]
      // events wait in the outbox meanwhile; a plugin that fails to load is tried again on the next page
      if (!ENCODERS[d.format] && plugins)
        plugins(name).then(
          (p) => (p(registry), sender.flush()),
          (e) => log.warn('plugin', name, e),
        )
    }
  }

  /** The ids' storage, made at first use, when init() calls have said whether cookies are allowed. */
  const ids = () => store || (store = createStore(config.cookie ? registry.cookie : undefined))

  const stored = (k: string) => {
    try {
      return JSON.parse(ids().get(k)!) || {}
    } catch {
      return {}
    }
  }

  function emit(call: Call, properties?: unknown) {
    const page = readPage()
    // read at the first event (the ids' storage is known by then), once per page
    device.timezone = device.timezone || readTimezone(ids())
    let aid = ids().get(AID)
    if (!aid) ids().set(AID, (aid = uuid()))
    if (call.type != 'identify') call.properties = { ...extra, ...(call.type == 'page' && page), ...props(properties, call.type) }
    const e = buildEnvelope(call, { ...device, page, anonymousId: aid, userId: ids().get(UID) || undefined }, uuid(), Date.now())
    log.debug('event', e)
    sender.add(e)
  }

  /** Takes over what closed or crashed tabs left (plugin `adopt`, loaded only when there is some), then sends it. */
  const adopt = () =>
    outbox.others() &&
    plugins &&
    plugins('adopt').then((p: Plugin) => (p(registry), registry.adopt!(outbox, tab, (n) => n && (log.debug('adopted', n), sender.flush()))), () => {})

  /** Properties made JSON-safe; anything but an object is ignored, with a warning. */
  const props = (v: unknown, what: string) => (
    v != null && (typeof v != 'object' || Array.isArray(v)) && log.warn('props', what, typeof v), toProps(v)
  )

  /** A name (event, page, user id) or undefined with a warning. */
  const named = (v: unknown, what: string) =>
    typeof v == 'string' && v.trim() && v.length <= MAX_NAME ? v.trim() : log.warn('name', what)

  const pixel = {
    version: LIBRARY.version,
    init(o: Options) {
      o && typeof o == 'object' ? configure(o) : log.warn('init')
    },
    track(event: string, properties?: Properties) {
      const n = named(event, 'track() event name')
      if (n) emit({ type: 'track', event: n }, properties)
    },
    page(n?: string | Properties, properties?: Properties) {
      if (n != null && typeof n == 'object') (properties = n), (n = undefined)
      if (n == null || named(n, 'page() name')) emit({ type: 'page', name: n as string | undefined }, properties)
    },
    identify(userId: string | number | Properties, traits?: Properties) {
      const old = ids().get(UID) || undefined
      if (userId != null && typeof userId == 'object') (traits = userId), (userId = old!)
      const id = typeof userId == 'number' && isFinite(userId) ? String(userId) : userId == old ? old : named(userId, 'identify() userId')
      if (id === undefined && userId !== undefined) return
      // a different user is a new identity: the previous user's traits are not carried over
      const t = { ...(id == old && stored(TRAITS)), ...props(traits, 'identify') }
      if (id) ids().set(UID, id)
      ids().set(TRAITS, JSON.stringify(t))
      emit({ type: 'identify', traits: t })
    },
    set(p: Properties) {
      extra = { ...extra, ...props(p, 'set') }
    },
    reset() {
      for (const k of [AID, UID, TRAITS]) ids().set(k, null)
      extra = {}
    },
    // reserved: consent handling comes with the privacy capability
    consent(_granted: boolean) {},
    flush: () => sender.flush(Mode.All),
    debug(on?: boolean) {
      debugOn = on !== false
    },
    /** Resolves when the ids' storage is ready: at once, unless cookies must stand in for localStorage (plugin `cookie`). */
    ready: (): Promise<unknown> =>
      config.cookie && !localStore() && plugins ? plugins('cookie').then((p: Plugin) => p(registry), () => {}) : Promise.resolve(),
    start() {
      if (started) return
      started = true
      onHidden((unloading) => sender.flush(unloading ? Mode.Unloading : Mode.Hidden))
      addEventListener('online', () => sender.flush())
      adopt()
      // a tab that crashed just now is still within its lease: look again once it has run out
      setTimeout(adopt, OUTBOX.lease + 1000)
      if (config.auto.indexOf('pageview') >= 0) onPageview(emit)
    },
  }
  // Every entry point is guarded: nothing the page passes can throw into it.
  for (const k in pixel) {
    const f = pixel[k as keyof typeof pixel]
    if (typeof f == 'function')
      (pixel as Record<string, unknown>)[k] = (...a: unknown[]) => {
        try {
          return (f as (...a: unknown[]) => unknown)(...a)
        } catch (e) {
          log.warn('failed', k, e)
          return k == 'flush' ? Promise.resolve() : undefined
        }
      }
  }
  configure(options)
  if (!defer) pixel.start()
  return pixel
}

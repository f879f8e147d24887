// The npm package's entry, for bundlers: `import { createPixel } from 'pixel-snippet'`.
// As pixel.js imports its plugins on demand from beside itself, this module imports each with
// a dynamic import(): the application's bundler makes each a chunk of its own, which the page
// loads only when it needs it (the same conditions as the script tag's: see README, Plugins).
// Bundled in statically, they cost every page of the application 11 KB brotli more (esbuild).
import { createPixel as create, type Options, type Pixel } from './createPixel'

export type { Options, Pixel }

/** A call in command form, as a tag manager makes it: `pixel('track', 'viewGiftButton', {...})`. */
export type PixelCommand = { [K in Exclude<keyof Pixel, 'version'>]: [command: K, ...args: Parameters<Pixel[K]>] }[Exclude<keyof Pixel, 'version'>]

/**
 * `window.pixel` of the script tag, the stub or the tag-manager tag: the API, callable in command
 * form too. Until pixel.js runs, the stub only queues each call: it returns nothing, `flush()`
 * included, and has no `version`.
 */
export interface PixelGlobal extends Omit<Pixel, 'flush' | 'version'> {
  (...call: PixelCommand): void
  flush(): Promise<void> | undefined
  readonly version?: string
}
export type { Envelope, EnvoyEvent, EventName, Properties } from './core/types'
export type { Definition, When } from './core/parseDefinitions'
import type { EnvoyEvent } from './core/types'
import { LIBRARY } from './core/buildEnvelope'
import { installGlobal, pageGlobal } from './lib/installGlobal'

/** Envoy's suggested event names (seed 000), in flow order. */
export const ENVOY_EVENTS: readonly EnvoyEvent[] = [
  'loadGiftButton',
  'viewGiftButton',
  'clickGenerateShareLink',
  'viewShareDetailsModal',
  'startSignUpJourney',
  'completeSignUpJourney',
  'startFreeTrial',
  'startPaidTrial',
  'completesPurchase',
]

const PLUGINS: Record<string, () => Promise<{ default: unknown }>> = {
  adopt: () => import('./plugins/adopt'),
  cookie: () => import('./plugins/cookie'),
  get: () => import('./plugins/get'),
  identity: () => import('./plugins/identity'),
  json: () => import('./plugins/json'),
  messages: () => import('./plugins/messages'),
  route: () => import('./plugins/route'),
  envoy: () => import('./plugins/envoy'),
  conveyour: () => import('./plugins/conveyour'),
  eventapi: () => import('./plugins/eventapi'),
  triggers: () => import('./plugins/triggers'),
  vitals: () => import('./plugins/vitals'),
  bot: () => import('./plugins/bot'),
  consent: () => import('./plugins/consent'),
  rules: () => import('./plugins/rules'),
}

let made: Pixel | undefined
let warned = false

/** The pixel of a place with no page (a server render, a worker): every call does nothing. */
const inert = (): Pixel => ({
  init() {},
  track() {},
  page() {},
  identify() {},
  set() {},
  reset() {},
  consent() {},
  flush: () => Promise.resolve(),
  debug() {},
  version: LIBRARY.version,
})

/**
 * A pixel for this page, started at once: the page view is sent and events are delivered to
 * `options.endpoint` (default: the page's origin). Options are those of `init()`. One per page,
 * as with the script tag: a second call returns the first pixel, with a warning (its plugins
 * share one registry, and a second pixel would send a second page view); several collectors
 * are `destinations`, and later options go to `init()`. Where there is no page (a server
 * render of the application, say, which evaluates the module that makes the pixel), it returns a
 * pixel that does nothing, with one warning per process: the page's own run makes the real one.
 */
export function createPixel(options: Options = {}): Pixel {
  if (typeof window == 'undefined' || typeof document == 'undefined') {
    if (!warned) console.warn('[pixel] createPixel() without a page (a server render?): this pixel does nothing; the browser makes the one that tracks')
    warned = true
    return inert()
  }
  if (made) {
    console.warn('[pixel] createPixel() was called before on this page: that pixel is returned (use init() or destinations)')
    return made
  }
  // a pixel runs on the page already (pixel.js from a tag manager's tag, or a script tag left from
  // before the app bundled the package; or another copy of this module, in a second app bundled
  // with its own): that copy is the page's pixel, and two would send every page view and markup
  // click twice (they did, unseen)
  const stub = pageGlobal()
  // (its config stays its own, as for a second call: another app's write key must not become it)
  if (stub && stub.version) {
    console.warn('[pixel] a pixel already runs on this page (pixel.js?): createPixel() returns it, without these options (use init() or destinations)')
    return (made = stub as unknown as Pixel)
  }
  // (a plugin this module does not have fails as one that does not load: a rejection, never a throw)
  const { start, ready, view, at, ...pixel } = create(options, location.origin, (name) => Promise.resolve(name).then((n) => PLUGINS[n]()).then((m) => m.default), true)
  // window.pixel too, so that a tag that comes later joins this pixel (the stub's calls go to it,
  // and pixel.js says it is loaded twice and stays off), unless the page has a window.pixel of
  // its own; calls made before the plugins the first events need are in wait for them, in order
  !stub || stub.q ? installGlobal(pixel, ready, at, stub) : ready()
  start()
  return (made = pixel)
}

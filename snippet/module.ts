// The npm package's entry, for bundlers: `import { createPixel } from 'pixel-snippet'`.
// pixel.js imports its plugins on demand from beside itself; here they are bundled, so the
// application's bundler decides what ships and when.
import { createPixel as create, type Options, type Pixel } from './createPixel'
import adopt from './plugins/adopt'
import cookie from './plugins/cookie'
import get from './plugins/get'
import json from './plugins/json'
import identity from './plugins/identity'
import messages from './plugins/messages'
import route from './plugins/route'
import envoy from './plugins/envoy'
import conveyour from './plugins/conveyour'
import eventapi from './plugins/eventapi'
import triggers from './plugins/triggers'
import vitals from './plugins/vitals'
import bot from './plugins/bot'
import consent from './plugins/consent'
import rules from './plugins/rules'

export type { Options, Pixel }
export type { Envelope, EnvoyEvent, EventName, Properties } from './core/types'
import type { EnvoyEvent } from './core/types'
import { LIBRARY } from './core/buildEnvelope'

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

const PLUGINS: Record<string, unknown> = { adopt, cookie, get, identity, json, messages, route, envoy, conveyour, eventapi, triggers, vitals, bot, consent, rules }

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
  const { start, ready, view, at, ...pixel } = create(options, location.origin, (name) => Promise.resolve(PLUGINS[name]), true)
  // calls made before the plugins the first events need are in wait for them, in order
  ready()
  start()
  return (made = pixel)
}

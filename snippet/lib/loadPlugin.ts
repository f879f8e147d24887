import type { Outbox } from '../core/createOutbox'
import type { Store } from './createStore'
import type { Call } from '../core/buildEnvelope'
import type { Log } from './createLog'
import type { Config } from '../core/config'
import type { Destination } from '../core/types'
import { ENCODERS, type Encoder } from '../core/formats/index'
import { LIBRARY } from '../core/buildEnvelope'

/** What plugins add to pixel.js: encoders, and the helpers only some pages need. */
export interface Registry {
  encoders: Record<string, Encoder>
  /** takes over other tabs' closed or expired outbox segments (plugin `adopt`) */
  adopt?: (outbox: Outbox, id: string, done: (n: number) => void) => void
  /** first-party cookies for the ids where localStorage fails (plugin `cookie`) */
  cookie?: Store
  /** sends a GET as an image request (plugin `get`) */
  image?: (url: string, done: (status: number) => void) => void
  /** reads the landing URL and the kept attribution (plugin `identity`) */
  land?: (c: Core, raw: Record<string, unknown>) => Landed
  /** identify() and set() (plugin `identity`) */
  identity?: (c: Core) => Record<'identify' | 'set', (...a: any[]) => void>
  /** any value → JSON-safe properties (plugin `json`) */
  json?: (v: unknown) => Record<string, any>
  /** the destinations of `destinations` or `format` (plugin `route`) */
  route?: (c: Config, canPost: boolean, warn: Log['warn']) => Destination[]
  /** consent(granted) (plugin `consent`) */
  consent?: (granted: unknown) => void
  /** seed 004's client rules are in the `core.defer` chain (plugin `rules`) */
  rules?: unknown
  /** the visitor is judged a bot (plugin `bot`): nothing is tracked */
  bot?: boolean
  /** the triggers of the config (plugin `triggers`), made by lib/createTriggers once it is loaded */
  triggersFor?: (c: Core, config: Config, track: Track, fail: (e: unknown) => void) => Triggers
  /** the triggers of this page: `page()` at each page view */
  triggers?: Triggers
  /** reports web vitals (plugin `vitals`) */
  vitals?: () => unknown
  /** the referrer of the events after an SPA navigation: the page navigated from */
  ref?: string
  /** pixel.js's state, for encoders that need the visitor's current ids or the log */
  core?: Core
  /** a URL without its identification and denied parameters (plugin `identity`) */
  strip?: (url: string) => string
}

/** When and where an event was made: the page's URL, its referrer, the time, and its title then (which counts once the app has left that URL: see readPage). */
export type Moment = [at: string, ref: string | undefined, t: number, title?: string]

/** The triggers of a page: `page()` at each page view, `add(config)` at each later init(). */
export interface Triggers {
  page(): void
  add(config: Config): void
}

/** An event from a trigger. */
export type Track = (event: string, properties?: Record<string, unknown>) => void

/** What the plugins work on: pixel.js's state and helpers. */
export interface Core {
  ids(): Store
  stored(key: string): Record<string, any>
  props(v: unknown, what: string): Record<string, any>
  /** a valid name (event, page, user id) or undefined, with a warning */
  named(v: unknown, what: string): string | void
  /** the set() properties, read from the session once */
  sets(): Record<string, unknown>
  /** builds and queues an event of this moment, or of `moment` (the page view of an SPA navigation read earlier) */
  emit(call: Call, properties?: unknown, moment?: Moment): void
  /** the API's track(): it waits for plugins with the page's calls, and never throws */
  track(event: string, properties?: Record<string, unknown>): void
  /** loads a plugin when `when` holds (it never rejects) */
  need(when: unknown, name: string): Promise<unknown>
  /**
   * runs `f` (an SPA page view) in the calls' order, after the `identity` plugin when `when`, and
   * after the promise `titled()` gives, if any (the new page's title)
   */
  view(when: unknown, f: () => void, titled: () => unknown): void
  land(): Landed
  /** forgets the visitor: ids, traits, set() properties, attribution, what a page left for the next (reset(), consent withdrawn) */
  forget(): void
  /** consent withdrawn (the plugin, or a refusal made as the page is left before it came): the outbox emptied, and what forget() forgets with the bot verdict and the rules' counts */
  withdraw(): void
  log: Log
  /** the set() properties, once read */
  extra?: Record<string, unknown>
  /** pixel.js's config */
  config(): Config
  /**
   * Set by the `consent` plugin: may nothing be stored or sent now (consent pending or refused,
   * or a GPC/DNT signal honoured)? And `defer(f, call, properties)`: true when `f` (an event, an
   * identify) must not run now: it runs if consent is granted on this page, or never (seed 004's
   * rules, from the `rules` plugin, chained after consent's).
   */
  blocked?: () => boolean
  defer?: (f: () => void, call?: Call, properties?: unknown) => boolean
  /** the landing's attribution, kept once storing is allowed */
  later?: () => void
}

/** The attribution of this page: may the visitor be tracked (`requireSource`), and the context blocks of an event. */
export interface Landed {
  ok: boolean
  /** the identify() call an identification link asks for */
  identify?: [userId: string | Record<string, unknown>, traits: Record<string, unknown>]
  context(userId?: string | null): { campaign?: Record<string, string>; attribution?: Record<string, unknown> }
}

export const registry: Registry = { encoders: ENCODERS }

/** A plugin module's default export: it adds what it brings to the registry (the `messages` plugin is its table instead). */
export type Plugin = (r: Registry) => void

/**
 * Imports the plugin `name` from dist/pixel.<name>.js beside pixel.js (`base` is that folder's
 * URL), and resolves with its default export (createPixel asks once per plugin). The URL names
 * pixel.js's version (`?v=`), so a plugin a cache kept from an earlier version is never run
 * with a later pixel.js (their interface is internal, and changes). A module
 * import needs no eval and passes a CSP that lets pixel.js run from the same place (or allows
 * it with 'strict-dynamic').
 */
export const loadPlugin = (name: string, base: string): Promise<any> => import(/* webpackIgnore: true */ base + 'pixel.' + name + '.js?v=' + LIBRARY.version).then((m) => m.default)

import type { Destination, Transport } from './types'
import type { Definition } from './parseDefinitions'
import type { CONSENT, ConsentState } from './consentState'

/** Every option, with its default; an option's type is its default's type. */
export const DEFAULTS = {
  writeKey: '',
  /** Collector base URL; '' means the origin pixel.js was loaded from. */
  endpoint: '',
  transport: 'auto' as Transport,
  debug: false,
  /** May a first-party cookie hold the ids when localStorage is unavailable? */
  cookie: false,
  /** Track visitors judged bots too (the bot filter off). */
  allowBots: false,
  /** Automatic triggers that run, a comma list (it replaces this default; `none` for none). */
  auto: 'pageview,markup',
  /** Milliseconds between two sends of later events (the first send of a page is immediate). */
  flushInterval: 1000,
  /** Queued events that trigger a send before flushInterval ends. */
  flushAt: 20,
  /** The most properties an event may have (seed 001 blocks more); 0 for no limit. */
  maxProperties: 15,
}

export type Config = Omit<typeof DEFAULTS, 'auto'> & { auto: string[]; raw: Record<string, unknown> }
export type IdentityConfig = typeof IDENTITY

/**
 * Every option, as `init()` takes it, or as a data-* attribute gives it (a string). The
 * README's Configuration table says what each does; this type is checked against it.
 */
export type Options = { [K in Exclude<keyof typeof DEFAULTS, 'auto'>]?: (typeof DEFAULTS)[K] | string } & {
  [K in Exclude<keyof typeof IDENTITY, 'idParams' | 'denyParams'>]?: (typeof IDENTITY)[K] | string
} & { [K in Exclude<keyof typeof CONSENT, 'consent'>]?: (typeof CONSENT)[K] | string } & {
  /** the automatic triggers (`pageview`, `markup`, `scroll`, `utm-clicks`, `vitals`…), a comma list or a list; `none` for none */
  auto?: string | string[]
  /** where events go (the `route` plugin); without it, one native destination at `endpoint` */
  destinations?: Destination[]
  /** the single-destination form: a comma list of formats, with their keys beside */
  format?: string
  /** Envoy's `x-api-key`, for `format` */
  apiKey?: string
  /** ConveYour's app key and token, for `format` */
  appKey?: string
  token?: string
  /** more URL parameters that identify the visitor: `cid:contactId` pairs, or `{cid: 'contactId'}` */
  idParams?: string | Record<string, string>
  /** query parameters never sent in any URL, a comma list or a list */
  denyParams?: string | string[]
  /** `granted` (the default), `pending` until consent(true), or `denied` */
  consent?: ConsentState | (string & {})
  /** the purchase confirmations sent once per `orderId`, a comma list or a list */
  purchaseEvents?: string | string[]
  /** rate limits: `[{event: 'emailOpen', oncePer: '20m'}]` (s, m, h or d) */
  limits?: { event: string; oncePer: string }[]
  /** the depths (percent, 1 to 100) the `scroll` trigger reports, a comma list or a list */
  scrollDepths?: string | number[]
  /** event definitions (see the README's Declarative events) */
  events?: Definition[]
  /** the URL of a JSON file of event definitions (`data-config`) */
  config?: string
}

/** The options of the identity plugin, with their defaults (it parses them itself, with `coerce`). */
export const IDENTITY = {
  /** URL parameters that identify the visitor, `name:field` pairs added to the defaults (every field under its own name) */
  idParams: '',
  /** Only a visitor who landed with this `source` (within the window) is tracked at all. */
  requireSource: '',
  /** Days a landing's attribution is kept. */
  attributionDays: 30,
  /** Remove the identification parameters from the address bar too (history.replaceState). */
  cleanUrl: false,
  /** Query parameters never sent in any URL, a comma list (the identification ones always go too). */
  denyParams: 'email,token,password,auth,key,session',
}

type Warn = (key: string, value: unknown, used: unknown) => void

/** Each key of `defaults` from `raw`, coerced to its default's type; a value that does not fit is reported and replaced by the default. Pure. */
export function coerce<T extends Record<string, unknown>>(raw: Record<string, unknown>, defaults: T, warn: Warn): T {
  const c = {} as Record<string, unknown>
  const bad = (k: string, v: unknown, d: unknown) => (warn(k, v, d), d)
  for (const k of Object.keys(defaults)) {
    const d = defaults[k]
    let v = raw[k]
    try {
      // init({idParams: {cid: 'contactId'}}) is the object form of data-id-params="cid:contactId"
      if (v && typeof v == 'object' && !Array.isArray(v)) v = Object.keys(v).map((n) => n + ':' + (v as Record<string, unknown>)[n])
      // (a boolean data-* attribute present with no value, `data-debug`, is on)
      c[k] =
        v == null
          ? d
          : typeof d == 'boolean'
            ? v === true || v === '' || v === 'true' || v === '1'
            : v === ''
              ? d
              : typeof d == 'number'
                ? +v! >= 0 && +v! <= 60000
                  ? +v!
                  : bad(k, v, d)
                : String(Array.isArray(v) ? v.join() : v).trim()
    } catch {
      // a value that cannot be made a string or a number ({toString: null}, a Symbol)
      c[k] = bad(k, v, d)
    }
  }
  return c as T
}

/**
 * Builds the config from data-* attributes and init() options merged (later keys win). Pure:
 * each value is coerced to its default's type; a value that does not fit is reported through
 * `warn` (key, value, the value used instead: the default).
 */
export function parseConfig(raw: Record<string, unknown>, base: string, warn: Warn): Config {
  const c = coerce(raw, DEFAULTS, warn) as Record<string, unknown>
  const bad = (k: string, v: unknown, d: unknown) => (warn(k, v, d), d)
  c.transport = /^(post|get|auto)$/i.test(c.transport as string) ? (c.transport as string).toLowerCase() : bad('transport', c.transport, 'auto')
  try {
    const u = new URL((c.endpoint as string) || base, base).href
    // http(s), and no user name or password: fetch refuses a URL with one (every send failed,
    // unseen but in debug mode, and was retried for good)
    if (!/^https?:\/\/[^/@]*\//.test(u)) throw 0
    c.endpoint = u.replace(/\/+$/, '')
  } catch {
    c.endpoint = bad('endpoint', c.endpoint, base)
  }
  c.raw = raw
  c.auto = (c.auto as string).toLowerCase().split(/\s*,\s*/)
  return c as Config
}

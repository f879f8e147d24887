import type { Config } from './config'
import type { Destination } from './types'

/**
 * The formats, by the name `format` takes in config. Each but `native` is brought by a plugin:
 * `rudderstack-pixel` by `get`, every other by the plugin of its own name.
 */
export const FORMATS = ['native', 'rudderstack-pixel', 'envoy', 'conveyour', 'eventapi']

/** The plugin that brings a format's encoder ('' for native, built into pixel.js). */
export const pluginOf = (format: string) => (format == 'rudderstack-pixel' ? 'get' : format == 'native' ? '' : format)

/**
 * The destinations events go to, from `destinations` (a list of `{format, endpoint, …keys}`)
 * or, for the common single case, `format` (a comma list) with the keys given beside it
 * (`apiKey`, `appKey`, `token`: data-api-key, data-app-key, data-token). A destination's
 * endpoint (absolute, or relative to the config's) and writeKey default to the config's. A
 * destination that is not an object, names a format that does not exist, has an endpoint
 * that is not http(s) or holds a value JSON cannot carry is left out with a message (`warn`, the
 * log's); `destinations` that is not a list is ignored with a message. Pure.
 */
export function resolveDestinations(c: Config, canPost: boolean, warn: (code: string, ...a: unknown[]) => void): Destination[] {
  const r = c.raw
  const list: unknown[] =
    r.destinations != null
      ? Array.isArray(r.destinations)
        ? r.destinations
        : (warn('option', 'destinations', r.destinations, []), [])
      : // (a format that is not a string is reported as it is)
        (typeof r.format == 'string' ? r.format.split(',').map((f) => f.trim()) : [r.format]).map((format) => ({ format, apiKey: r.apiKey, appKey: r.appKey, token: r.token }))
  const out: Destination[] = []
  for (const x of list) {
    const d = x as Destination
    if (!d || typeof d != 'object' || FORMATS.indexOf(d.format) < 0) {
      warn('format', d && typeof d == 'object' ? d.format : d)
      continue
    }
    let endpoint = c.endpoint
    if (d.endpoint) {
      try {
        endpoint = new URL(String(d.endpoint), c.endpoint + '/').href
        // (as the config's endpoint: no user name or password, with which fetch makes no request)
        if (!/^https?:\/\/[^/@]*\//.test(endpoint)) throw 0
        endpoint = endpoint.replace(/\/+$/, '')
      } catch {
        warn('endpoint', d.format, d.endpoint)
        continue
      }
    }
    // (a key no string can be made of throws: the init() fails, and its options are not kept)
    const writeKey = d.writeKey == null ? c.writeKey : String(d.writeKey)
    try {
      // a copy as JSON makes it: the outbox keeps a destination in localStorage, and tells one from another by its JSON
      out.push(JSON.parse(JSON.stringify({ ...d, endpoint, writeKey, post: canPost && c.transport != 'get' })))
    } catch {
      // a circular reference, a BigInt, a getter that throws
      warn('destination', d.format)
    }
  }
  return out
}

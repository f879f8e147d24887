import type { Config } from './config'
import type { Destination } from './types'

/**
 * The destinations events go to. Without explicit `destinations`, one is derived: the native
 * POST batch, or the RudderStack GET pixel when transport is `get`, or `auto` on a browser that
 * can POST neither by fetch nor by sendBeacon. A destination whose format this build lacks is
 * left out with a message; endpoint and writeKey default to the config's.
 */
export function resolveDestinations(c: Config, canPost: boolean, formats: Record<string, string>, warn: (format: unknown) => void): Destination[] {
  return (
    (c.destinations.length ? c.destinations : [{ format: c.transport == 'get' || (c.transport == 'auto' && !canPost) ? 'rudderstack-pixel' : 'native' }]) as Destination[]
  ).filter((d) => (d && typeof formats[d.format] == 'string') || void warn(d && d.format)).map((d) => ({
    ...d,
    endpoint: d.endpoint ? String(d.endpoint).replace(/\/+$/, '') : c.endpoint,
    writeKey: d.writeKey == null ? c.writeKey : d.writeKey,
    post: canPost && c.transport != 'get',
  }))
}

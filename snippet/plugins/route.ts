// Plugin `route` (dist/pixel.route.js): destinations as config. Loaded when `destinations` or
// `format` is set; the default (one native destination at the endpoint) is built into pixel.js.
import { resolveDestinations } from '../core/resolveDestinations'
import type { Registry } from '../lib/loadPlugin'

export default (r: Registry) => {
  r.route = resolveDestinations
}

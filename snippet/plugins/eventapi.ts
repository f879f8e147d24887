// Plugin `eventapi` (dist/pixel.eventapi.js): the seed 004 events API encoder, for `eventapi`
// destinations.
import { encodeEventapi } from '../core/formats/eventapi'
import type { Registry } from '../lib/loadPlugin'
import { skipped, who } from '../lib/who'

export default (r: Registry) => {
  r.encoders.eventapi = (events, d) => encodeEventapi(events, d, who(r.core!), skipped(r.core!, 'eventapi'))
}

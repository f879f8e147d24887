// Plugin `conveyour` (dist/pixel.conveyour.js): the ConveYour Analytics API encoder, for
// `conveyour` destinations.
import { encodeConveyour } from '../core/formats/conveyour'
import type { Registry } from '../lib/loadPlugin'
import { skipped, who } from '../lib/who'

export default (r: Registry) => {
  r.encoders.conveyour = (events, d) => encodeConveyour(events, d, who(r.core!), skipped(r.core!, 'conveyour'))
}

// Plugin `get` (dist/pixel.get.js): the RudderStack Pixel API encoder and the image request that
// carries it, for `transport: get` and `rudderstack-pixel` destinations. Every browser pixel.js
// runs in can POST, so the default path never needs it.
import { encodeRudderstackPixel } from '../core/formats/rudderstackPixel'
import type { Registry } from '../lib/loadPlugin'

export default (r: Registry) => {
  r.encoders['rudderstack-pixel'] = (events, d, now) => encodeRudderstackPixel(events, d, now, r.encoders.native)
  // An image request needs only img-src in a CSP and no CORS; it answers only "loaded" (the
  // collector sends a GIF) or "failed", which is retried like a network error.
  r.image = (url, done) => {
    const img = new Image()
    img.onload = () => done(200)
    img.onerror = () => done(0)
    img.src = url
  }
}

// Plugin `get` (dist/pixel.get.js): the RudderStack Pixel API encoder and the image request that
// carries it, for `transport: get` and `rudderstack-pixel` destinations. Every browser pixel.js
// runs in can POST, so the default path never needs it.
import { encodeRudderstackPixel, MAX_URL } from '../core/formats/rudderstackPixel'
import type { Registry } from '../lib/loadPlugin'
import { SEND_TIMEOUT } from '../core/limits'

export default (r: Registry) => {
  r.encoders['rudderstack-pixel'] = (events, d, now) => {
    const out = encodeRudderstackPixel(events, d, now, r.encoders.native)
    for (const q of out) if (q.cut) r.core!.log.warn('cut', q.cut, MAX_URL)
    return out
  }
  // An image request needs only img-src in a CSP and no CORS; it answers only "loaded" (the
  // collector sends a GIF) or "failed", which is retried like a network error.
  r.image = (url, done) => {
    const img = new Image()
    img.onload = () => done(200)
    img.onerror = () => done(0)
    // (no Referer: see send())
    img.referrerPolicy = 'no-referrer'
    img.src = url
    // (unanswered: a network error, as a fetch is; done once, whatever comes first)
    setTimeout(() => done(0), SEND_TIMEOUT)
  }
}

// Plugin `cookie` (dist/pixel.cookie.js): keeps the ids in first-party cookies, for a site that
// allowed cookies (`cookie: true`) when localStorage cannot be used. pixel.js loads it only then.
import type { Registry } from '../lib/loadPlugin'
import { RULES, TRAITS } from '../core/keys'

/**
 * The longest cookie written (its value encoded). Cookies go with every request to the site, and
 * servers refuse a request whose Cookie header passes their limit (nginx's default, 8 KB: `400
 * Request Header Or Cookie Too Large`, for every page of the site, for as long as the cookies
 * last). Kept traits, seed 004's orderIds and the attribution of a long landing URL made 8,180
 * bytes of cookies (measured): the traits and the orderIds now live for the page only, and a
 * value over this lives for the page only (its cookie removed, as it no longer holds the value).
 */
const MAX_COOKIE = 2000

export default (r: Registry) => {
  r.cookie = {
    get: (k) => {
      const m = document.cookie.match('(^|; )' + k + '=([^;]*)')
      return m ? decodeURIComponent(m[2]) : null
    },
    // about a year (browsers cap cookies at 400 days); max-age 0 deletes
    set: (k, v) => {
      const e = v == null || k == TRAITS || k == RULES ? '' : encodeURIComponent(v)
      const keep = e && e.length <= MAX_COOKIE
      document.cookie = k + '=' + (keep ? e : '') + ';path=/;SameSite=Lax;max-age=' + (keep ? 3e7 : 0) + (location.protocol == 'https:' ? ';Secure' : '')
    },
  }
}

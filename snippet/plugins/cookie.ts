// Plugin `cookie` (dist/pixel.cookie.js): keeps the ids in first-party cookies, for a site that
// allowed cookies (`cookie: true`) when localStorage cannot be used. pixel.js loads it only then.
import type { Registry } from '../lib/loadPlugin'

export default (r: Registry) => {
  r.cookie = {
    get: (k) => {
      const m = document.cookie.match('(^|; )' + k + '=([^;]*)')
      return m ? decodeURIComponent(m[2]) : null
    },
    // about a year (browsers cap cookies at 400 days); max-age 0 deletes
    set: (k, v) =>
      void (document.cookie =
        k + '=' + encodeURIComponent(v || '') + ';path=/;SameSite=Lax;max-age=' + (v == null ? 0 : 3e7) + (location.protocol == 'https:' ? ';Secure' : '')),
  }
}

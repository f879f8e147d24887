// Plugin `bot` (dist/pixel.bot.js): the bot filter, with the isbot package. Loaded before the
// first event when the user agent is not a mainstream browser's plain form (core/isPlainBrowser,
// which pixel.js checks) or automation drives the browser, until the browser has been judged
// human once (`pixel.human` is kept then, so later pages skip it); a bot stores nothing and sends
// nothing. `allowBots` turns it off.
// It comes after the identity plugin, whose attribution says whether anything may be stored.
import { isBot } from '../core/isBot'
import type { Registry } from '../lib/loadPlugin'
import { HUMAN } from '../core/keys'

export default (r: Registry) => {
  r.bot = isBot(navigator.userAgent, navigator.webdriver)
  const c = r.core!
  // The verdict is kept at the first event that may be tracked (with requireSource, a visitor
  // without the source has nothing stored; with consent pending, nothing either: consent's
  // check comes first in the chain). Not sooner: reading the landing now would run its
  // identify() out of the order of the calls waiting for this plugin.
  const before = c.defer
  let kept = false
  c.defer = (f, call, properties) => {
    if (before && before(f, call, properties)) return true
    if (!r.bot && !kept && c.land().ok) (kept = true), c.ids().set(HUMAN, '1')
    return false
  }
}

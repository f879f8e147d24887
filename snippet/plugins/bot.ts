// Plugin `bot` (dist/pixel.bot.js): the bot filter, with the isbot package. Loaded before the
// first event until the browser has been judged human once (`pixel.human` is kept then, so
// later pages skip it); a bot stores nothing and sends nothing. `allowBots` turns it off.
// It comes after the identity plugin, whose attribution says whether anything may be stored.
import { isBot } from '../core/isBot'
import type { Registry } from '../lib/loadPlugin'

export default (r: Registry) => {
  r.bot = isBot(navigator.userAgent, navigator.webdriver)
  // The verdict is kept only for a visitor who may be tracked (with requireSource, a visitor
  // without the source has nothing stored). Asked after the start has read the landing (a task
  // later): asking now would read it first, out of the order of the calls waiting for it.
  const c = r.core!
  if (!r.bot) setTimeout(() => c.land().ok && !(c.blocked && c.blocked()) && c.ids().set('pixel.human', '1'))
}

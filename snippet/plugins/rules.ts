// Plugin `rules` (dist/pixel.rules.js): seed 004's client rules (a purchase's orderId sent once,
// rate limits, `update` and `login` as traits). Only the calls they concern need it: pixel.js
// loads it with the page's first plugins when `limits` or `purchaseEvents` is configured, else
// at the first track() of a purchase confirmation, `update` or `login`; that call, and the calls
// after it, wait for it. On unload such a call goes without it (the collector applies the same
// purchase and email-open rules).
import { applyRules, parseLimits, PURCHASE_EVENTS, type Limit } from '../core/eventRules'
import type { Registry } from '../lib/loadPlugin'
import { RULES, TRAITS } from '../core/keys'

export default (r: Registry) => {
  const c = r.core!
  /** the rules' options, read again when an init() gives them anew (and only then warned about) */
  let o: { purchases: string[]; limits: Limit[] }
  let given: unknown[] = []
  const options = ({ limits, purchaseEvents } = c.config().raw) =>
    o && limits === given[0] && purchaseEvents === given[1]
      ? o
      : ((given = [limits, purchaseEvents]),
        (o = {
          // a comma list, or a list (anything else is the default)
          purchases: Array.isArray(purchaseEvents) ? purchaseEvents : ((typeof purchaseEvents == 'string' && purchaseEvents) || PURCHASE_EVENTS).split(/\s*,\s*/),
          limits: parseLimits(limits, (l) => c.log.warn('option', 'limits', JSON.stringify(l), 'ignored')),
        }))
  options()
  // after the hooks already in the chain (consent, the bot filter): the rules see a call only
  // when it is to be sent now, so a call held for consent is not counted twice
  const before = c.defer
  c.defer = (f, call, properties) => {
    if (before && before(f, call, properties)) return true
    // (a call that will not be tracked at all, by requireSource or the bot filter, is left to emit)
    if (!call || call.type != 'track' || r.bot || !c.land().ok) return false
    const { drop, state, traits } = applyRules(call.event!, properties as Record<string, unknown>, Date.now(), options(), () => c.stored(RULES), () => c.stored(TRAITS))
    if (drop) return c.log.debug('dropped', call.event, drop), true
    if (state) c.ids().set(RULES, JSON.stringify(state))
    if (traits) c.ids().set(TRAITS, traits)
    return false
  }
  r.rules = true
}

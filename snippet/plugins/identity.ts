// Plugin `identity` (dist/pixel.identity.js): who the visitor is and where they came from.
// - cuts identification and denied parameters from every URL sent, reads the landing URL
//   (source, sharer, identification and campaign parameters) and keeps its attribution: loaded
//   before the start when the page can need it (parameters in its URL or referrer, attribution
//   kept from an earlier landing, a landing or calls kept by a page left before it came,
//   `requireSource` or `cleanUrl` configured);
// - identify() and set(): loaded at the first such call (it waits, and the calls after
//   it wait behind it).
// Pages that need neither never download it: pixel.js reads the kept ids and properties itself.
import { attribute, attributionContext } from '../core/attribution'
import { coerce, IDENTITY } from '../core/config'
import { paramNames } from '../core/paramNames'
import { readLanding, type Landing } from '../core/readLanding'
import { stripParams } from '../core/stripParams'
import { capUrl } from '../core/capUrl'
import { urlCutter } from '../core/urlCutter'
import type { Landed, Registry } from '../lib/loadPlugin'
import { identity } from '../lib/identity'
import { landingUrl } from '../lib/landingUrl'
import { ATTR, LANDED, TRAITS, UID } from '../core/keys'


export default (r: Registry) => {
  r.identity = identity
  // URLs sent lose their identification and denied parameters from this plugin's load on (an
  // SPA navigation, an identify() on a page landed on without any), by the config of the moment
  r.strip = (u) => urlCutter(r.core!.config().raw)(u)
  r.land = (core, raw) => {
    const { stored, ids: store, log } = core
    const warn = log.warn
    const config = coerce(raw, IDENTITY, (k, v, d) => warn('option', k, v, d))
    const { ids, secret } = paramNames(config, (p) => warn('option', 'idParams', p, 'ignored'))
    const href = location.href
    const url = stripParams(href, secret)
    const want = config.requireSource.trim().toLowerCase()
    // (a kept touch's source may be anything: see attribute)
    const match = (s: string) => !want || (typeof s == 'string' && s.trim().toLowerCase() == want)
    const kept = stored(ATTR)
    // The landing of a page left before this plugin came (see createPixel's release), taken once,
    // then this page's: the URL it was loaded at (the app may have replaced it before pixel ran).
    // Each is a touch, in that order; the ids of an identification link are this page's, else
    // that one's (never some of each: they may name two people).
    const left = store().get(LANDED)
    let a = kept
    let got: Landing['ids'] = {}
    if (left) store().set(LANDED, null)
    for (const landed of [left, landingUrl()])
      if (landed) {
        const l = readLanding(landed, ids, (n) => warn('param', n))
        if (Object.keys(l.ids).length) got = l.ids
        a = attribute(a, l, capUrl(stripParams(landed, secret).split('#')[0]), Date.now(), config.attributionDays, match)
      }
    const ok = !want || !!(a.src && match(a.src[1].source!))
    if (config.cleanUrl && url != href) history.replaceState(history.state, '', url)
    let identify: Landed['identify']
    if (ok) {
      const keep = () => JSON.stringify(a) != JSON.stringify(kept) && store().set(ATTR, JSON.stringify(a))
      // nothing is stored while consent is pending: kept when it is granted
      core.blocked && core.blocked() ? (core.later = keep) : keep()
      // an identification link identifies the visitor, as identify() would (once, not on every reload)
      const { userId, email, contactId } = got
      // (strict: a kept trait may be anything, and an object is never compared loosely)
      const t = stored(TRAITS)
      if ((userId && userId !== store().get(UID)) || (email && email !== t.email) || (contactId && contactId !== t.contactId))
        identify = [userId || { email, contactId }, { email, contactId }]
    }
    // (once kept, a reset() in another tab removes it: this page forgets it too)
    return { ok, identify, context: (uid) => attributionContext(store().get(ATTR) ? a : {}, uid) }
  }
}

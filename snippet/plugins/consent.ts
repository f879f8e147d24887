// Plugin `consent` (dist/pixel.consent.js): consent and privacy signals. Loaded before the first
// event when `consent`, `honorGpc` or `honorDnt` is configured or the visitor made a choice, and
// at the first consent() call. While consent is pending, events and identify()/set() calls wait
// in memory (at most MAX_HELD) and nothing is stored; granted on this page, they run in order;
// refused (or never granted before the page goes), they are dropped. consent(false) also
// clears the outbox and the kept ids at once. Only the choice itself is kept (`pixel.consent`).
import { coerce } from '../core/config'
import { CONSENT, consentState } from '../core/consentState'
import type { Registry } from '../lib/loadPlugin'
import { CHOICE } from '../core/keys'

const MAX_HELD = 200

export default (r: Registry) => {
  const c = r.core!
  const o = coerce(c.config().raw, CONSENT, (k, v, d) => c.log.warn('option', k, v, d))
  const n = navigator as Navigator & { globalPrivacyControl?: unknown; doNotTrack?: unknown }
  let { state, signal } = consentState(o, c.ids().get(CHOICE), { gpc: n.globalPrivacyControl, dnt: n.doNotTrack || (window as any).doNotTrack })
  let held: (() => void)[] = []
  c.blocked = () => !!signal || state != 'granted'
  // consent first: the rules (chained after) see a call only when it may run
  const after = c.defer
  c.defer = (f, call, properties) => {
    if (!c.blocked!()) return !!after && after(f, call, properties)
    if (!signal && state == 'pending' && held.length < MAX_HELD) held.push(f)
    c.log.debug('dropped', 'call', signal || (state == 'pending' ? 'consent pending: held until consent(true)' : 'consent refused'))
    return true
  }
  r.consent = (granted) => {
    if (typeof granted != 'boolean') return c.log.warn('consent')
    state = granted ? 'granted' : 'denied'
    // under an honoured GPC/DNT signal nothing at all is stored, not even the choice
    if (granted) {
      if (signal) return (held = [])
      try {
        // the landing's attribution, then the calls in the order they were made (one that has to
        // wait for a plugin stops the loop; this consent(true) call is then run again, and goes on)
        if (c.later) c.later(), (c.later = undefined)
        while (held.length) held[0](), held.shift()
      } finally {
        // kept after the calls it lets run: another open tab, which takes the choice as its own,
        // then finds the anonymousId they kept, and does not make a second one
        c.ids().set(CHOICE, '1')
      }
      return
    }
    if (!signal) c.ids().set(CHOICE, '0')
    held = []
    // withdrawn: at once, nothing more leaves, and nothing of the visitor is kept
    c.withdraw()
  }
}

import type { Properties } from '../core/types'
import type { Core } from './loadPlugin'
import { keptTraits } from '../core/keptTraits'
import { SET, TRAITS, UID } from '../core/keys'
import { byteLength } from '../core/formats/native'
import { MAX_KEPT } from '../core/limits'

/** identify() and set() (in the `identity` plugin), over pixel.js's own state. */
export function identity(c: Core) {
  const { ids, stored, props, emit } = c
  /** Are these bytes, carried by every later event, within MAX_KEPT? (Else said, for `call`.) */
  const fits = (call: string, json: string, n = byteLength(json)) => n <= MAX_KEPT || c.log.warn('kept', call, n, MAX_KEPT)
  return {
    identify(userId: string | number | Properties, traits?: Properties) {
      // consent pending or refused: it runs if consent is granted on this page (nothing is stored before)
      if (c.defer && c.defer(() => this.identify(userId, traits))) return
      if (!c.land().ok) return
      const old = ids().get(UID) || undefined
      if (userId != null && typeof userId == 'object') (traits = userId), (userId = old!)
      const id = typeof userId == 'number' && isFinite(userId) ? String(userId) : userId == old ? old : c.named(userId, 'identify')
      if (id === undefined && userId !== undefined) return
      // a different user is a new identity: the previous user's traits are not carried over
      const t = { ...(id == old && stored(TRAITS)), ...props(traits, 'identify') }
      if (id) ids().set(UID, id)
      // list operations and counters go out once, with this call; the kept traits are values,
      // within MAX_KEPT (past it, none are kept: they go with this identify only)
      const k = keptTraits(t)
      ids().set(TRAITS, fits('identify', k) ? k : null)
      emit({ type: 'identify', traits: t })
    },
    set(p: Properties) {
      if (c.defer && c.defer(() => this.set(p))) return
      if (!c.land().ok) return
      const extra = { ...c.sets(), ...props(p, 'set') }
      const j = JSON.stringify(extra)
      // every later event carries them: past MAX_KEPT, the call is refused (what was set stays)
      if (!fits('set', j)) return
      c.extra = extra
      // (the mark that tells later pages to read the session: see core/keys.ts)
      ids().set(SET, '1')
      try {
        sessionStorage.setItem(SET, j)
      } catch {}
    },
  }
}

import type { Properties } from '../core/types'
import type { Core } from './loadPlugin'
import { keptTraits } from '../core/keptTraits'
import { AID, ATTR, SET, TRAITS, UID } from '../core/keys'

/** identify(), set() and reset() (in the `identity` plugin), over pixel.js's own state. */
export function identity(c: Core) {
  const { ids, stored, props, emit } = c
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
      // list operations and counters go out once, with this call; the kept traits are values
      ids().set(TRAITS, keptTraits(t))
      emit({ type: 'identify', traits: t })
    },
    set(p: Properties) {
      if (c.defer && c.defer(() => this.set(p))) return
      if (!c.land().ok) return
      c.extra = { ...c.sets(), ...props(p, 'set') }
      // (the mark that tells later pages to read the session: see core/keys.ts)
      ids().set(SET, '1')
      try {
        sessionStorage.setItem(SET, JSON.stringify(c.extra))
      } catch {}
    },
    reset() {
      for (const k of [AID, UID, TRAITS, ATTR, SET]) ids().set(k, null)
      c.extra = {}
      c.forget()
      try {
        sessionStorage.removeItem(SET)
      } catch {}
    },
  }
}

type Traits = Record<string, unknown>

const isObj = (v: unknown): v is Traits => !!v && typeof v == 'object' && !Array.isArray(v)

/**
 * A contact's traits after an identify (seed 001): a list trait given as `{add: [...],
 * remove: [...]}` gains and loses those values (no duplicates), a counter given as `{$inc: n}`
 * is incremented (from 0), anything else replaces the value. Pure: returns a new object.
 */
export function applyTraits(old: Traits, traits: Traits): Traits {
  const out: Traits = { ...old }
  for (const [k, v] of Object.entries(traits)) {
    if (k == '__proto__') continue
    if (isObj(v) && typeof v.$inc == 'number' && Object.keys(v).length == 1) {
      out[k] = (typeof out[k] == 'number' ? (out[k] as number) : 0) + v.$inc
    } else if (isObj(v) && (Array.isArray(v.add) || Array.isArray(v.remove)) && Object.keys(v).every((x) => x == 'add' || x == 'remove')) {
      const list = (Array.isArray(out[k]) ? (out[k] as unknown[]) : []).filter((x) => !(v.remove as unknown[] | undefined)?.includes(x))
      for (const x of (v.add as unknown[] | undefined) || []) if (!list.includes(x)) list.push(x)
      out[k] = list
    } else out[k] = v
  }
  return out
}

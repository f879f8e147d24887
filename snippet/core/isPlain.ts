import { MAX_DEPTH, MAX_STRING } from './limits'

/**
 * Is `v` plain JSON data that JSON.stringify copies faithfully: null, booleans, finite numbers,
 * strings up to MAX_STRING, and plain objects and arrays of those, nested less than MAX_DEPTH
 * deep? `undefined` counts (JSON leaves it out of objects, as the sanitizer does). Anything else
 * (a Date, a Map, a class instance, a circular reference, a getter that throws, a page that put
 * `toJSON` on Array.prototype) needs the full sanitizer. So does a value of more than 5,000
 * values: an object graph without a cycle (each object linking to all those of the next level)
 * is plain, but has a path to each leaf, and the walk, as the copy after it, would go down every
 * one (12 objects a level, 7 levels: 35 million); the sanitizer stops at the size no event can
 * have. Pure; never throws.
 */
export function isPlain(v: unknown, depth = 0, seen = { n: 0 }): boolean {
  try {
    if (++seen.n > 5000) return false
    const t = typeof v
    if (t != 'object' || !v) return t == 'number' ? isFinite(v as number) : t == 'string' ? (v as string).length <= MAX_STRING : t == 'boolean' || v == null
    const p = Object.getPrototypeOf(v)
    if (depth >= MAX_DEPTH || ([] as { toJSON?: unknown }).toJSON || (p != Object.prototype && p != Array.prototype && p)) return false
    for (const k of Object.keys(v)) if (!isPlain((v as Record<string, unknown>)[k], depth + 1, seen)) return false
    return true
  } catch {
    return false
  }
}

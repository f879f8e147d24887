import { MAX_BODY, MAX_DEPTH, MAX_STRING } from './limits'
import type { Json } from './types'

export { MAX_DEPTH, MAX_STRING }

/**
 * Makes any value JSON-safe, so that serializing an event can never throw and never loses a
 * valid value: circular references become "[circular]", functions, symbols and undefined are
 * left out (null in a list), BigInt becomes a string, NaN/Infinity null, a Date its ISO time,
 * a DOM node "[tagname]", a Map an object, a Set a list, a getter that throws "[error]", and
 * an object whose toJSON throws its own fields. JSON.stringify walks the value; its replacer
 * sees each holder as `this`, which keeps the stack of ancestors that tells a circular
 * reference from a repeated one.
 *
 * The walk stops at the size no event can have: an object that a page's whole app hangs from
 * (a store, a component, a React event's fiber), passed as a property, repeats its objects
 * along every path (only an ancestor is circular), and a graph of 300 objects of 12 links each
 * froze the page for 14 s before the string grew past what V8 can hold. `left` counts down the
 * fewest bytes each value adds to the JSON (key, quotes, the value's own), so that once it is
 * spent the copy is already over MAX_BODY, an event too large to send; what is left out past
 * that point (each value then leaves its key out) cannot make a valid event invalid.
 */
export function toJson(value: unknown, depth = 0, left = { n: MAX_BODY }): Json | undefined {
  const stack: unknown[] = []
  const arrayProto = Array.prototype as { toJSON?: unknown }
  // Prototype.js-era pages put toJSON on Array.prototype, which turns every list into a string
  // (deleted only when present: touching a prototype needlessly slows every array in V8)
  const toJSON = arrayProto.toJSON
  if (toJSON) delete arrayProto.toJSON
  try {
    const s = JSON.stringify(value, function (this: unknown, k, v: any) {
      const t = typeof v
      if ((left.n -= (Array.isArray(this) ? 0 : k.length + 3) + (t == 'string' ? Math.min(v.length, MAX_STRING) + 2 : t == 'object' ? 2 : +(t == 'number' || t == 'boolean'))) < 0)
        return
      while (stack.length && stack[stack.length - 1] !== this) stack.pop()
      if (t == 'bigint') return String(v)
      if (t == 'string') return v.length > MAX_STRING ? v.slice(0, MAX_STRING) + '…' : v
      if (!v || t != 'object') return v
      if (stack.indexOf(v) >= 0) return '[circular]'
      if (stack.length + depth >= MAX_DEPTH) return '[depth]'
      if (v.nodeType > 0 && v.nodeName) return '[' + String(v.nodeName).toLowerCase() + ']'
      if (v instanceof Set) v = Array.from(v)
      else if (v instanceof Map) v = Object.fromEntries(v)
      stack.push(v)
      return v
    })
    return s === undefined ? s : JSON.parse(s)
  } catch {
    // a getter or toJSON threw somewhere inside: keep what can be read, key by key
    if (!value || typeof value != 'object' || depth > MAX_DEPTH) return '[error]'
    const out: Record<string, Json> = {}
    // (the walk that threw spent bytes on a copy now thrown away: the copy key by key has the
    // whole count again, shared by all it walks)
    if (!depth) left = { n: MAX_BODY }
    for (const k of Object.keys(value))
      try {
        const j = toJson((value as Record<string, unknown>)[k], depth + 1, left)
        if (j !== undefined) put(out, k, j)
      } catch {
        put(out, k, '[error]')
      }
    return Array.isArray(value) ? Object.values(out) : out
  } finally {
    if (toJSON) arrayProto.toJSON = toJSON
  }
}

/**
 * Sets a key as an own property, as JSON.parse does: a key named `__proto__` assigned with `=`
 * would replace the object's prototype instead (found by the fuzzer).
 */
const put = (o: Record<string, Json>, k: string, v: Json) =>
  k == '__proto__' ? Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true }) : (o[k] = v)

/** A JSON-safe copy of a properties/traits object; anything but a plain object gives {}. */
export function toProps(value: unknown): Record<string, Json> {
  if (!value || typeof value != 'object' || Array.isArray(value)) return {}
  // The common case, flat values (short strings, finite numbers, booleans, null), is copied as
  // it is: ten times faster than the JSON walk. Anything else (or a getter that throws) walks.
  try {
    const out: Record<string, Json> = {}
    for (const k of Object.keys(value)) {
      const v = (value as Record<string, any>)[k]
      const t = typeof v
      if (t == 'object' ? v : t == 'number' ? !isFinite(v) : t == 'string' ? v.length > MAX_STRING : t != 'boolean') throw 0
      put(out, k, v)
    }
    return out
  } catch {}
  const j = toJson(value)
  return j && typeof j == 'object' && !Array.isArray(j) ? j : {}
}

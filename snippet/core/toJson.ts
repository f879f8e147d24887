import type { Json } from './types'

/** Nesting deeper than this becomes the string "[depth]". */
export const MAX_DEPTH = 8
/** Strings longer than this are cut and end with "…". */
export const MAX_STRING = 1000

/**
 * Makes any value JSON-safe, so that serializing an event can never throw and never loses
 * a valid value: circular references become "[circular]", functions and symbols and
 * undefined are left out, BigInt becomes a string, NaN/Infinity null, Date its ISO time,
 * DOM nodes their tag name, Map an object, Set an array, a getter that throws "[error]".
 */
export function toJson(value: unknown, depth = 0, seen: unknown[] = []): Json | undefined {
  const t = typeof value
  if (value === null || t == 'boolean') return value as Json
  if (t == 'string') return (value as string).length > MAX_STRING ? (value as string).slice(0, MAX_STRING) + '…' : (value as string)
  if (t == 'number') return isFinite(value as number) ? (value as number) : null
  if (t == 'bigint') return String(value)
  if (t != 'object') return undefined // function, symbol, undefined
  if (seen.indexOf(value) >= 0) return '[circular]'
  if (depth >= MAX_DEPTH) return '[depth]'
  try {
    const o = value as any
    if (o instanceof Date) return isNaN(+o) ? null : o.toISOString()
    if (typeof o.nodeType == 'number' && typeof o.nodeName == 'string') return '[' + o.nodeName.toLowerCase() + ']'
    seen.push(o)
    let out: Json
    if (Array.isArray(o) || o instanceof Set) {
      out = []
      // for-of over a Set, index loop over an array: both ignore a page's Array.prototype.toJSON
      for (const v of Array.isArray(o) ? o : Array.from(o)) {
        const j = toJson(v, depth + 1, seen)
        out.push(j === undefined ? null : j)
      }
    } else {
      out = {}
      const entries: [unknown, unknown][] = o instanceof Map ? Array.from(o) : Object.keys(o).map((k) => [k, safeGet(o, k)])
      for (const [k, v] of entries) {
        const j = toJson(v, depth + 1, seen)
        if (j !== undefined) out[String(k)] = j
      }
    }
    seen.pop()
    return out
  } catch {
    return '[error]'
  }
}

function safeGet(o: any, k: string): unknown {
  try {
    return o[k]
  } catch {
    return '[error]'
  }
}

/** A JSON-safe copy of a properties/traits object; anything but a plain object gives {}. */
export function toProps(value: unknown): Record<string, Json> {
  const j = value && typeof value == 'object' && !Array.isArray(value) ? toJson(value) : null
  return j && typeof j == 'object' && !Array.isArray(j) ? j : {}
}

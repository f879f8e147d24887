/**
 * JSON.stringify as the collector expects it, also on a page that put a toJSON on
 * Array.prototype (old Prototype.js), which would turn every list into a string: it is set aside
 * for the call (and only when present: touching a prototype needlessly slows every array in V8).
 */
export function stringify(v: unknown): string {
  const a = Array.prototype as { toJSON?: unknown }
  const t = a.toJSON
  if (t) delete a.toJSON
  try {
    return JSON.stringify(v)
  } finally {
    if (t) a.toJSON = t
  }
}

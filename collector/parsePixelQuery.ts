import { MAX_NESTING } from './nestedDeeper'

/**
 * Maps the dot-separated query keys of the RudderStack Pixel API (seed 002) back to a nested
 * payload: `context.page.url=…&properties.key1=v` → {context: {page: {url}}, properties: {key1}}.
 * An object whose keys are exactly 0..n-1 becomes an array (how the snippet sends lists).
 * Values stay strings, as the Pixel API carries them. A key that would overwrite a value with
 * an object (or the reverse), would reach a prototype, or has more than MAX_NESTING parts is
 * ignored.
 */
export function parsePixelQuery(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of params) {
    const path = key.split('.')
    if (path.length > MAX_NESTING || path.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) continue
    let o = out
    let ok = true
    for (let i = 0; i < path.length - 1 && ok; i++) {
      const next = o[path[i]]
      if (next === undefined) o = o[path[i]] = {}
      else if (next && typeof next == 'object') o = next as Record<string, unknown>
      else ok = false
    }
    const last = path[path.length - 1]
    if (ok && (o[last] === undefined || typeof o[last] == 'string')) o[last] = value
  }
  return arrays(out) as Record<string, unknown>
}

function arrays(v: unknown): unknown {
  if (!v || typeof v != 'object') return v
  const o = v as Record<string, unknown>
  const keys = Object.keys(o)
  for (const k of keys) o[k] = arrays(o[k])
  return keys.length && keys.every((k, i) => k === String(i)) ? keys.map((k) => o[k]) : o
}

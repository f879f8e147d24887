/**
 * `url` without the query parameters `drop` names (compared in lower case), in the query and in
 * the hash's query (`#/path?email=…` or `#email=…`, which some email tools write). Everything
 * else stays byte for byte: order, encoding, empty values, the hash route. Pure.
 */
export function stripParams(url: string, drop: (name: string) => unknown): string {
  const h = url.indexOf('#')
  const hash = h < 0 ? '' : url.slice(h)
  return strip(h < 0 ? url : url.slice(0, h), '?', drop) + (hash && strip(hash, hash.indexOf('?') < 0 ? '#' : '?', drop))
}

const strip = (s: string, mark: string, drop: (name: string) => unknown) => {
  const i = s.indexOf(mark)
  if (i < 0 || s.indexOf('=') < 0) return s
  const kept = s
    .slice(i + 1)
    .split('&')
    .filter((p) => !drop(decode(p.split('=')[0]).toLowerCase()))
    .join('&')
  return s.slice(0, i) + (kept ? mark + kept : '')
}

/** A query component decoded, or as written when its percent-encoding is broken. */
export const decode = (s: string) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}

import type { When } from './parseDefinitions'

/** The facts conditions are checked against, read by the browser edge. */
export interface Facts {
  path: string
  /** the current URL's query parameters (first value of each) */
  query: Record<string, string>
  /** UTM values by short name (source, medium, campaign, term, content): the current URL's, else the kept campaign's */
  utm: Record<string, string>
  referrerHost: string
  /** the attribution source, if any */
  source?: string
}

/** `*` matches any run of characters (slashes included); everything else is literal. */
export function glob(pattern: string, value: string): boolean {
  const parts = pattern.split('*')
  if (parts.length == 1) return pattern == value
  if (!value.startsWith(parts[0])) return false
  let at = parts[0].length
  for (let i = 1; i < parts.length - 1; i++) {
    const j = value.indexOf(parts[i], at)
    if (j < 0) return false
    at = j + parts[i].length
  }
  const last = parts[parts.length - 1]
  return value.length - last.length >= at && value.endsWith(last)
}

const norm = (v: unknown) => String(v).trim().toLowerCase()

/**
 * A path as a site owner writes it and as the browser gives it alike: percent-escapes read as
 * the characters they stand for (`location.pathname` has `/caf%C3%A9` for `/café`), and no
 * trailing slash (sites serve `/pricing` as `/pricing/`, WordPress by default).
 */
const pathOf = (p: string) => {
  try {
    p = decodeURI(p)
  } catch {
    // (a malformed escape: compared as it is)
  }
  return p.replace(/(.)\/+$/, '$1')
}

/** Do all the conditions of `when` hold for these facts? No conditions: yes. Pure. */
export function matchConditions(when: When | undefined, f: Facts): boolean {
  if (!when) return true
  if (when.path != null && !glob(pathOf(when.path), pathOf(f.path))) return false
  if (when.referrer != null && !glob(when.referrer.toLowerCase(), f.referrerHost.toLowerCase())) return false
  if (when.source != null && norm(when.source) != norm(f.source || '')) return false
  for (const k of Object.keys(when.query || {})) if (f.query[k] !== String(when.query![k])) return false
  for (const k of Object.keys(when.utm || {})) if (norm(f.utm[k.replace(/^utm_/, '')] ?? '\u0000') != norm(when.utm![k])) return false
  return true
}

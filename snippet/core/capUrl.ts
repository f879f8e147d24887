import { MAX_URL_SENT } from './limits'

/**
 * `u` within MAX_URL_SENT characters: past it, its last pairs go (those of the fragment, then
 * of the query), so that what stays is whole pairs, each as written; a URL with no pair to cut
 * there (a path that long) is cut at the limit. Pure.
 */
export function capUrl(u: string): string {
  if (u.length <= MAX_URL_SENT) return u
  // the last ?, & or # at or before the limit: everything before it is whole pairs
  const j = u.slice(0, MAX_URL_SENT + 1).search(/[?&#][^?&#]*$/)
  return u.slice(0, j < 0 ? MAX_URL_SENT : j)
}

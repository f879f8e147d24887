import type { IdentityConfig } from './config'
import type { IdField } from './readLanding'

const FIELDS: IdField[] = ['userId', 'sharerUserId', 'email', 'contactId']

/**
 * The URL parameters pixel reads and cuts, from the config: `ids` (name in lower case → identity
 * field: every field under its own name, plus the `idParams` pairs) and `secret` (the
 * identification parameters and the `denyParams` list: never in a URL that is sent). A pair
 * naming no known field is reported through `bad` and ignored. Pure.
 * A name is denied whole (any case), or by one of its words: split at what is not a letter or a
 * digit and where camelCase turns upper, so that `token` cuts `reset_token`, `accessToken` and
 * `id-token` too (a password reset's, a magic link's, an OAuth flow's), which the exact name
 * let through; and `key` cuts `api_key`, not `keyword`.
 */
export function paramNames(c: Pick<IdentityConfig, 'idParams' | 'denyParams'>, bad: (pair: string) => void) {
  const ids: Record<string, IdField> = {}
  const list = (s: string) => s.toLowerCase().split(/\s*,\s*/).filter(Boolean)
  for (const f of FIELDS) ids[f.toLowerCase()] = f
  for (const p of list(c.idParams)) {
    const [n, f] = p.split(':')
    const field = FIELDS.filter((x) => x.toLowerCase() == f)[0]
    field && n ? (ids[n] = field) : bad(p)
  }
  const deny = list(c.denyParams)
  const denied = (w: string) => deny.indexOf(w) >= 0
  /** Is the parameter of this name (decoded, as written) one never sent? */
  const secret = (n: string) => {
    const l = n.toLowerCase()
    return Object.prototype.hasOwnProperty.call(ids, l) || denied(l) || n.replace(/([a-z\d])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z\d]+/).some(denied)
  }
  return { ids, secret }
}

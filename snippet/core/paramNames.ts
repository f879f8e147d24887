import type { IdentityConfig } from './config'
import type { IdField } from './readLanding'

const FIELDS: IdField[] = ['userId', 'sharerUserId', 'email', 'contactId']

/**
 * The URL parameters pixel reads and cuts, from the config: `ids` (name in lower case → identity
 * field: every field under its own name, plus the `idParams` pairs) and `secret` (the
 * identification parameters and the `denyParams` list: never in a URL that is sent). A pair
 * naming no known field is reported through `bad` and ignored. Pure.
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
  const secret = (n: string) => Object.prototype.hasOwnProperty.call(ids, n) || deny.indexOf(n) >= 0
  return { ids, secret }
}

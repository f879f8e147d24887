import { paramName } from './stripParams'

/** The identity fields a URL parameter can fill (`idParams` maps parameter names to them). */
export type IdField = 'userId' | 'sharerUserId' | 'email' | 'contactId'

/** A landing URL's attribution and identification parameters. */
export interface Landing {
  source?: string
  ids: { [F in IdField]?: string }
  /** UTM tags and click ids, named as in Segment's `context.campaign` (`utm_campaign` → `name`) */
  campaign?: Record<string, string>
}

/** Query values longer than this are ignored (a cut id or email would be a wrong one). */
export const MAX_PARAM = 200
export const UTM = ['source', 'medium', 'campaign', 'term', 'content']
/**
 * The ad platforms' click ids kept with the campaign: Google's (gbraid and wbraid where iOS
 * withholds gclid, dclid for Display & Video 360), Meta's, Microsoft's, TikTok's, LinkedIn's and
 * X's, as Segment's and RudderStack's SDKs keep them.
 */
export const CLICK_IDS = ['gclid', 'gbraid', 'wbraid', 'dclid', 'fbclid', 'msclkid', 'ttclid', 'li_fat_id', 'twclid']

/**
 * Reads `source`, the identification parameters (`names`: parameter name in lower case → field)
 * and the campaign parameters from a URL's query and its hash's query. The first occurrence of a
 * name (read as paramName reads it) wins; names are compared in lower case. A value is trimmed;
 * one that is empty, longer than MAX_PARAM, not valid percent-encoded UTF-8, or holds control
 * characters is ignored and reported through `bad(name)`. An email must look like one; its + is
 * a +, not a space. Pure, linear in the URL's length.
 */
export function readLanding(url: string, names: Record<string, IdField>, bad: (name: string) => void): Landing {
  const got: Record<string, string> = {}
  const h = url.indexOf('#')
  const hash = h < 0 ? '' : url.slice(h + 1)
  // the hash is a query from its start when it starts with a pair (#email=…&next=/p?x=1), else
  // its query follows its route (#/welcome?userId=…)
  for (const q of [url.slice(0, h < 0 ? url.length : h).split('?')[1], /^[^?&]*=/.test(hash) ? hash : hash.replace(/^[^?]*\?/, '')])
    for (const p of (q || '').split('&')) {
      const i = p.indexOf('=')
      const k = paramName(i < 0 ? p : p.slice(0, i)).toLowerCase()
      const field = {}.hasOwnProperty.call(names, k) && names[k]
      if (i < 0 || k in got || !(k == 'source' || field || /^utm_/.test(k) || CLICK_IDS.indexOf(k) >= 0)) continue
      let v: string | undefined = p.slice(i + 1)
      try {
        // (+ is a space in a query, but in an email: a merge tag that does not encode an address
        // leaves its + as it is, and no email holds a space)
        v = decodeURIComponent(field == 'email' ? v : v.replace(/\+/g, ' ')).trim()
      } catch {
        v = undefined
      }
      got[k] = v!
      if (!v || v.length > MAX_PARAM || /[\0-\x1f\x7f]/.test(v) || (field == 'email' && !/^[^\s@]+@[^\s@]+$/.test(v)))
        (got[k] = ''), v !== '' && bad(k)
    }
  const l: Landing = { ids: {} }
  for (const k of Object.keys(got))
    if (got[k]) {
      if (k == 'source') l.source = got[k]
      else if ({}.hasOwnProperty.call(names, k)) l.ids[names[k]] = got[k]
      else (l.campaign = l.campaign || {})[k == 'utm_campaign' ? 'name' : k.replace(/^utm_/, '')] = got[k]
    }
  return l
}

import { decode, paramName } from './stripParams'

/** What a link's URL says: its UTM values (utm_source … utm_content, as present), and whether it leaves the site. */
export interface Link {
  url: string
  utm: Record<string, string>
  outbound: boolean
}

const UTM = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content']

/**
 * Reads a link's absolute URL (`a.href`) against the page's host. Only http(s) links count
 * (not mailto:, tel:, javascript:). `strip` cuts the parameters never sent (identification and
 * denied ones) from the URL reported. Pure.
 */
export function readLink(href: string, host: string, strip: (url: string) => string): Link | undefined {
  const m = /^(https?):\/\/([^/?#]*)([^#]*)/i.exec(href)
  if (!m) return undefined
  const utm: Record<string, string> = {}
  const q = m[3].indexOf('?')
  if (q >= 0)
    for (const pair of m[3].slice(q + 1).split('&')) {
      const i = pair.indexOf('=')
      const k = paramName(i < 0 ? pair : pair.slice(0, i)).toLowerCase()
      if (UTM.indexOf(k) >= 0 && !(k in utm) && i >= 0) utm[k] = decode(pair.slice(i + 1)).slice(0, 200)
    }
  return { url: strip(href), utm, outbound: m[2].toLowerCase() != host.toLowerCase() }
}

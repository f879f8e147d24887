import { hasEmail } from './hasEmail'

/**
 * `url` without the `name=value` pairs whose name `drop` names (read as paramName reads it: see
 * paramNames), or whose value holds an email address, whatever its name
 * (`?e=jill%40example.com`, as an email tool's merge tag writes it; Google Analytics redacts
 * those too), wherever a pair can be read: in the query, and in the hash (`#email=…` or
 * `#/path?email=…`, which some email tools write, or `#email=…&next=/p?x=1`). A pair starts
 * after a `?`, `&` or `#`, so a URL carried unencoded in a value (`next=/p?token=…`) loses its
 * pairs too. Everything else stays byte for byte: the path, order, encoding, empty values, names
 * with no value, the hash route, an anchor (`#email`). Pure.
 */
export function stripParams(url: string, drop: (name: string) => unknown): string {
  const i = url.search(/[?#]/)
  // the ? or # of pairs that went, for the pair kept after them (a # is never lost before one)
  let mark = ''
  return i < 0
    ? url
    : url.slice(0, i) +
        url.slice(i).replace(/([?&#])([^?&#]*)/g, (m, d: string, t: string) => {
          if (t.indexOf('=') >= 0 && (drop(paramName(t.split('=')[0])) || hasEmail(decode(t)))) {
            if (d != '&' && mark != '#') mark = d
            return ''
          }
          m = (d == '&' ? mark || d : mark == '#' && d == '?' ? '#?' : d) + t
          mark = ''
          return m
        })
}

/** A query component decoded, or as written when its percent-encoding is broken. */
export const decode = (s: string) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}

/**
 * A pair's name decoded, without the `amp;` that an `&` escaped once too often leaves before it:
 * email inliners and templates do that to a link (`?utm_source=news&amp;utm_medium=email`, twice:
 * `&amp;amp;`), and its pairs then arrive named `amp;utm_medium`, `amp;userId` (which were kept
 * in the URLs sent, and read as no parameter of pixel's).
 */
export const paramName = (s: string) => decode(s).replace(/^(amp;)+/i, '')

import type { PageContext } from '../core/types'

let href: string
let page: PageContext

/**
 * The page facts of `context.page`. They change with the URL (SPA navigation), so they are read
 * again when it changes, and kept otherwise: document.title and friends are DOM reads, and
 * track() is called often. URLs go through `strip` (the identity plugin's, which cuts
 * identification and denied parameters), loaded on every page whose URLs have parameters.
 * After an SPA navigation the referrer is the page navigated from (`ref`, set by the `auto` plugin).
 */
export function readPage({ strip = (u: string) => u, ref }: { strip?: (u: string) => string; ref?: string }): PageContext {
  const l = location
  if (l.href != href) {
    const url = strip((href = l.href).split('#')[0])
    page = {
      path: l.pathname,
      url,
      referrer: strip(ref || document.referrer),
      title: document.title,
      search: url.replace(/^[^?]*/, ''),
    }
  }
  return page
}

/** The device facts of an envelope, read once per page (the timezone comes from readTimezone). */
export function readDevice() {
  const n = navigator
  return { locale: n.language, userAgent: n.userAgent, screen: { width: screen.width, height: screen.height } }
}

/**
 * The IANA timezone, kept in `store`. The first Intl.DateTimeFormat() of a page costs 15 to 30 ms
 * of main thread (it loads ICU data), so it is read once per browser and kept; every other page
 * reads the kept name for free. (A visitor who moves their system to another timezone keeps the
 * first name until the storage is cleared: a trade made for bytes.)
 */
export function readTimezone(store: { get(k: string): string | null; set(k: string, v: string): void }): string {
  let tz = store.get('pixel.tz')
  if (!tz) store.set('pixel.tz', (tz = Intl.DateTimeFormat().resolvedOptions().timeZone))
  return tz
}

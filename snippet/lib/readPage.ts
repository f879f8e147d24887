import type { PageContext } from '../core/types'

let href: string
let page: PageContext

/**
 * The page facts of `context.page`. They change with the URL (SPA navigation), so they are read
 * again when it changes, and kept otherwise: document.title and friends are DOM reads, and
 * track() is called often.
 */
export function readPage(): PageContext {
  const l = location
  if (l.href != href)
    page = {
      path: l.pathname,
      url: (href = l.href).split('#')[0],
      referrer: document.referrer,
      title: document.title,
      search: l.search,
    }
  return page
}

/** The device facts of an envelope, read once per page (the timezone comes from readTimezone). */
export function readDevice() {
  const n = navigator
  return { locale: n.language, userAgent: n.userAgent, screen: { width: screen.width, height: screen.height } }
}

/**
 * The IANA timezone, kept in `store` with the UTC offset it was read at. The first
 * Intl.DateTimeFormat() of a page costs 15 to 30 ms of main thread (it loads ICU data), so it is
 * read only when the offset differs from the kept one (a first visit, travel, a change to or
 * from daylight saving time); every other page reads the kept name for free.
 */
export function readTimezone(store: { get(k: string): string | null; set(k: string, v: string): void }): string {
  const offset = ' ' + new Date().getTimezoneOffset()
  let tz = store.get('pixel.tz') || ''
  if (!tz.endsWith(offset)) store.set('pixel.tz', (tz = Intl.DateTimeFormat().resolvedOptions().timeZone + offset))
  return tz.slice(0, -offset.length)
}

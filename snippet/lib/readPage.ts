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

/** The device facts of an envelope, read once per page. */
export function readDevice() {
  const n = navigator
  return { locale: n.language, userAgent: n.userAgent, screen: { width: screen.width, height: screen.height }, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone }
}

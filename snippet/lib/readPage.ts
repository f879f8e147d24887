import type { PageContext } from '../core/types'

/** The page facts of `context.page`, read now (they change on SPA navigation). */
export function readPage(): PageContext {
  const l = location
  return {
    path: l.pathname,
    url: l.href.split('#')[0],
    referrer: document.referrer,
    title: document.title,
    search: l.search,
  }
}

/** The device facts of an envelope, read once per page. */
export function readDevice() {
  const n = navigator
  return { locale: n.language, userAgent: n.userAgent, screen: { width: screen.width, height: screen.height }, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone }
}

/**
 * Calls `cb` each time the page is being hidden: `visibilitychange` to hidden (tab switch,
 * app switch, and the last reliable moment on mobile) and `pagehide` (navigation, including
 * into the back/forward cache). Never `unload`/`beforeunload`: they are unreliable on mobile
 * and `unload` makes a page ineligible for the bfcache (https://web.dev/articles/bfcache).
 * Both can fire for one navigation; callers must be idempotent.
 */
export function onHidden(cb: () => void): () => void {
  const onVisibility = () => document.visibilityState == 'hidden' && cb()
  addEventListener('visibilitychange', onVisibility, true)
  addEventListener('pagehide', cb, true)
  return () => {
    removeEventListener('visibilitychange', onVisibility, true)
    removeEventListener('pagehide', cb, true)
  }
}

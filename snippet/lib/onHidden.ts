/**
 * Calls `cb` each time the page is being hidden: `visibilitychange` to hidden (tab switch, app
 * switch: on mobile the last moment a page is sure to run) and `pagehide` (navigation, closing,
 * or entering the back/forward cache). `cb(true)` means the page is being unloaded for good
 * (pagehide and not kept in the bfcache); `left`, that it is left (pagehide, either way). Never
 * `unload`/`beforeunload`: they are unreliable on mobile and `unload` makes a page ineligible
 * for the bfcache (https://web.dev/articles/bfcache).
 * On a navigation both fire (pagehide first); callers must be idempotent.
 */
export function onHidden(cb: (unloading: boolean, left?: boolean) => void): void {
  addEventListener('visibilitychange', () => document.visibilityState == 'hidden' && cb(false), true)
  addEventListener('pagehide', (e) => cb(!e.persisted, true), true)
}

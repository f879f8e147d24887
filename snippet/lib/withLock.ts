/**
 * Runs `fn` if this tab can take the cross-tab lock `name` now; skips it if another tab holds
 * it (that tab does the same work). The Web Locks API where there is one (secure contexts);
 * else a claim in localStorage with a 5 s lease, read back after 50 ms, because a write made by
 * another tab's process reaches this one a moment later. Locks are held only for the call, so
 * they never keep a page out of the back/forward cache.
 */
export function withLock(name: string, id: string, fn: () => void): void {
  const locks = navigator.locks
  if (locks) {
    locks.request(name, { ifAvailable: true }, (got) => got && fn()).catch(() => {})
    return
  }
  try {
    const ls = localStorage
    const claim = (ls.getItem(name) || '').split(' ')
    if (claim[0] != id && +claim[1] > Date.now()) return
    ls.setItem(name, id + ' ' + (Date.now() + 5000))
    setTimeout(() => {
      try {
        if (ls.getItem(name)!.split(' ')[0] == id) fn(), ls.removeItem(name)
      } catch {}
    }, 50)
  } catch {
    // no storage: there is no shared outbox to coordinate
    fn()
  }
}

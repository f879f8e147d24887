/** Which URL changes are navigations: the hash (opt-in), a replaceState that only changes the query (opt-in). */
export interface NavigationOptions {
  hash?: boolean
  query?: boolean
}

/**
 * Calls `pageview(from)` on each real navigation of a single-page app, with the URL navigated
 * from: history.pushState to another URL, history.replaceState to another path (or query, with
 * `query`), back/forward (popstate), a hash change with `hash`, and a page restored from the
 * back/forward cache. The URL is compared a task later, so a router that pushes then replaces
 * in one go is one navigation, and one that sets the title after pushing is seen with it.
 * Returns the teardown (history's methods are given back when nobody patched them since).
 */
export function onNavigation(pageview: (from: string) => void, o: NavigationOptions, onError: (e: unknown) => void): () => void {
  const h = history
  const l = location
  let last = { path: l.pathname, search: l.search, hash: l.hash, href: l.href }
  const check = (replaced?: boolean) =>
    setTimeout(() => {
      try {
        const now = { path: l.pathname, search: l.search, hash: l.hash, href: l.href }
        const moved = now.path != last.path || ((!replaced || o.query) && now.search != last.search) || (o.hash && now.hash != last.hash)
        const from = last.href
        last = now
        if (moved) pageview(from)
      } catch (e) {
        onError(e)
      }
    })
  const patch = (name: 'pushState' | 'replaceState') => {
    const original = h[name]
    const mine = function (this: History, ...a: Parameters<History['pushState']>) {
      const r = original.apply(this, a)
      check(name == 'replaceState')
      return r
    }
    h[name] = mine
    return () => h[name] === mine && (h[name] = original)
  }
  const restore = [patch('pushState'), patch('replaceState')]
  const pop = () => check()
  const hash = () => o.hash && check()
  const show = (e: PageTransitionEvent) => {
    if (e.persisted) (last = { path: l.pathname, search: l.search, hash: l.hash, href: l.href }), pageview('')
  }
  addEventListener('popstate', pop)
  addEventListener('hashchange', hash)
  addEventListener('pageshow', show)
  return () => {
    for (const f of restore) f()
    removeEventListener('popstate', pop)
    removeEventListener('hashchange', hash)
    removeEventListener('pageshow', show)
  }
}

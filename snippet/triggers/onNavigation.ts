import { navigationApi } from '../lib/navigationApi'

/** Which URL changes are navigations: the hash (opt-in), a replaceState that only changes the query (opt-in). */
export interface NavigationOptions {
  hash?: boolean
  query?: boolean
}

/**
 * Calls `pageview(from)` on each real navigation of a single-page app, with the URL navigated
 * from: history.pushState to another URL, history.replaceState to another path (or query, with
 * `query`), back/forward (popstate), the same made by the Navigation API, a hash change with
 * `hash`, and a page restored from the back/forward cache. The URL is compared a task later,
 * so a router that pushes then replaces in one go is one navigation, and one that sets the
 * title after pushing is seen with it. `left()` is called at once, as the URL changes to another
 * page, before the app renders the new one and sets its title.
 * For the page's life: there is no teardown (nothing stops watching navigations).
 */
export function onNavigation(pageview: (from: string) => void, o: NavigationOptions, onError: (e: unknown) => void, left: () => void): void {
  const h = history
  const l = location
  const here = () => ({ path: l.pathname, search: l.search, hash: l.hash, href: l.href })
  let last = here()
  /** the URL now */
  let now = last
  /**
   * whether the first change since the last look was a replace: it decides, with the URL as it is
   * at the look (a push then a replace in one task is a push)
   */
  let replaced: boolean | undefined
  /** whether the URL now is another page than the one last looked at */
  const moved = () => (now = here()).path != last.path || ((!replaced || o.query) && now.search != last.search) || (o.hash && now.hash != last.hash)
  const check = (r?: boolean) => {
    replaced ??= !!r
    // the page is left now, before the app renders the next one (and sets its title)
    if (moved()) left()
    setTimeout(() => {
      try {
        const m = moved()
        const from = last.href
        last = now
        replaced = undefined
        if (m) pageview(from)
      } catch (e) {
        onError(e)
      }
    })
  }
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = h[name]
    h[name] = function (this: History, ...a: Parameters<History['pushState']>) {
      const r = original.apply(this, a)
      check(name == 'replaceState')
      return r
    }
  }
  // A router on the Navigation API (navigation.navigate(), links it intercepts) changes the URL
  // with neither pushState nor popstate: its entry changes are navigations too
  const n = navigationApi()
  if (n) n.addEventListener('currententrychange', (e) => check((e as Event & { navigationType?: string }).navigationType == 'replace'))
  addEventListener('popstate', () => check())
  addEventListener('hashchange', () => o.hash && check())
  addEventListener('pageshow', (e) => {
    if (e.persisted) (last = here()), pageview('')
  })
}

/** What pixel uses of the Navigation API (TypeScript's DOM library has no types for it yet). */
export type NavigationApi = EventTarget & { currentEntry: unknown }

/**
 * The browser's Navigation API, or undefined where it has none. There, `window.navigation` may
 * be the page's own (an element of id "navigation", a global of that name): hence the look for
 * `currentEntry`.
 */
export const navigationApi = (): NavigationApi | undefined => {
  const n = (self as { navigation?: Partial<NavigationApi> }).navigation
  return n && n.currentEntry ? (n as NavigationApi) : undefined
}

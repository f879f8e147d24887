/**
 * The address the document was loaded at: its navigation entry's, with the query and hash that an
 * app's router or a "clean URL" script may have replaced before pixel ran (an SPA that redirects
 * `/?utm_source=…` to `/home` as it boots; pixel.js is async, the npm build runs in the app's
 * bundle). Where the browser keeps no such entry, or names it otherwise (old Edge: "document"),
 * the address now.
 */
export function landingUrl(): string {
  try {
    const n = performance.getEntriesByType('navigation')[0].name
    if (!n.indexOf(location.origin + '/')) return n
  } catch {}
  return location.href
}

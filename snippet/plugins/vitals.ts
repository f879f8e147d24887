// Plugin `vitals` (dist/pixel.vitals.js, with the web-vitals package in it): loaded by lib/createTriggers
// only with `vitals` on, after the page has loaded and the browser is idle. Each metric
// is reported once, when final (LCP, CLS and INP when the page is hidden), as a `webVital` event.
// (web-vitals is imported dynamically, so the npm module leaves it to the application's bundler
// as a lazy chunk of its own.)
import type { Metric } from 'web-vitals'
import type { Registry } from '../lib/loadPlugin'
import { landingUrl } from '../lib/landingUrl'

export default (r: Registry) => {
  r.vitals = () =>
    import('web-vitals').then((v) => {
      const core = r.core!
      // The metrics are of the document's load, not of a route: each is an event of the URL the
      // document was loaded at, its referrer and its title (as it is now, once the page has loaded,
      // for a metric final after the app has left that URL; else the document's then), as CrUX
      // counts them, at the time it is final. In an SPA that is often after a
      // navigation: LCP is final at the first input, most often the click on a router's link, and
      // CLS and INP when the page is hidden. (Made at once, not through track(), whose calls may
      // wait for an SPA view's title: this is no event of that view.)
      const at = landingUrl()
      const title = document.title
      const report = (m: Metric) => {
        try {
          core.emit({ type: 'track', event: 'webVital' }, { name: m.name, value: m.value, rating: m.rating, navigationType: m.navigationType }, [at, undefined, Date.now(), title])
        } catch (e) {
          core.log.warn('trigger', e)
        }
      }
      for (const on of [v.onLCP, v.onINP, v.onCLS, v.onFCP, v.onTTFB]) on(report)
    })
}

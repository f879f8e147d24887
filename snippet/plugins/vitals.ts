// Plugin `vitals` (dist/pixel.vitals.js, with the web-vitals package in it): loaded by lib/createTriggers
// only with `vitals` on, after the page has loaded and the browser is idle. Each metric
// is reported once, when final (LCP, CLS and INP when the page is hidden), as a `webVital` event.
// (web-vitals is imported dynamically, so the npm module leaves it to the application's bundler
// as a lazy chunk of its own.)
import type { Metric } from 'web-vitals'
import type { Registry } from '../lib/loadPlugin'

export default (r: Registry) => {
  r.vitals = (track) =>
    import('web-vitals').then((v) => {
      const report = (m: Metric) => track('webVital', { name: m.name, value: m.value, rating: m.rating, navigationType: m.navigationType })
      for (const on of [v.onLCP, v.onINP, v.onCLS, v.onFCP, v.onTTFB]) on(report)
    })
}

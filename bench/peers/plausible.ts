// Plausible's npm tracker as a site installs it (its README), sending to the benchmark's
// collector (window.benchCollector): the page view on init, and a custom event per benchTrack()
// call. The run's key is the URL's fragment.
import { init, track } from '@plausible-analytics/tracker'

init({ domain: 'shop.example', endpoint: `${(window as any).benchCollector}/api/event?k=${location.hash.slice(1)}`, captureOnLocalhost: true })
;(window as any).benchTrack = (name: string, props: Record<string, string>) => track(name, { props })

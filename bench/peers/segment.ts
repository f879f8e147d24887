// Segment's npm analytics-next as a site installs it (its README), with the settings it would
// fetch from Segment's CDN given inline, so that it makes no request but to the benchmark's
// collector (window.benchCollector): its page() call, and a track() per benchTrack() call.
// The run's key is the URL's fragment.
import { AnalyticsBrowser } from '@segment/analytics-next'

const key = location.hash.slice(1)
const collector = new URL((window as any).benchCollector)
const analytics = AnalyticsBrowser.load({
  writeKey: key,
  cdnSettings: { integrations: { 'Segment.io': { apiKey: key, apiHost: `${collector.host}/seg/${key}`, protocol: collector.protocol.slice(0, -1) } } },
})
analytics.page()
;(window as any).benchTrack = (name: string, properties: object) => analytics.track(name, properties)

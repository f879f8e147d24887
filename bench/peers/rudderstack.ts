// RudderStack's npm JavaScript SDK (v3) as a site installs it (its README), in its `bundled`
// form: the plugins in the site's bundle, where the default form fetches them from RudderStack's
// CDN. Its data plane and the control plane it reads its source's settings from are the
// benchmark's collector (window.benchCollector) under /rs: its page() call, and a track() per
// benchTrack() call. The run's key is the URL's fragment, sent as the write key.
import { RudderAnalytics } from '@rudderstack/analytics-js/bundled'

const rs = `${(window as any).benchCollector}/rs`
const analytics = new RudderAnalytics()
analytics.load(location.hash.slice(1), rs, { configUrl: rs })
analytics.page()
;(window as any).benchTrack = (name: string, properties: Record<string, unknown>) => analytics.track(name, properties as any)

// Snowplow's npm browser tracker as a site installs it (its docs: newTracker, then
// trackPageView), sending to the benchmark's collector (window.benchCollector) with its defaults:
// a POST per event to /com.snowplowanalytics.snowplow/tp2. A custom event is a self-describing
// event, Snowplow's form for an event with properties, its name in the schema. The run's key is
// the URL's fragment, sent as the app id.
import { newTracker, trackPageView, trackSelfDescribingEvent } from '@snowplow/browser-tracker'

newTracker('sp', (window as any).benchCollector, { appId: location.hash.slice(1) })
trackPageView()
;(window as any).benchTrack = (name: string, data: Record<string, unknown>) =>
  trackSelfDescribingEvent({ event: { schema: `iglu:shop.example/${name}/jsonschema/1-0-0`, data } })

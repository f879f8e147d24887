// PostHog's npm posthog-js as a site installs it (its README: init with the project key, the
// API host and the dated defaults), its API host being the benchmark's collector
// (window.benchCollector) under /ph, as a reverse proxy would put it: its page view, and a
// capture() per benchTrack() call. The run's key is the URL's fragment, sent as the project key.
import posthog from 'posthog-js'

posthog.init(location.hash.slice(1), { api_host: `${(window as any).benchCollector}/ph`, defaults: '2026-08-30' })
;(window as any).benchTrack = (name: string, properties: Record<string, unknown>) => posthog.capture(name, properties)

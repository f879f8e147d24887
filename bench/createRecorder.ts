// The benchmark's view of the wire at the collector's address: every request, when it came and
// its size; and the events of the peers' own formats, which the reference collector does not
// take. Those are read and counted here and answered as their services answer; everything else
// goes on to the reference collector.
import type { IncomingMessage, IncomingHttpHeaders, ServerResponse } from 'node:http'
import { gunzipSync } from 'node:zlib'

export interface Hit {
  at: number
  method: string
  path: string
  /** URL and body */
  bytes: number
}

export interface PeerEvent {
  at: number
  key: string
  name: string
}

/** A peer's wire: the requests that carry its events, and the run's key and event names in one. */
interface Wire {
  events: RegExp
  read(body: Buffer, url: URL, headers: IncomingHttpHeaders, match: RegExpExecArray): { key: string; names: string[] }
  /** the answer its service gives */
  status: number
  answer: string
}

const json = (b: Buffer) => JSON.parse(b.toString('utf8'))

/** posthog-js's body: gzip (compression=gzip-js), base64 in a form (compression=base64), or JSON; one event or a list. */
function posthogEvents(b: Buffer): any[] {
  let text = b[0] == 0x1f && b[1] == 0x8b ? gunzipSync(b).toString('utf8') : b.toString('utf8')
  if (text.startsWith('data=')) text = Buffer.from(new URLSearchParams(text).get('data') || '', 'base64').toString('utf8')
  const body = JSON.parse(text)
  return Array.isArray(body) ? body : body.batch || [body]
}

/** A Snowplow self-describing event's name: its schema's, iglu:vendor/NAME/jsonschema/1-0-0. */
function snowplowName(e: Record<string, string>): string {
  if (e.e == 'pv') return 'page'
  const envelope = e.ue_pr ? JSON.parse(e.ue_pr) : JSON.parse(Buffer.from(e.ue_px || '', 'base64url').toString('utf8'))
  return /^iglu:[^/]+\/([^/]+)\//.exec(envelope.data.schema)?.[1] || e.e
}

const WIRES: Wire[] = [
  // Plausible: POST /api/event?k=KEY, {n: name}
  {
    events: /^\/api\/event$/,
    read: (b, url) => {
      const { n } = json(b)
      return { key: url.searchParams.get('k') || '', names: [n == 'pageview' ? 'page' : n] }
    },
    status: 202,
    answer: 'ok',
  },
  // Segment: POST /seg/KEY/{p,t,i,b} (its apiHost set to /seg/KEY)
  {
    events: /^\/seg\/([\w-]+)\/([ptib])$/,
    read: (b, _, __, m) => ({ key: m[1], names: (m[2] == 'b' ? json(b).batch : [json(b)]).map((e: any) => (e.type == 'page' ? 'page' : e.event || e.type)) }),
    status: 200,
    answer: '{"success":true}',
  },
  // Snowplow: POST /com.snowplowanalytics.snowplow/tp2, {data: [payload]}, the app id the key
  {
    events: /^\/com\.snowplowanalytics\.snowplow\/tp2$/,
    read: (b) => {
      const data: Record<string, string>[] = json(b).data
      return { key: data[0].aid, names: data.map(snowplowName) }
    },
    status: 200,
    answer: 'ok',
  },
  // PostHog (api_host /ph): its capture endpoints, the project key in each event
  {
    events: /^\/ph\/(e|i\/v0\/e|batch|capture)\/?$/,
    read: (b) => {
      const list = posthogEvents(b)
      return { key: list[0].properties?.token || list[0].api_key || '', names: list.map((e) => (e.event == '$pageview' ? 'page' : e.event)) }
    },
    status: 200,
    answer: '{"status":1}',
  },
  // RudderStack (data plane /rs): POST /rs/v1/<type>, the write key in Basic authorization
  {
    events: /^\/rs\/v1\/(page|track|identify|batch)$/,
    read: (b, _, headers) => {
      const body = json(b)
      const key = Buffer.from((headers.authorization || '').replace(/^Basic /, ''), 'base64').toString('utf8').replace(/:$/, '')
      return { key, names: (body.batch || [body]).map((e: any) => (e.type == 'page' ? 'page' : e.event || e.type)) }
    },
    status: 200,
    answer: 'OK',
  },
]

/** A PostHog project with nothing turned on but what every project has: events, compressed. */
const POSTHOG = { supportedCompression: ['gzip', 'gzip-js'], hasFeatureFlags: false, sessionRecording: false, heatmaps: false, surveys: false, siteApps: [] }

/**
 * What the peers ask their services for besides sending events, answered as a service with
 * nothing to configure would: the content type and the body for the path's match.
 */
const SETTINGS: [RegExp, (m: RegExpExecArray) => [string, string]][] = [
  // RudderStack's control plane: the source's settings, with no destination
  [/^\/rs\/sourceConfig\/?$/, () => ['application/json', JSON.stringify({ source: { id: 'bench', name: 'bench', workspaceId: 'bench', enabled: true, config: {}, destinations: [] } })]],
  // PostHog's remote config, as a script (it sets a global) and as JSON
  [/^\/ph\/array\/([\w-]+)\/config\.js$/, (m) => ['text/javascript', `(window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{})[${JSON.stringify(m[1])}]={config:${JSON.stringify(POSTHOG)},siteApps:[]}`]],
  [/^\/ph\/array\/[\w-]+\/config$/, () => ['application/json', JSON.stringify(POSTHOG)]],
  // PostHog's feature flags: none
  [/^\/ph\/(flags|decide)\/?$/, () => ['application/json', JSON.stringify({ ...POSTHOG, flags: {}, featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false })]],
]

/** Whether a request to `path` carries events, of any tracker. */
export const carriesEvents = (path: string) => /^\/(v1\/batch|pixel\/v1\/)/.test(path) || WIRES.some((w) => w.events.test(path))

export function createRecorder(next: (req: IncomingMessage, res: ServerResponse) => void) {
  const hits: Hit[] = []
  const events: PeerEvent[] = []

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url || '/', 'http://collector')
    hits.push({ at: Date.now(), method: req.method || '', path: url.pathname, bytes: (req.url || '').length + Number(req.headers['content-length'] || 0) })
    let match: RegExpExecArray | null = null
    const wire = WIRES.find((w) => (match = w.events.exec(url.pathname)))
    const settings = !wire && SETTINGS.find(([path]) => (match = path.exec(url.pathname)))
    if (!wire && !settings) return next(req, res)
    // as their services answer: the page's origin, with credentials (Snowplow sends its cookies)
    const cors = {
      'Access-Control-Allow-Origin': req.headers.origin || '*',
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] || 'Content-Type',
      'Access-Control-Allow-Methods': 'GET, POST',
      'Access-Control-Max-Age': '7200',
    }
    if (req.method == 'OPTIONS') {
      res.writeHead(204, cors).end()
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (settings) {
        const [type, body] = settings[1](match!)
        res.writeHead(200, { ...cors, 'Content-Type': type }).end(body)
        return
      }
      const at = Date.now()
      try {
        const { key, names } = wire!.read(Buffer.concat(chunks), url, req.headers, match!)
        for (const name of names) events.push({ at, key, name })
      } catch {
        // not an event: not counted
      }
      res.writeHead(wire!.status, { ...cors, 'Content-Type': 'text/plain' }).end(wire!.answer)
    })
  }

  return { hits, events, handle }
}

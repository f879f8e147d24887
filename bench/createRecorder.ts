// The benchmark's view of the wire at the collector's address: every request, when it came and
// its size; and the events of the peers' own formats, which the reference collector does not
// take: Plausible's POST /api/event?k=KEY ({n: name}) and Segment's POST /seg/KEY/{p,t,i,b}
// (its apiHost set to /seg/KEY). Those are read and counted here and answered as their services
// answer; everything else goes on to the reference collector.
import type { IncomingMessage, ServerResponse } from 'node:http'

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

const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Content-Type, Authorization, X-Retry-Count', 'Access-Control-Max-Age': '7200' }

/** Whether a request to `path` carries events, of any tracker. */
export const carriesEvents = (path: string) => /^\/(v1\/batch|pixel\/v1\/|api\/event|seg\/)/.test(path)

export function createRecorder(next: (req: IncomingMessage, res: ServerResponse) => void) {
  const hits: Hit[] = []
  const events: PeerEvent[] = []

  function read(req: IncomingMessage, key: string, name: (body: any) => string[]) {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const at = Date.now()
      try {
        for (const n of name(JSON.parse(Buffer.concat(chunks).toString('utf8')))) events.push({ at, key, name: n })
      } catch {
        // not an event: not counted
      }
    })
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url || '/', 'http://collector')
    hits.push({ at: Date.now(), method: req.method || '', path: url.pathname, bytes: (req.url || '').length + Number(req.headers['content-length'] || 0) })
    const segment = /^\/seg\/([\w-]+)\/([ptib])$/.exec(url.pathname)
    if (url.pathname != '/api/event' && !segment) return next(req, res)
    if (req.method == 'OPTIONS') {
      res.writeHead(204, { ...CORS, 'Access-Control-Allow-Methods': 'POST' }).end()
      return
    }
    if (segment)
      read(req, segment[1], (b) => (segment[2] == 'b' ? b.batch : [b]).map((e: any) => (e.type == 'page' ? 'page' : e.event || e.type)))
    else read(req, url.searchParams.get('k') || '', (b) => [b.n == 'pageview' ? 'page' : b.n])
    res.writeHead(segment ? 200 : 202, { ...CORS, 'Content-Type': 'text/plain' })
    res.end(segment ? '{"success":true}' : 'ok')
  }

  return { hits, events, handle }
}

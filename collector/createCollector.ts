import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createEventStore } from './createEventStore'
import { createFaults, type FaultSpec } from './createFaults'
import { parsePixelQuery } from './parsePixelQuery'
import { serveStatic } from './serveStatic'
import { validateEvent } from './validateEvent'

export interface CollectorOptions {
  dataDir: string
  publicDir: string
  distDir: string
  /** Serve e2e fixture pages under /fixtures/ (tests only). */
  fixturesDir?: string
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number
  /** Faults injected into every ingestion request from the start. */
  faults?: FaultSpec
  /** Expose POST/DELETE /faults?key=… to set faults at run time (tests, demos). */
  faultControl?: boolean
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization, x-api-key, x-conveyour-appkey, x-conveyour-token',
  'Access-Control-Max-Age': '86400',
}

// The smallest transparent GIF: what an <img> pixel gets back, so it loads instead of erroring.
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** The reference collector and demo server as one request handler. It never throws. */
export function createCollector(o: CollectorOptions) {
  const store = createEventStore(o.dataDir)
  const faults = createFaults(o.faults)
  const limit = o.bodyLimit ?? 1_000_000
  const loader = () => {
    const f = join(o.distDir, 'loader.js')
    return existsSync(f) ? readFileSync(f, 'utf8') : ''
  }

  const reply = (res: ServerResponse, status: number, body: string | object, headers: Record<string, string> = {}) => {
    const json = typeof body != 'string'
    res.writeHead(status, { ...CORS, 'Cache-Control': 'no-store', 'Content-Type': json ? 'application/json' : 'text/plain; charset=utf-8', ...headers })
    res.end(json ? JSON.stringify(body) : body)
  }

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      let size = 0
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => {
        size += c.length
        // over the limit: answer 413 at once and drain the rest unread, so the client reads the answer
        if (size > limit) reject(new HttpError(413, `body exceeds ${limit} bytes`))
        else chunks.push(c)
      })
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      req.on('error', reject)
    })

  const parseJson = (text: string): unknown => {
    try {
      return JSON.parse(text)
    } catch {
      throw new HttpError(400, 'body is not valid JSON')
    }
  }

  /** POST /v1/batch: the RudderStack/Segment HTTP API. JSON whatever the Content-Type (the snippet sends text/plain). */
  async function batch(req: IncomingMessage, res: ServerResponse, url: URL) {
    const body = parseJson(await readBody(req)) as Record<string, unknown> | unknown[] | null
    const list = Array.isArray(body) ? body : body && typeof body == 'object' ? body.batch : undefined
    if (!Array.isArray(list) || !list.length) throw new HttpError(400, 'body must be {"batch": [events]} with at least one event')
    const writeKey = url.searchParams.get('writeKey') || basicUser(req) || (body && !Array.isArray(body) && typeof body.writeKey == 'string' ? body.writeKey : '')
    if (!writeKey) throw new HttpError(400, 'writeKey is required (query ?writeKey= or Basic auth)')
    const problems: string[] = []
    const valid = list.filter((e, i) => {
      const p = validateEvent(e)
      if (p) problems.push(`batch[${i}]: ${p}`)
      return !p
    })
    if (!valid.length) throw new HttpError(400, problems[0] + (problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''))
    let duplicates = 0
    for (const e of valid) if (!store.add('native', writeKey, e as Record<string, unknown>)) duplicates++
    // Valid events are stored even when others in the batch are not: nothing valid is lost.
    if (problems.length) return reply(res, 200, { accepted: valid.length - duplicates, duplicates, rejected: problems })
    reply(res, 200, 'OK')
  }

  /** GET /pixel/v1/page and /pixel/v1/track: the RudderStack Pixel API (seed 002). */
  function pixel(req: IncomingMessage, res: ServerResponse, url: URL, type: 'page' | 'track') {
    const q = url.searchParams
    const writeKey = q.get('writeKey')
    if (!writeKey) throw new HttpError(400, 'writeKey is required')
    if (!q.get('anonymousId')) throw new HttpError(400, 'anonymousId is required')
    if (type == 'track' && !q.get('event')) throw new HttpError(400, 'event is required')
    const e = parsePixelQuery(q)
    delete e.writeKey
    e.type = type
    if (!e.messageId) e.messageId = randomUUID()
    if (!e.originalTimestamp) e.originalTimestamp = new Date().toISOString()
    const problem = validateEvent(e)
    if (problem) throw new HttpError(400, problem)
    store.add('rudderstack-pixel', writeKey, e)
    // an <img> asks for an image: answer one, so a pixel in a page or an email renders nothing
    if (/image\//.test(req.headers.accept || '')) {
      res.writeHead(200, { ...CORS, 'Cache-Control': 'no-store', 'Content-Type': 'image/gif' })
      return void res.end(GIF)
    }
    reply(res, 200, 'OK')
  }

  function events(res: ServerResponse, url: URL) {
    const q = url.searchParams
    const list = store.list().filter((r) => (!q.get('writeKey') || r.writeKey == q.get('writeKey')) && (!q.get('format') || r.format == q.get('format')))
    reply(res, 200, q.get('meta') ? list : list.map((r) => r.event))
  }

  /** Applies the fault rule of the request's key; true when the request was answered or dropped. */
  async function fault(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const h = req.headers
    const key = url.searchParams.get('writeKey') || basicUser(req) || String(h['x-api-key'] || h['x-conveyour-appkey'] || '')
    const f = faults.pick(key)
    if (!f) return false
    if (f.latency) await new Promise((r) => setTimeout(r, f.latency))
    if ('drop' in f) return req.socket.destroy(), true
    if (!('status' in f)) return false
    // read the body first: answering mid-upload makes the browser report a network error, not the status
    await readBody(req).catch(() => '')
    reply(res, f.status, 'injected fault', f.retryAfter ? { 'Retry-After': String(f.retryAfter) } : {})
    return true
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL) {
    const key = url.searchParams.get('key') || '*'
    if (req.method == 'DELETE') faults.clear(key)
    else faults.set(key, parseJson(await readBody(req)) as FaultSpec)
    reply(res, 200, 'OK')
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url || '/', 'http://collector')
    const p = url.pathname
    if (req.method == 'OPTIONS') return reply(res, 204, '')
    if (o.faultControl && p == '/faults' && (req.method == 'POST' || req.method == 'DELETE')) return control(req, res, url)
    if ((p == '/v1/batch' || p.startsWith('/pixel/v1/')) && (await fault(req, res, url))) return
    if (req.method == 'POST' && p == '/v1/batch') return batch(req, res, url)
    if (req.method == 'GET' && (p == '/pixel/v1/page' || p == '/pixel/v1/track')) return pixel(req, res, url, p == '/pixel/v1/page' ? 'page' : 'track')
    if (req.method == 'GET' && p == '/events') return events(res, url)
    if (req.method == 'GET' && p == '/stats') {
      const k = url.searchParams.get('writeKey') || ''
      return reply(res, 200, { stored: store.list().filter((r) => r.writeKey == k).length, duplicates: store.duplicates(k) })
    }
    if (req.method == 'GET' || req.method == 'HEAD') {
      if (/^\/(pixel(\.\w+)?\.m?js(\.map)?|loader\.js|loader\.html)$/.test(p) && serveStatic(res, o.distDir, p, url.searchParams, loader)) return
      if (o.fixturesDir && p.startsWith('/fixtures/') && serveStatic(res, o.fixturesDir, p.slice(9), url.searchParams, loader)) return
      if (serveStatic(res, o.publicDir, p, url.searchParams, loader)) return
    }
    throw new HttpError(404, `no route for ${req.method} ${p}`)
  }

  return {
    store,
    handle(req: IncomingMessage, res: ServerResponse) {
      route(req, res).catch((e: unknown) => {
        const status = e instanceof HttpError ? e.status : 500
        if (status == 500) console.error('collector error:', e)
        if (!res.headersSent) reply(res, status, e instanceof HttpError ? e.message : 'internal error')
        else res.end()
      })
    },
  }
}

function basicUser(req: IncomingMessage): string {
  const m = /^Basic (.+)$/i.exec(req.headers.authorization || '')
  return m ? Buffer.from(m[1], 'base64').toString('utf8').split(':')[0] : ''
}

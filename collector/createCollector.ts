import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { applyTraits } from './applyTraits'
import { createEventStore } from './createEventStore'
import { createFaults, parseFaultSpec, type FaultSpec } from './createFaults'
import { createRelay } from './createRelay'
import { createRules, type RuleOptions } from './createRules'
import { CROSS_ORIGIN } from './crossOrigin'
import { describeEvent } from './describeEvent'
import { parseConveyourIdentify, parseConveyourTrack } from './parseConveyour'
import { parseEnvoy } from './parseEnvoy'
import { parseEventapi } from './parseEventapi'
import { nestedDeeper, MAX_NESTING } from './nestedDeeper'
import { parsePixelQuery } from './parsePixelQuery'
import { serveStatic } from './serveStatic'
import { validateEvent } from './validateEvent'

export interface CollectorOptions {
  dataDir: string
  publicDir: string
  distDir: string
  /** The version of pixel in distDir (package.json's): its plugins, asked for with it, are served immutable. */
  version?: string
  /** Serve e2e fixture pages under /fixtures/ (tests only). */
  fixturesDir?: string
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number
  /** Faults injected into every ingestion request from the start. */
  faults?: FaultSpec
  /** Expose POST/DELETE /faults?key=… to set faults at run time (tests, demos). */
  faultControl?: boolean
  /** The only keys accepted in those headers; unset, any non-empty key is. */
  envoyApiKey?: string
  conveyourAppKey?: string
  conveyourToken?: string
  /** Base URL of a RudderStack/Segment-compatible data plane the native batches are relayed to. */
  upstream?: string
  /** The seed 004 rules: purchase and email open event names, the email open window. */
  rules?: RuleOptions
  now?: () => number
}

const CORS = {
  ...CROSS_ORIGIN,
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization, x-api-key, x-conveyour-appkey, x-conveyour-token',
  'Access-Control-Max-Age': '86400',
  // a page of another origin reads no response header beyond the CORS-safelisted ones: without
  // this, pixel.js saw no Retry-After there and came back after its own backoff (0.7 s for 3 s)
  'Access-Control-Expose-Headers': 'Retry-After',
}

// The smallest transparent GIF: what an <img> pixel gets back, so it loads instead of erroring.
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** the answer's body when the format has its own error shape (else the message as text) */
    readonly body?: object,
  ) {
    super(message)
  }
}

/** The reference collector and demo server as one request handler. It never throws. */
export function createCollector(o: CollectorOptions) {
  const store = createEventStore(o.dataDir)
  const faults = createFaults(o.faults)
  const now = o.now || Date.now
  const rules = createRules(o.rules)
  const relay = o.upstream ? createRelay(o.upstream) : undefined
  /** ConveYour contacts and events API users, with their traits, by format, key and id */
  const contacts = new Map<string, Record<string, unknown>>()
  const contact = (format: string, key: string | undefined, id: string) => `${format}\n${key || ''}\n${id}`
  /** What a stored event changes: the rules' memory, and the contact it identifies. */
  const remember = (format: string, key: string | undefined, e: Record<string, unknown>, received: number) => {
    rules.keep(format, key, describeEvent(format, e), received)
    if (format == 'conveyour' && e.traits) {
      const k = contact(format, key, String(e.id))
      contacts.set(k, applyTraits(contacts.get(k) || {}, e.traits as Record<string, unknown>))
    }
    if (format == 'eventapi') {
      const u = e.user as Record<string, string>
      const ev = e.event as Record<string, Record<string, unknown>>
      const k = contact(format, key, u.email || u._id)
      if (ev.update || ev.login) contacts.set(k, applyTraits(contacts.get(k) || {}, ev.update || ev.login))
    }
  }
  for (const r of store.list()) if (!r.discarded) remember(r.format, r.writeKey, r.event, Date.parse(r.receivedAt))
  /**
   * Stores one event of any format, unless a seed 004 rule discards it: then it is logged with
   * the reason and the sender still hears success. False for a repeated messageId.
   */
  const accept = (format: string, key: string | undefined, e: Record<string, unknown>, messageId?: string): boolean => {
    const t = now()
    const why = rules.check(format, key, describeEvent(format, e), t)
    const added = store.add(format, key, e, why, messageId)
    if (added && !why) remember(format, key, e, t)
    return added
  }
  const limit = o.bodyLimit ?? 1_000_000
  /** A built text a page's template names: `{{loader}}` the stub, `{{importmap}}` the plugins' integrity. */
  const built = (name: string) => {
    const f = join(o.distDir, name == 'importmap' ? 'importmap.html' : 'loader.js')
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
      req.on('end', () => {
        try {
          resolve(decode(req.headers['content-encoding'], Buffer.concat(chunks)).toString('utf8'))
        } catch (e) {
          reject(e)
        }
      })
      req.on('error', reject)
    })

  /**
   * A compressed body (`Content-Encoding: gzip`, `deflate` or `br`, as server-side SDKs send
   * them, and as RudderStack's and Segment's APIs take them), inflated to the body limit at most:
   * a small bomb would otherwise inflate to gigabytes. Another encoding is refused by name.
   */
  const decode = (encoding: string | undefined, raw: Buffer): Buffer => {
    const how = (encoding || 'identity').trim().toLowerCase()
    if (how == 'identity') return raw
    const inflate = { gzip: gunzipSync, 'x-gzip': gunzipSync, deflate: inflateSync, br: brotliDecompressSync }[how]
    if (!inflate) throw new HttpError(415, `Content-Encoding ${how.slice(0, 40)} is not supported (gzip, deflate, br or none)`)
    try {
      return inflate(raw, { maxOutputLength: limit })
    } catch (e) {
      throw (e as { code?: string }).code == 'ERR_BUFFER_TOO_LARGE' ? new HttpError(413, `body exceeds ${limit} bytes once inflated`) : new HttpError(400, `body is not valid ${how}`)
    }
  }

  const parseJson = (text: string): unknown => {
    let v: unknown
    try {
      v = JSON.parse(text)
    } catch {
      throw new HttpError(400, 'body is not valid JSON')
    }
    if (nestedDeeper(v)) throw new HttpError(400, `body is nested more than ${MAX_NESTING} levels deep`)
    return v
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
    const fresh = valid.filter((e) => accept('native', writeKey, e as Record<string, unknown>) || (duplicates++, false))
    if (relay && fresh.length) relay.forward(writeKey, fresh)
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
    if (!e.originalTimestamp) e.originalTimestamp = new Date(now()).toISOString()
    // a <noscript> or email <img> knows no page: the Referer header says which page loaded it
    // (a Referer that is not a URL, which no browser sends but any client can, is no page)
    const ref = req.headers.referer
    if (type == 'page' && ref && URL.canParse(ref) && !(e.context as Record<string, Record<string, unknown>> | undefined)?.page?.url) {
      const u = new URL(ref)
      e.context = { ...(e.context as object), page: { url: ref, path: u.pathname, search: u.search } }
    }
    const problem = validateEvent(e)
    if (problem) throw new HttpError(400, problem)
    accept('rudderstack-pixel', writeKey, e)
    // an <img> asks for an image: answer one, so a pixel in a page or an email renders nothing
    if (/image\//.test(req.headers.accept || '')) {
      res.writeHead(200, { ...CORS, 'Cache-Control': 'no-store', 'Content-Type': 'image/gif' })
      return void res.end(GIF)
    }
    reply(res, 200, 'OK')
  }

  /** A header key: present and non-empty, and the configured one when there is one. */
  const key = (req: IncomingMessage, header: string, wanted: string | undefined) => {
    const v = req.headers[header]
    const k = typeof v == 'string' ? v.trim() : ''
    if (!k || (wanted && k != wanted)) throw new HttpError(401, `${header} is ${k ? 'not valid' : 'missing'}`, { error: `${header} is ${k ? 'not valid' : 'missing'}` })
    return k
  }

  /** POST /partner/pixel-event: the Envoy Pixel API (seed 000). */
  async function envoy(req: IncomingMessage, res: ServerResponse, ids: string[]) {
    const k = key(req, 'x-api-key', o.envoyApiKey)
    const p = parseEnvoy(parseJson(await readBody(req)))
    if ('error' in p) throw new HttpError(400, p.error, { error: p.error })
    accept('envoy', k, p.ok, ids[0])
    reply(res, 200, { success: true })
  }

  /** POST /api/analytics/identify and /api/analytics/track: the ConveYour Analytics API (seed 001). */
  async function conveyour(req: IncomingMessage, res: ServerResponse, call: 'identify' | 'track', ids: string[]) {
    const k = key(req, 'x-conveyour-appkey', o.conveyourAppKey)
    key(req, 'x-conveyour-token', o.conveyourToken)
    const body = parseJson(await readBody(req))
    if (call == 'identify') {
      const p = parseConveyourIdentify(body)
      if ('error' in p) throw new HttpError(400, p.error, { error: p.error })
      p.ok.forEach((x, i) => accept('conveyour', k, x, ids[i]))
      return reply(res, 200, { success: true, identified: p.ok.length })
    }
    const p = parseConveyourTrack(body)
    if ('error' in p) throw new HttpError(400, p.error, { error: p.error })
    p.ok.events.forEach((x, i) => accept('conveyour', k, x, ids[p.ok.at[i]]))
    reply(res, 200, { success: true, tracked: p.ok.events.length, ...(p.ok.blocked.length && { blocked: p.ok.blocked }) })
  }

  /** POST /event: the events API of seed 004; the user must exist (from an earlier update or login) for any other event. */
  async function eventapi(req: IncomingMessage, res: ServerResponse, ids: string[]) {
    const p = parseEventapi(parseJson(await readBody(req)))
    const fail = (error: { message: string; description: string }) => new HttpError(400, error.message, { errors: [error] })
    if ('error' in p) throw fail(p.error)
    const { user, kind, body } = p.ok
    const id = 'email' in user ? user.email : user._id
    if (kind == 'generic' && !contacts.has(contact('eventapi', undefined, id)))
      throw fail({ message: 'User not found', description: 'The user must exist beforehand: send an update for them first' })
    accept('eventapi', undefined, body, ids[0])
    reply(res, 200, { results: { message: 'Event created', ['email' in user ? 'email' : '_id']: 'Event was created for the specified user' } })
  }

  function events(res: ServerResponse, url: URL) {
    const q = url.searchParams
    const list = store
      .list()
      .filter(
        (r) =>
          (!q.get('writeKey') || r.writeKey == q.get('writeKey')) && (!q.get('format') || r.format == q.get('format')) && (!r.discarded || !!q.get('discarded')),
      )
    reply(res, 200, q.get('meta') ? list : list.map((r) => r.event))
  }

  /** Applies the fault rule of the request's key; true when the request was answered or dropped. */
  async function fault(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const h = req.headers
    const key = url.searchParams.get('writeKey') || basicUser(req) || String(h['x-api-key'] || h['x-conveyour-appkey'] || '') || url.pathname
    const f = faults.pick(key)
    if (!f) return false
    if (f.latency) await new Promise((r) => setTimeout(r, f.latency))
    if ('drop' in f) return req.socket.destroy(), true
    if (!('status' in f)) {
      // the request is handled now, its answer sent `hold` ms later
      const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse
      if ('hold' in f && f.hold) res.end = ((...a: unknown[]) => (setTimeout(() => end(...a), f.hold), res)) as typeof res.end
      return false
    }
    // read the body first: answering mid-upload makes the browser report a network error, not the status
    await readBody(req).catch(() => '')
    reply(res, f.status, 'injected fault', f.retryAfter ? { 'Retry-After': String(f.retryAfter) } : {})
    return true
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL) {
    const key = url.searchParams.get('key') || '*'
    if (req.method == 'DELETE') faults.clear(key)
    else {
      // checked as FAULTS is: a spec taken unread failed every later request of its key (null
      // threw at once; a Retry-After of text could not be sent)
      const spec = parseFaultSpec(await readBody(req))
      if (typeof spec == 'string') return reply(res, 400, `fault spec ${spec}`)
      faults.set(key, spec)
    }
    reply(res, 200, 'OK')
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url || '/', 'http://collector')
    let p = url.pathname
    if (req.method == 'OPTIONS') return reply(res, 204, '')
    if (o.faultControl && p == '/faults' && (req.method == 'POST' || req.method == 'DELETE')) return control(req, res, url)
    // RudderStack's beacon route takes the same batch with the key in the query: a destination
    // pointed at {collector}/beacon works here as against a real data plane
    if (p == '/beacon/v1/batch') p = '/v1/batch'
    const ingest = p == '/v1/batch' || p.startsWith('/pixel/v1/') || p == '/partner/pixel-event' || p.startsWith('/api/analytics/') || p == '/event'
    if (ingest && (await fault(req, res, url))) return
    if (req.method == 'POST' && p == '/v1/batch') return batch(req, res, url)
    // the vendor formats' messageIds, in body order (see snippet/core/formats/vendor.ts)
    const ids = (url.searchParams.get('messageId') || '').split(',').map((x) => x.trim() || undefined) as string[]
    if (req.method == 'POST' && p == '/partner/pixel-event') return envoy(req, res, ids)
    if (req.method == 'POST' && (p == '/api/analytics/identify' || p == '/api/analytics/track')) return conveyour(req, res, p == '/api/analytics/track' ? 'track' : 'identify', ids)
    if (req.method == 'POST' && p == '/event') return eventapi(req, res, ids)
    if (req.method == 'GET' && p == '/contacts') {
      const q = url.searchParams
      const c = contacts.get(contact(q.get('format') || '', q.get('key') || undefined, q.get('id') || ''))
      return c ? reply(res, 200, c) : reply(res, 404, 'no such contact')
    }
    if (req.method == 'GET' && (p == '/pixel/v1/page' || p == '/pixel/v1/track')) return pixel(req, res, url, p == '/pixel/v1/page' ? 'page' : 'track')
    if (req.method == 'GET' && p == '/events') return events(res, url)
    if (req.method == 'GET' && p == '/stats') {
      const k = url.searchParams.get('writeKey') || ''
      return reply(res, 200, { stored: store.list().filter((r) => r.writeKey == k).length, duplicates: store.duplicates(k) })
    }
    if (req.method == 'GET' || req.method == 'HEAD') {
      // (with fixtures) files served late, up to 5 s: /wait/MS/pixel….js, pixel.js and its plugins,
      // for the tests of calls made while a plugin is on its way; /fixtures/…?wait=MS, for the
      // tests of a page whose parsing waits on a slow file
      const pause = (ms: number) => ms > 0 && new Promise((r) => setTimeout(r, Math.min(ms, 5000)))
      const slow = o.fixturesDir && /^\/wait\/(\d+)(\/.*)$/.exec(p)
      if (slow) await pause(+slow[1]), (p = slow[2])
      // (with fixtures) /alone/pixel.js: pixel.js without its plugins beside it (each a 404), for
      // the tests of a plugin that fails to load
      if (o.fixturesDir && p == '/alone/pixel.js') p = '/pixel.js'
      const asks = { held: req.headers['if-none-match'], accept: req.headers['accept-encoding'] }
      if (/^\/(pixel(\.\w+)?\.m?js(\.map)?|esm\/[\w-]+\.mjs|loader\.js|loader\.html)$/.test(p) && serveStatic(res, o.distDir, p, url.searchParams, built, { ...asks, version: o.version })) return
      if (o.fixturesDir && p.startsWith('/fixtures/')) {
        await pause(Number(url.searchParams.get('wait')))
        if (serveStatic(res, o.fixturesDir, p.slice(9), url.searchParams, built, asks)) return
      }
      if (serveStatic(res, o.publicDir, p, url.searchParams, built, asks)) return
    }
    throw new HttpError(404, `no route for ${req.method} ${p}`)
  }

  return {
    store,
    relay,
    handle(req: IncomingMessage, res: ServerResponse) {
      route(req, res).catch((e: unknown) => {
        const status = e instanceof HttpError ? e.status : 500
        if (status == 500) console.error('collector error:', e)
        if (!res.headersSent) reply(res, status, e instanceof HttpError ? e.body || e.message : 'internal error')
        else res.end()
      })
    },
  }
}

function basicUser(req: IncomingMessage): string {
  const m = /^Basic (.+)$/i.exec(req.headers.authorization || '')
  return m ? Buffer.from(m[1], 'base64').toString('utf8').split(':')[0] : ''
}

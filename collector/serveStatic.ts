import { randomBytes } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { CROSS_ORIGIN } from './crossOrigin'
import { pickEncoding, type Encoding } from './pickEncoding'
import type { ServerResponse } from 'node:http'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
}

/** What a request says about the copy a browser holds, and which version of pixel the files are. */
export interface Freshness {
  /** the request's If-None-Match */
  held?: string
  /** the version of the files served (package.json's): a plugin asked for with it never changes */
  version?: string
  /** the request's Accept-Encoding */
  accept?: string
}

/** Types worth compressing (text: scripts, pages, JSON, source maps, SVG), and the least size that is. */
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/
const MIN_COMPRESSED = 1024

/** `body` compressed: at the best settings (the ones build.mjs measures), or faster for a page made per request. */
function squeeze(body: Buffer, encoding: Encoding, best: boolean): Buffer {
  return encoding == 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: best ? 11 : 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: best ? 9 : 6 })
}

/**
 * Each file's compressed forms, made at its first request at the best settings and kept while
 * it is unchanged (its `stamp`, the ETag), so that a browser downloads pixel.js in the bytes its
 * budget states.
 */
const packed = new Map<string, { stamp: string } & Partial<Record<Encoding, Buffer>>>()

function packedFile(file: string, stamp: string, body: Buffer, encoding: Encoding): Buffer {
  let kept = packed.get(file)
  if (!kept || kept.stamp != stamp) packed.set(file, (kept = { stamp }))
  return (kept[encoding] ||= squeeze(body, encoding, true))
}

/**
 * Serves a file below `root`. HTML pages are templates: `{{loader}}` becomes the built loader
 * stub, `{{importmap}}` the built import map of the plugins' integrity, `{{nonce}}` a fresh
 * random nonce, a `<!-- csp: POLICY -->` comment is sent as the page's
 * Content-Security-Policy header, a `<!-- coep: POLICY -->` one as its
 * Cross-Origin-Embedder-Policy, and `{{name}}` the query parameter `name`, kept only if it is a
 * plain token (letters, digits and `_ - . : / + = ,`), so that nothing a URL carries can inject
 * markup into the page.
 * Caching: a file asked for with the version of the files served (`?v=`, as pixel.js asks for its
 * plugins) is kept a year, immutable, so a page loads a plugin from the browser's cache without a
 * round trip; anything else is revalidated at each use, and its ETag makes that a 304 when it has
 * not changed (pixel.js itself: a new version reaches every page at once). HTML, made per
 * request, has no ETag. A plugin asked for with another version (a cached pixel.js of an older
 * release) is served without the year: it is not that version.
 * Text of 1 KB or more is compressed, brotli or gzip as the request's Accept-Encoding allows:
 * pixel.js goes in its brotli size, not its 16 KB.
 */
export function serveStatic(res: ServerResponse, root: string, path: string, query: URLSearchParams, built: (name: string) => string, fresh: Freshness = {}): boolean {
  let file: string
  try {
    file = normalize(join(root, decodeURIComponent(path)))
  } catch {
    return false // a percent-broken path names no file
  }
  if (!file.startsWith(normalize(root) + sep) && file !== normalize(root)) return false
  let target = file
  let stat
  try {
    if (statSync(target).isDirectory()) target = join(target, 'index.html')
    stat = statSync(target)
    if (!stat.isFile()) return false
  } catch {
    return false
  }
  const type = TYPES[extname(target)] || 'application/octet-stream'
  const html = type.startsWith('text/html')
  const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache', ...CROSS_ORIGIN }
  if (!html) {
    if (fresh.version && query.get('v') == fresh.version) headers['Cache-Control'] = 'public, max-age=31536000, immutable'
    headers.ETag = `W/"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`
    if (fresh.held && fresh.held.split(/\s*,\s*/).includes(headers.ETag)) {
      res.writeHead(304, headers)
      res.end()
      return true
    }
  }
  let body: Buffer = readFileSync(target)
  if (html) {
    const nonce = randomBytes(16).toString('base64')
    const page = body.toString('utf8').replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      if (name == 'loader' || name == 'importmap') return built(name)
      if (name == 'nonce') return nonce
      const v = query.get(name) || ''
      return /^[\w.:/+=,-]{0,100}$/.test(v) ? v : ''
    })
    const csp = /<!-- csp: (.*?) -->/.exec(page)
    if (csp) headers['Content-Security-Policy'] = csp[1]
    const coep = /<!-- coep: (.*?) -->/.exec(page)
    if (coep) headers['Cross-Origin-Embedder-Policy'] = coep[1]
    body = Buffer.from(page)
  }
  if (COMPRESSIBLE.test(type) && body.length >= MIN_COMPRESSED) {
    // (caches keep one copy per coding)
    headers.Vary = 'Accept-Encoding'
    const encoding = pickEncoding(fresh.accept)
    if (encoding) {
      body = html ? squeeze(body, encoding, false) : packedFile(target, headers.ETag, body, encoding)
      headers['Content-Encoding'] = encoding
    }
  }
  headers['Content-Length'] = String(body.length)
  res.writeHead(200, headers)
  res.end(body)
  return true
}

import { randomBytes } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
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

/**
 * Serves a file below `root`. HTML pages are templates: `{{loader}}` becomes the built loader
 * stub, `{{nonce}}` a fresh random nonce, a `<!-- csp: POLICY -->` comment is sent as the page's
 * Content-Security-Policy header, and `{{name}}` the query parameter `name`, kept only if it is a plain token (letters,
 * digits and `_ - . : / + = ,`), so that nothing a URL carries can inject markup into the page.
 */
export function serveStatic(res: ServerResponse, root: string, path: string, query: URLSearchParams, loader: () => string): boolean {
  let file: string
  try {
    file = normalize(join(root, decodeURIComponent(path)))
  } catch {
    return false // a percent-broken path names no file
  }
  if (!file.startsWith(normalize(root) + sep) && file !== normalize(root)) return false
  let target = file
  try {
    if (statSync(target).isDirectory()) target = join(target, 'index.html')
    if (!statSync(target).isFile()) return false
  } catch {
    return false
  }
  const type = TYPES[extname(target)] || 'application/octet-stream'
  let body: string | Buffer = readFileSync(target)
  const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*' }
  if (type.startsWith('text/html')) {
    const nonce = randomBytes(16).toString('base64')
    body = body.toString('utf8').replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      if (name == 'loader') return loader()
      if (name == 'nonce') return nonce
      const v = query.get(name) || ''
      return /^[\w.:/+=,-]{0,100}$/.test(v) ? v : ''
    })
    const csp = /<!-- csp: (.*?) -->/.exec(body)
    if (csp) headers['Content-Security-Policy'] = csp[1]
  }
  res.writeHead(200, headers)
  res.end(body)
  return true
}

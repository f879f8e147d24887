// The site the benchmark browses, at an origin of its own: the collector is at another, so the
// trackers' requests are cross-origin as on a real site, and a CORS preflight would show.
// It serves bench/pages (`{{loader}}` is the built stub, `{{collector}}` the collector's origin,
// `{{key}}` the run's write key, from the path /bench/<key>/<page>: a script tag's data-* cannot
// read the fragment, where the peers' pages read it, and a query would be a parameter for pixel
// to cut),
// each peer's page (/bench/<key>/<peer>.html) from the one template peer.html, pixel.js and its
// plugins from dist/, and the peers' bundles.
import { existsSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { PACKAGES, type Peer } from './buildPeers'

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' }

export function serveSite(collector: string, peersDir: string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url || '/', 'http://site').pathname
    const [, dir, key = '', name] = /^\/(bench|peers|)\/?(?:([\w-]+)\/)?([\w-][\w.-]*)$/.exec(path) || []
    const peer = dir == 'bench' && (name || '').replace(/\.html$/, '')
    const file = peer && Object.hasOwn(PACKAGES, peer) ? 'bench/pages/peer.html' : dir == 'bench' ? join('bench/pages', name) : dir == 'peers' ? join(peersDir, name) : /^pixel(\.\w+)?\.js$/.test(name || '') ? join('dist', name) : ''
    if (!file || !existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    let body: string | Buffer = readFileSync(file)
    if (extname(file) == '.html')
      body = body
        .toString()
        .replace('{{loader}}', readFileSync('dist/loader.js', 'utf8'))
        .replace(/\{\{collector\}\}/g, collector)
        .replace(/\{\{key\}\}/g, key)
        .replace(/\{\{peer\}\}/g, peer as string)
        .replace(/\{\{package\}\}/g, PACKAGES[peer as Peer])
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' })
    res.end(body)
  }
}

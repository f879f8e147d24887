import type { WireRequest } from '../core/types'
import { HANDED_OVER } from '../core/retry'

export interface Answer {
  /** HTTP status; 0 a network error; HANDED_OVER when the browser took it with no answer to give. */
  status: number
  /** Seconds from a Retry-After header. */
  retryAfter?: number
  /** The collector's error text, read for 4xx answers only. */
  text?: string
}

/**
 * Chromium and Firefox refuse a keepalive request once the keepalive bodies in flight in this
 * document pass 64 KiB (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch, step 8.10.5);
 * past that budget requests go without keepalive instead of failing.
 */
let inFlight = 0

/**
 * The only code that touches the network. Never throws; resolves with an Answer.
 * - POST: fetch with keepalive (survives navigation) and a text/plain body (no CORS preflight);
 *   sendBeacon when the page is being hidden and the request needs no headers.
 * - GET: an image request (needs only img-src in a CSP, no CORS), or, when the page is being
 *   hidden, a keepalive fetch, because image loads are cancelled when the document goes away.
 */
export function send(req: WireRequest, hidden: boolean): Promise<Answer> {
  return new Promise<Answer>((resolve) => {
    const n = navigator
    if (req.method == 'POST' && hidden && !req.headers && n.sendBeacon) {
      try {
        if (n.sendBeacon(req.url, req.body!)) return resolve({ status: HANDED_OVER })
      } catch {}
    }
    if (req.method == 'GET' && !hidden) return image(req.url, resolve)
    const size = req.body ? req.body.length : 0
    const keepalive = inFlight + size < 60000
    if (keepalive) inFlight += size
    const done = (a: Answer) => {
      if (keepalive) inFlight -= size
      resolve(a)
    }
    try {
      fetch(req.url, { method: req.method, body: req.body, headers: req.headers, keepalive, credentials: 'omit' }).then(
        (r) => {
          const a: Answer = { status: r.status }
          const ra = r.headers.get('Retry-After')
          if (ra) a.retryAfter = +ra || (Date.parse(ra) - Date.now()) / 1000
          if (r.status >= 400 && r.status < 500) r.text().then((t) => done({ ...a, text: t.slice(0, 200) }), () => done(a))
          else done(a)
        },
        () => (req.method == 'GET' ? image(req.url, done) : done({ status: 0 })),
      )
    } catch {
      // no fetch, or one the page broke: GET can still go as an image; a POST waits for a retry
      if (req.method == 'GET') image(req.url, done)
      else done({ status: 0 })
    }
  })
}

/** An image request answers only "loaded" or "failed": failed is retried like a network error. */
function image(url: string, resolve: (a: Answer) => void) {
  const img = new Image()
  img.onload = () => resolve({ status: 200 })
  img.onerror = () => resolve({ status: 0 })
  img.src = url
}

import type { WireRequest } from '../core/types'
import { HANDED_OVER } from '../core/retry'
import { registry } from '../lib/loadPlugin'
import { SEND_TIMEOUT } from '../core/limits'

export interface Answer {
  /** HTTP status; 0 a network error; HANDED_OVER when the browser took it with no answer to give. */
  status: number
  /** Seconds from a Retry-After header. */
  retryAfter?: number
  /** The collector's error text, read for 4xx answers only. */
  text?: string
  /** The URL a POST was redirected to: its answer is not the collector's to that POST (see createSender). */
  to?: string | false
}

/**
 * Keepalive bodies in flight, by our count. Browsers refuse a keepalive request once those of
 * the document pass 64 KiB (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch), and
 * give a request's share back only when its response body has been read to the end
 * (https://github.com/WebKit/WebKit/pull/24517; Chromium does not drain it for us when the
 * answer says Cache-Control: no-store). So every body is read, and our count drops after that.
 */
let inFlight = 0

/**
 * The only code that touches the network. Never throws; resolves with an Answer.
 * - POST: fetch with keepalive (survives navigation) and a text/plain body (no CORS preflight);
 *   sendBeacon when the page is being unloaded and the request needs no headers (the most
 *   reliable send at that moment, though it gives no answer).
 * - GET: an image request (from the `get` plugin), or, when the page is being hidden, a
 *   keepalive fetch, because image loads are cancelled when the document goes away.
 * A send unanswered after SEND_TIMEOUT, and 2 ms more per byte of its body, is a network error (0).
 * No request carries a Referer: on a page whose policy sends the whole URL to other origins
 * (`no-referrer-when-downgrade`, `unsafe-url`), each told the collector the page's address with
 * the parameters pixel cuts from every URL it sends (an email, a reset link's token). (A beacon
 * cannot be told: it follows the page's policy.)
 */
export function send(req: WireRequest, hidden: boolean, unloading: boolean): Promise<Answer> {
  return new Promise<Answer>((resolve) => {
    const n = navigator
    // a request with no URL is an event the format has nothing to send for: done
    if (!req.url) return resolve({ status: 204 })
    if (req.method == 'POST' && unloading && !req.headers && n.sendBeacon) {
      try {
        if (n.sendBeacon(req.url, req.body!)) return resolve({ status: HANDED_OVER })
      } catch {}
    }
    if (req.method == 'GET' && !hidden && registry.image) return registry.image(req.url, (status) => resolve({ status }))
    const size = req.body ? req.body.length : 0
    // (one signal for both tries: a try without keepalive after a timeout fails at once). 2 ms more
    // per byte of body: on a slow uplink (2G's 2.5 KB/s) a round of 100 events, two bodies of
    // 57 KB that share it, never got up in 10 s, and went again and again, 10 events getting
    // through between tries; now a round arrives whole on an uplink of 1 KB/s
    const signal = AbortSignal.timeout && AbortSignal.timeout(SEND_TIMEOUT + 2 * size)
    const go = (keepalive: boolean) => {
      if (keepalive) inFlight += size
      const done = (a: Answer) => {
        if (keepalive) inFlight -= size
        resolve(a)
      }
      fetch(req.url, { method: req.method, body: req.body, headers: req.headers, keepalive, credentials: 'omit', referrerPolicy: 'no-referrer', signal }).then(
        (r) => {
          // Retry-After in seconds (the HTTP-date form is read as none: the backoff still applies)
          const a: Answer = { status: r.status, retryAfter: +r.headers.get('Retry-After')!, to: req.method == 'POST' && r.redirected && r.url }
          r.text().then(
            (t) => done(r.status >= 400 && r.status < 500 ? { ...a, text: t.slice(0, 200) } : a),
            () => done(a),
          )
        },
        // refused before it left: the quota may be used up by other scripts, so once more without
        // keepalive, a task later. At pagehide Chromium rejects every fetch in flight, though a
        // keepalive one goes on and arrives: a copy sent then arrived too, where now the page,
        // unloaded, runs no timer again.
        () => (keepalive && !hidden ? setTimeout(go, 0, false) : done({ status: 0 })),
      )
    }
    try {
      go(inFlight + size < 60000)
    } catch {
      // no fetch, or one the page broke: the events wait for a retry
      resolve({ status: 0 })
    }
  })
}

/** Status a send reports when the browser took the request but can give no answer (sendBeacon). */
export const HANDED_OVER = -1

export const enum Outcome {
  Done,
  Retry,
  Drop,
}

/**
 * What to do after a send: 2xx is done; a network error (0), 408, 429 and 5xx are retried;
 * any other status is the collector refusing the request, which a retry would not change.
 */
export function decide(status: number): Outcome {
  if (status == HANDED_OVER || (status >= 200 && status < 300)) return Outcome.Done
  return status == 0 || status == 408 || status == 429 || status >= 500 ? Outcome.Retry : Outcome.Drop
}

export const BACKOFF_BASE = 1000
export const BACKOFF_CAP = 5 * 60000

/**
 * Milliseconds to wait before attempt `attempt + 1`: exponential from BACKOFF_BASE, capped at
 * BACKOFF_CAP, with "equal jitter" (half fixed, half random) so that many tabs or visitors
 * retrying after one outage do not all return at once. A Retry-After (seconds) is a floor.
 */
export function backoff(attempt: number, random: number, retryAfter?: number): number {
  // 2 ** a large attempt is Infinity, which the cap takes care of
  const exp = Math.min(BACKOFF_CAP, BACKOFF_BASE * 2 ** attempt)
  const ms = exp / 2 + (random * exp) / 2
  return retryAfter && retryAfter > 0 ? Math.max(ms, Math.min(retryAfter * 1000, BACKOFF_CAP * 2)) : ms
}

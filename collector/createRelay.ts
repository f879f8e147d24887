/**
 * The server-side relay: native batches the collector accepted are forwarded to a
 * RudderStack/Segment-compatible data plane (`{upstream}/v1/batch`), authenticated the way
 * those APIs want it from a server (HTTP Basic, the write key as the user name), which no
 * browser should do. Each batch is tried up to `attempts` times, with a growing pause, on a
 * network error, 429 or 5xx; a refusal (other 4xx) is logged and not repeated.
 */
export function createRelay(upstream: string, attempts = 5, pause = 1000, log = (m: string) => console.warn(m)) {
  const url = upstream.replace(/\/+$/, '') + '/v1/batch'
  const inFlight = new Set<Promise<void>>()
  let failed = 0

  async function send(writeKey: string, batch: unknown[]) {
    const body = JSON.stringify({ batch, sentAt: new Date().toISOString() })
    const headers = { 'Content-Type': 'application/json', Authorization: 'Basic ' + Buffer.from(writeKey + ':').toString('base64') }
    for (let i = 0; i < attempts; i++) {
      if (i) await new Promise((r) => setTimeout(r, pause * 2 ** (i - 1)))
      try {
        const r = await fetch(url, { method: 'POST', headers, body })
        await r.text()
        if (r.ok) return
        if (r.status != 429 && r.status < 500) return log(`relay: ${url} refused ${batch.length} event(s) with ${r.status}`), void failed++
      } catch {}
    }
    failed++
    log(`relay: ${url} did not take ${batch.length} event(s) after ${attempts} attempts`)
  }

  return {
    forward(writeKey: string, batch: unknown[]) {
      const p = send(writeKey, batch).finally(() => inFlight.delete(p))
      inFlight.add(p)
    },
    /** Resolves when every forward started so far has ended (tests, shutdown). */
    idle: () => Promise.all([...inFlight]).then(() => undefined),
    failed: () => failed,
  }
}

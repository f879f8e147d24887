import type { Config } from '../core/config'
import { ENCODERS, KEYED } from '../core/formats/index'
import { backoff, decide, Outcome } from '../core/retry'
import type { Destination, Envelope } from '../core/types'
import type { Log } from '../lib/createLog'
import { send } from './send'

interface Entry {
  e: Envelope
  /** attempts so far */
  n: number
  /** earliest time of the next attempt */
  at: number
  /** a send is in flight */
  s?: boolean
}

/**
 * Delivery: one queue per destination, each with its own retry state, so a destination that is
 * down holds back no other. The first send of a page goes at once (the page view arrives within
 * a task of the script running); later events wait flushInterval, or until flushAt are queued.
 * Only one flush runs at a time, and an event is never in two sends at once.
 */
export function createSender(destinations: () => Destination[], config: () => Config, log: Log) {
  const queues: Record<string, { d: Destination; q: Entry[] }> = {}
  let first = true
  let timer: ReturnType<typeof setTimeout>
  let due = Infinity
  let busy: Promise<void> | 0 = 0
  let queued = 0

  const schedule = (ms: number) => {
    if (Date.now() + ms < due) {
      clearTimeout(timer)
      due = Date.now() + ms
      timer = setTimeout(() => {
        due = Infinity
        flush()
      }, ms)
    }
  }

  function add(e: Envelope) {
    for (const d of destinations()) {
      const k = d.format + ' ' + d.endpoint
      ;(queues[k] = queues[k] || { d, q: [] }).d = d
      queues[k].q.push({ e, n: 0, at: 0 })
    }
    schedule(first || ++queued >= config().flushAt ? 0 : config().flushInterval)
  }

  /** Sends what is due; when the page is being hidden, everything not already in flight. */
  function flush(hidden?: boolean): Promise<void> {
    if (busy && !hidden) return busy.then(() => flush())
    if (!hidden && navigator.onLine === false) return Promise.resolve()
    first = false
    queued = 0
    const now = Date.now()
    const sends: Promise<void>[] = []
    for (const k in queues) {
      const queue = queues[k]
      const { d, q } = queue
      if (KEYED[d.format] && !d.writeKey) {
        log.warn(`no writeKey: events for ${d.endpoint} wait until init({writeKey})`)
        continue
      }
      const ready = q.filter((x) => !x.s && (hidden || x.at <= now))
      if (!ready.length) continue
      const requests = ENCODERS[d.format](ready.map((x) => x.e), d, now)
      const covered: Record<string, 1> = {}
      for (const r of requests) for (const id of r.ids) covered[id] = 1
      for (const x of ready) x.s = true
      // events the format makes no request for (identify over the GET pixel) are done
      queue.q = q.filter((x) => !x.s || covered[x.e.messageId])
      for (const r of requests) {
        log.debug(`sending ${r.ids.length} to ${d.format}`, r)
        sends.push(
          send(r, !!hidden).then((a) => {
            const outcome = decide(a.status)
            const mine: Record<string, 1> = {}
            for (const id of r.ids) mine[id] = 1
            queue.q = queue.q.filter((x) => !mine[x.e.messageId] || (outcome == Outcome.Retry && !(x.s = false) && (x.at = Date.now() + backoff(x.n++, Math.random(), a.retryAfter))))
            if (outcome == Outcome.Drop) log.warn(`collector refused ${r.ids.length} event(s) with ${a.status} ${a.text || ''}`)
            else log.debug(`${r.ids.length} ${outcome == Outcome.Retry ? 'failed (' + a.status + '), retrying' : 'delivered'}`)
          }),
        )
      }
    }
    const p: Promise<void> = Promise.all(sends).then(() => {
      if (busy == p) busy = 0
      let next = Infinity
      for (const k in queues) for (const x of queues[k].q) if (!x.s) next = Math.min(next, x.at)
      if (next < Infinity) schedule(Math.max(0, next - Date.now()))
    })
    if (!hidden) busy = p
    return p
  }

  addEventListener('online', () => flush())
  return { add, flush }
}

import type { Config } from '../core/config'
import { byteLength } from '../core/byteLength'
import { OUTBOX, type Outbox } from '../core/createOutbox'
import { ENCODERS, KEYED } from '../core/formats/index'
import { MAX_BODY } from '../core/formats/native'
import { MAX_URL } from '../core/formats/rudderstackPixel'
import { backoff, decide, HANDED_OVER, Outcome } from '../core/retry'
import type { Destination, Envelope, WireRequest } from '../core/types'
import type { Log } from '../lib/createLog'
import type { Answer } from './send'

/** How a flush sends: on schedule (what is due), forced (all waiting, as pixel.flush()), or because the page is hidden or unloading. */
export const enum Mode {
  Due,
  All,
  Hidden,
  Unloading,
}

export interface SenderDeps {
  outbox: Outbox
  destinations: () => Destination[]
  config: () => Config
  log: Log
  /** runs the function under the cross-tab outbox lock, or skips it */
  lock: (fn: () => void) => void
  send: (r: WireRequest, hidden: boolean, unloading: boolean) => Promise<Answer>
  online: () => boolean
}

/** Largest event accepted: one must fit in one request. */
export const MAX_EVENT = MAX_BODY - 100

/**
 * Delivery. Every event goes into the persistent outbox (one queue per destination, each with
 * its own retry state, so a destination that is down holds back no other) and leaves it when
 * acknowledged or dropped for a stated reason. The first send of a page goes at once; later
 * events wait flushInterval, or until flushAt are queued. Only one flush runs at a time, and
 * an event is never in two sends at once. Hidden, the page sends everything not in flight.
 */
export function createSender({ outbox, destinations, config, log, lock, send, online }: SenderDeps) {
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

  /** Takes over what closed or crashed tabs left, then sends it. */
  const adopt = () =>
    lock(() => {
      const n = outbox.adopt()
      if (n) log.debug(`took over ${n} event(s) left by another page`), schedule(0)
    })

  function add(e: Envelope) {
    const j = JSON.stringify(e)
    const size = byteLength(j)
    if (size > MAX_EVENT) return log.warn(`event ${e.event || e.type} is ${size} bytes, over the ${MAX_EVENT}-byte limit of one request; not sent`)
    for (const d of destinations()) outbox.add(d, e, j)
    schedule(first || ++queued >= config().flushAt ? 0 : config().flushInterval)
  }

  function flush(mode = Mode.Due): Promise<void> {
    const hidden = mode >= Mode.Hidden
    if (busy && !hidden) return busy.then(() => flush(mode))
    first = false
    queued = 0
    // written before sending, so a page that dies mid-send leaves its events to the next one
    outbox.persist(mode == Mode.Unloading)
    // offline, nothing is attempted, not even on unload: the events wait in the outbox
    if (!online()) return Promise.resolve()
    const now = Date.now()
    const sends: Promise<void>[] = []
    for (const k in outbox.queues) {
      const q = outbox.queues[k]
      const d = q.d
      if (KEYED[d.format] && !d.writeKey) {
        if (q.x.length && !q.w) log.warn(`no writeKey: events for ${d.endpoint} wait until init({writeKey})`)
        q.w = true
        continue
      }
      const ready = q.x.filter((x) => !x.s)
      if (!ready.length || (mode == Mode.Due && q.at > now)) continue
      const dropped = outbox.takeDropped()
      if (dropped) {
        // the count of events the full outbox dropped rides on the next batch
        ready[0].e.context.droppedEvents = dropped
        ready[0].j = JSON.stringify(ready[0].e)
        log.debug(`outbox full: ${dropped} oldest event(s) dropped`)
      }
      const requests = ENCODERS[d.format](ready.map((x) => x.e), d, now)
      for (const x of ready) x.s = true
      // events the format makes no request for (identify over the GET pixel) are done
      const covered: string[] = []
      for (const r of requests) covered.push(...r.ids)
      outbox.settle(q, ready.filter((x) => covered.indexOf(x.e.messageId) < 0).map((x) => x.e.messageId))
      for (const r of requests) {
        if (r.cut) log.warn(`a pixel URL was over ${MAX_URL} characters: its last ${r.cut} keys were cut`)
        log.debug(`sending ${r.ids.length} to ${d.format}`, r)
        sends.push(
          send(r, hidden, mode == Mode.Unloading).then((a) => {
            // a beacon gives no answer: its events stay in the (closed) segment, marked in flight,
            // until a later page sends them again and the collector confirms (it deduplicates)
            if (a.status == HANDED_OVER) return log.debug(`${r.ids.length} handed to the browser by beacon`)
            const o = decide(a.status)
            outbox.settle(q, r.ids, o == Outcome.Retry ? (n) => Date.now() + backoff(n, Math.random(), a.retryAfter) : undefined)
            if (o == Outcome.Drop) log.warn(`collector refused ${r.ids.length} event(s) with ${a.status} ${a.text || ''}`)
            else log.debug(`${r.ids.length} ${o == Outcome.Retry ? 'failed (' + (a.status || 'network') + '), retrying' : 'delivered'}`)
          }),
        )
      }
    }
    const p: Promise<void> = Promise.all(sends).then(() => {
      if (busy == p) busy = 0
      outbox.persist()
      // the next retry; and while events wait, a heartbeat that keeps this tab's segment its own
      let next = Infinity
      for (const k in outbox.queues) {
        const q = outbox.queues[k]
        if (!q.w && q.x.some((x) => !x.s)) next = Math.min(next, q.at, Date.now() + OUTBOX.lease / 3)
      }
      if (next < Infinity) schedule(Math.max(0, next - Date.now()))
    })
    if (!hidden) busy = p
    return p
  }

  return { add, flush, adopt }
}

import type { Config } from '../core/config'
import { OUTBOX, type Outbox } from '../core/createOutbox'
import { ENCODERS } from '../core/formats/index'
import { byteLength, MAX_BODY } from '../core/formats/native'
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
  send: (r: WireRequest, hidden: boolean, unloading: boolean) => Promise<Answer>
  /** is the page hidden now? */
  hidden: () => boolean
}

/** Largest event accepted: one must fit in one request. */
export const MAX_EVENT = MAX_BODY - 100

/**
 * Events a round sends per destination, unless the page is hidden: a backlog (the collector back
 * after an outage, closed tabs' events) goes in rounds, each at once after the one before, and
 * a collector still down, or blocked, costs each retry one round, not the whole outbox encoded
 * and sent (500 events: 30 ms of a page's script time at each load, measured). While a
 * destination fails (retry state carried over from the page that left its events, too), a
 * round is a probe of ROUND / 10: the first success brings back full rounds. Hidden, a page
 * sends everything, but to a destination that fails one round (a backlog the collector does not
 * take cost each page 22 ms at unload, measured: what is not sent is left to the next page).
 */
export const ROUND = 100

/**
 * Delivery. Every event goes into the persistent outbox (one queue per destination, each with
 * its own retry state, so a destination that is down holds back no other) and leaves it when
 * acknowledged or dropped for a stated reason. The first send of a page goes at once; later
 * events wait flushInterval, or until flushAt are queued; a round sends at most ROUND events per
 * destination, the next round at once after a delivery. Only one flush runs at a time, and
 * an event is never in two sends at once. Hidden, the page sends everything not in flight (one
 * round to a destination that fails), and an event made while it is hidden goes at the end of
 * its task (within the backoff).
 * An encoder may hold events back (no request names them): they wait for a later flush, the
 * next round at once after a delivery to that destination (it may be what they waited for:
 * an identify that gives them a user), else the next event or the heartbeat.
 */
export function createSender({ outbox, destinations, config, log, send, hidden: isHidden }: SenderDeps) {
  let first = true
  /** the page is being unloaded: no timer will run again */
  let gone = false
  let timer: ReturnType<typeof setTimeout>
  let due = Infinity
  let busy: Promise<void> | 0 = 0
  let queued = 0

  const schedule = (ms: number) => {
    if (Date.now() + ms < due) {
      clearTimeout(timer)
      due = Date.now() + ms
      timer = setTimeout(() => ((due = Infinity), flush()), ms)
    }
  }

  function add(e: Envelope) {
    const j = JSON.stringify(e)
    // a UTF-16 unit is at most 3 UTF-8 bytes: only a long event needs measuring
    const size = j.length * 3 > MAX_EVENT ? byteLength(j) : 0
    if (size > MAX_EVENT) return log.warn('big', e.event || e.type, size, MAX_EVENT)
    for (const d of destinations()) outbox.add(d, e, j)
    // an event of the page's last moments (web vitals report on the visibilitychange that follows
    // pagehide) goes at once: no timer runs after unload. One made while the page is hidden (an
    // app's own last events, web vitals on a tab switch) goes at the end of its task, with the
    // others of that task (past the batching, not past a backoff): a hidden page may be frozen
    // or killed before a timer runs (phones do both)
    gone
      ? flush(Mode.Unloading)
      : isHidden()
        ? queueMicrotask(flush)
        : schedule(first || ++queued >= config().flushAt ? 0 : config().flushInterval)
  }

  /** Never throws and never rejects: it runs in timers and event listeners, where an error would reach the page. */
  function flush(mode = Mode.Due): Promise<void> {
    try {
      return attempt(mode)
    } catch (e) {
      log.warn('failed', 'flush', e)
      return Promise.resolve()
    }
  }

  function attempt(mode: Mode): Promise<void> {
    // (any flush of a hidden page is sent as a hidden page's, though one that is due keeps the backoff)
    const hidden = mode >= Mode.Hidden || isHidden()
    // (for good: the visibilitychange that follows pagehide flushes as Hidden)
    if (mode == Mode.Unloading) gone = true
    if (busy && !hidden) return busy.then(() => flush(mode))
    first = false
    queued = 0
    // written before sending, so a page that dies mid-send leaves its events to the next one
    outbox.persist(mode == Mode.Unloading)
    // (tried offline too: navigator.onLine says false on some machines that are online, and a
    // send that fails offline fails at once and waits for its retry)
    const now = Date.now()
    const sends: Promise<void>[] = []
    for (const k of Object.keys(outbox.queues)) {
      const q = outbox.queues[k]
      const { d, x } = q
      const encode = ENCODERS[d.format] as (typeof ENCODERS)[string] | undefined
      // waiting for the plugin that brings the format's encoder
      if ((q.w = !encode)) continue
      const ready: Record<string, (typeof x)[0]> = {}
      for (const y of x) if (!y.s) ready[y.e.messageId] = y
      const events = Object.keys(ready)
        // all of them where the encoder held some back last time (the one that releases them may be
        // past the round); to a failing destination a probe, or one round when hidden; else a
        // round, or all of them when hidden
        .slice(0, q.h ? 1e9 : q.n ? (hidden ? ROUND : ROUND / 10) : hidden ? 1e9 : ROUND)
        .map((id) => ready[id].e)
      if (!events.length || (mode == Mode.Due && q.at > now)) continue
      const dropped = outbox.takeDropped()
      if (dropped) {
        // the count of events the full outbox dropped rides on the next batch
        const carrier = ready[events[0].messageId]
        carrier.e.context.droppedEvents = dropped
        carrier.j = JSON.stringify(carrier.e)
        log.debug('full', dropped)
      }
      let named = 0
      for (const r of encode(events, d, now)) {
        for (const id of r.ids) (ready[id].s = true), named++
        log.debug('send', r.ids.length, d.format, r)
        sends.push(
          // a send that fails in an unforeseen way counts as a network error: retried, never stuck in flight
          send(r, hidden, mode == Mode.Unloading).catch((): Answer => ({ status: 0 })).then((a) => {
            // a beacon gives no answer: its events stay in the (closed) segment, marked in flight,
            // until a later page sends them again and the collector confirms (it deduplicates).
            // (The debug line `send` above is its only trace.)
            if (a.status == HANDED_OVER) return
            // a POST answered after a redirect (an apex domain sent to www, http to https): a 301
            // or 302 makes it a GET without its body, whatever the answer, and every event was
            // lost (a 404 for the GET, and the batch dropped; or a 200). It is tried again, from now
            // on where the redirect went when that is the endpoint's own path elsewhere (a 307 or
            // 308 delivered it there already: the collector keeps one copy)
            const to = a.to
            if (to) {
              const rest = r.url.slice(d.endpoint.length)
              if (to.slice(to.length - rest.length) == rest) q.d = { ...d, endpoint: to.slice(0, to.length - rest.length) }
              log.warn('moved', d.endpoint, to)
            }
            const o = to ? Outcome.Retry : decide(a.status)
            outbox.settle(q, r.ids, o == Outcome.Retry ? (n) => Date.now() + backoff(n, Math.random(), a.retryAfter) : undefined)
            if (o == Outcome.Drop) log.warn('refused', r.ids.length, a.status, a.text)
            else log.debug(o == Outcome.Retry ? 'retry' : 'sent', r.ids.length, a.status)
          }),
        )
      }
      // events the encoder holds back wait for a change (a delivery, a new event), not a retry
      q.h = named < events.length
    }
    // a round that went wrong must not leave `busy` rejected: every later flush waits on it
    const p: Promise<void> = Promise.all(sends).catch((e) => log.warn('failed', 'send', e)).then(() => {
      if (busy == p) busy = 0
      outbox.persist()
      // the next retry; and while events wait, a heartbeat that keeps this tab's segment its own
      let next = Infinity
      for (const k of Object.keys(outbox.queues)) {
        const q = outbox.queues[k]
        if (!q.w && q.x.some((y) => !y.s)) next = Math.min(next, q.h ? Infinity : q.at, Date.now() + OUTBOX.lease / 3)
      }
      if (next < Infinity) schedule(Math.max(0, next - Date.now()))
    })
    if (!hidden) busy = p
    return p
  }

  return { add, flush }
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULTS, type Config } from '../core/config'
import { createOutbox, type KeyValue } from '../core/createOutbox'
import { HANDED_OVER } from '../core/retry'
import { ENCODERS } from '../core/formats/index'
import type { Envelope, WireRequest } from '../core/types'
import type { Log } from '../lib/createLog'
import { createSender, MAX_EVENT, Mode, ROUND } from './createSender'
import type { Answer } from './send'

const dest = { format: 'native', endpoint: 'https://c.example', writeKey: 'W' }
let n = 0
const ev = (props: Record<string, unknown> = {}): Envelope => ({
  type: 'track',
  event: 'e' + n,
  messageId: 'm' + n++,
  anonymousId: 'a',
  channel: 'web',
  originalTimestamp: new Date().toISOString(),
  properties: props as Envelope['properties'],
  context: { library: { name: 'p', version: '1' }, page: { path: '/', url: 'u', referrer: '', title: '', search: '' } },
})

/** A sender over an injected network: `answer` decides each request's answer; requests are recorded. */
function setup(
  opts: { answer?: (r: WireRequest) => Answer | Promise<Answer>; hidden?: () => boolean; kv?: KeyValue; config?: Partial<Config>; dest?: typeof dest } = {},
) {
  const requests: { r: WireRequest; ids: string[]; hidden: boolean; unloading: boolean }[] = []
  const warnings: unknown[][] = []
  const log: Log = { warn: (...a) => void warnings.push(a), debug: () => {} }
  const outbox = createOutbox(opts.kv || null, 'tab', Date.now)
  const config = { ...DEFAULTS, auto: [], destinations: [], endpoint: dest.endpoint, ...opts.config } as Config
  const sender = createSender({
    outbox,
    destinations: () => [opts.dest || dest],
    config: () => config,
    log,
    hidden: opts.hidden || (() => false),
    send: async (r, hidden, unloading) => {
      requests.push({ r, ids: r.ids, hidden, unloading })
      return (opts.answer || (() => ({ status: 200 })))(r)
    },
  })
  const sent = () => requests.flatMap((x) => x.ids)
  const queued = () => Object.values(outbox.queues).flatMap((q) => q.x.map((x) => x.e.messageId))
  return { sender, outbox, requests, sent, queued, warnings }
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('createSender', () => {
  it('sends the first events of a page at once, in one batch', async () => {
    const s = setup()
    const [a, b] = [ev(), ev()]
    s.sender.add(a)
    s.sender.add(b)
    await vi.advanceTimersByTimeAsync(0)
    expect(s.requests.map((x) => x.ids)).toEqual([[a.messageId, b.messageId]])
    expect(s.queued()).toEqual([])
  })

  it('batches later events for flushInterval, or until flushAt are waiting', async () => {
    const s = setup({ config: { flushInterval: 1000, flushAt: 3 } })
    s.sender.add(ev())
    await vi.advanceTimersByTimeAsync(0)
    s.sender.add(ev())
    await vi.advanceTimersByTimeAsync(999)
    expect(s.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(s.requests).toHaveLength(2)
    for (let i = 0; i < 3; i++) s.sender.add(ev())
    await vi.advanceTimersByTimeAsync(0)
    expect(s.requests.map((x) => x.ids.length)).toEqual([1, 1, 3])
  })

  it('retries a failed batch with the queue backed off, then sends everything waiting in one batch', async () => {
    let fail = 2
    // a 10 ms batching interval: only the backoff can hold the later event back for 400 ms
    const s = setup({ answer: () => ({ status: fail-- > 0 ? 503 : 200 }), config: { flushInterval: 10 } })
    const first = ev()
    s.sender.add(first)
    await vi.advanceTimersByTimeAsync(0)
    expect(s.queued()).toEqual([first.messageId])
    const later = ev()
    s.sender.add(later)
    await vi.advanceTimersByTimeAsync(400) // inside the first backoff (500..1000 ms): nothing
    expect(s.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(3000)
    expect(s.requests.map((x) => x.ids)).toEqual([[first.messageId], [first.messageId, later.messageId], [first.messageId, later.messageId]])
    expect(s.queued()).toEqual([])
  })

  it('a backlog goes in rounds of ROUND events, each at once after a delivery; while the collector fails, a retry is a probe of ROUND / 10', async () => {
    let fail = true
    const s = setup({ answer: () => ({ status: fail ? 503 : 200 }) })
    const all = Array.from({ length: 2 * ROUND + 50 }, () => ev())
    for (const e of all) s.outbox.add(dest, e, JSON.stringify(e))
    s.sender.flush()
    await vi.advanceTimersByTimeAsync(0)
    const ids = (from: number, to: number) => all.slice(from, to).map((e) => e.messageId)
    expect(s.sent()).toEqual(ids(0, ROUND))
    await vi.advanceTimersByTimeAsync(4000) // the retries of the first seconds: the same probe each time
    expect(s.requests.length).toBeGreaterThan(1)
    for (const x of s.requests.slice(1)) expect(x.ids).toEqual(ids(0, ROUND / 10))
    const failed = s.requests.length
    fail = false
    await vi.advanceTimersByTimeAsync(60_000) // the next retry (at most 8 s away), then the rest at once in full rounds
    const rest = [ids(0, ROUND / 10), ids(ROUND / 10, ROUND * 1.1), ids(ROUND * 1.1, ROUND * 2.1), ids(ROUND * 2.1, 2 * ROUND + 50)]
    expect(s.requests.slice(failed).map((x) => x.ids)).toEqual(rest)
    expect(s.queued()).toEqual([])
  })

  it('honours Retry-After', async () => {
    let fail = true
    const s = setup({ answer: () => (fail ? ((fail = false), { status: 429, retryAfter: 30 }) : { status: 200 }) })
    s.sender.add(ev())
    await vi.advanceTimersByTimeAsync(29_000)
    expect(s.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1_100)
    expect(s.requests).toHaveLength(2)
  })

  it('drops a batch the collector refuses (4xx), with a warning naming the status and its text', async () => {
    const s = setup({ answer: () => ({ status: 400, text: 'writeKey is required' }) })
    s.sender.add(ev())
    await vi.advanceTimersByTimeAsync(0)
    expect(s.queued()).toEqual([])
    expect(s.warnings).toEqual([['refused', 1, 400, 'writeKey is required']])
  })

  it('a POST answered after a redirect is sent again, whatever the answer: to where it went when that is the endpoint\'s path elsewhere, with a warning', async () => {
    // (a 301 or 302 makes it a GET without its body: a 404 for that GET, or a 200 of a server that answers any GET)
    const s = setup({ answer: (r) => (r.url.startsWith(dest.endpoint) ? { status: 200, to: 'https://www.c.example/v1/batch?writeKey=W' } : { status: 200 }) })
    const e = ev()
    s.sender.add(e)
    await vi.advanceTimersByTimeAsync(0)
    expect(s.queued()).toEqual([e.messageId])
    expect(s.warnings).toEqual([['moved', dest.endpoint, 'https://www.c.example/v1/batch?writeKey=W']])
    await s.sender.flush(Mode.All)
    expect(s.requests.map((x) => x.r.url)).toEqual([dest.endpoint + '/v1/batch?writeKey=W', 'https://www.c.example/v1/batch?writeKey=W'])
    expect(s.queued()).toEqual([])
  })

  it('a redirect elsewhere than the endpoint\'s path (a login page): the events stay, for the endpoint again after the backoff', async () => {
    const s = setup({ answer: () => ({ status: 404, to: 'https://sso.c.example/login' }) })
    const e = ev()
    s.sender.add(e)
    await vi.advanceTimersByTimeAsync(0)
    await s.sender.flush(Mode.All)
    expect(s.requests.map((x) => x.r.url)).toEqual([dest.endpoint + '/v1/batch?writeKey=W', dest.endpoint + '/v1/batch?writeKey=W'])
    expect(s.queued()).toEqual([e.messageId])
  })

  it('never has one event in two sends at once, and flush() waits for the send in flight', async () => {
    let release!: (a: Answer) => void
    const s = setup({ answer: () => new Promise<Answer>((r) => (release = r)) })
    s.sender.add(ev())
    await vi.advanceTimersByTimeAsync(0)
    const forced = s.sender.flush(Mode.All)
    await vi.advanceTimersByTimeAsync(0)
    expect(s.requests).toHaveLength(1)
    release({ status: 200 })
    await forced
    expect(s.requests).toHaveLength(1)
    expect(s.queued()).toEqual([])
  })

  it('offline (a network error at once): the events wait for their retry; a forced flush, as the online event makes, sends them past the backoff', async () => {
    let offline = true
    const s = setup({ answer: () => ({ status: offline ? 0 : 200 }) })
    const e = ev()
    s.sender.add(e)
    await vi.advanceTimersByTimeAsync(0)
    await vi.advanceTimersByTimeAsync(0)
    expect(s.requests).toHaveLength(1)
    expect(s.queued()).toEqual([e.messageId])
    offline = false
    await s.sender.flush()
    expect(s.requests).toHaveLength(1)
    await s.sender.flush(Mode.All)
    expect(s.requests).toHaveLength(2)
    expect(s.queued()).toEqual([])
  })

  it('hidden: everything waiting goes at once, past the backoff; unloading says so to send()', async () => {
    const s = setup({ answer: () => ({ status: 500 }) })
    s.sender.add(ev())
    await vi.advanceTimersByTimeAsync(0)
    await s.sender.flush(Mode.Hidden)
    await s.sender.flush(Mode.Unloading)
    expect(s.requests.map((x) => [x.hidden, x.unloading])).toEqual([
      [false, false],
      [true, false],
      [true, true],
    ])
  })

  it('an event made while the page is hidden goes at the end of its task, with the others of the task, as a hidden page sends: past the batching, not past a backoff', async () => {
    let hidden = false
    let fail = false
    const s = setup({ hidden: () => hidden, answer: () => ({ status: fail ? 503 : 200 }), config: { flushInterval: 60_000 } })
    s.sender.add(ev())
    await vi.advanceTimersByTimeAsync(0)
    hidden = true
    const [a, b] = [ev(), ev()]
    s.sender.add(a)
    s.sender.add(b)
    // no timer: the end of the task
    await Promise.resolve()
    await Promise.resolve()
    expect(s.requests.slice(1).map((x) => [x.ids, x.hidden, x.unloading])).toEqual([[[a.messageId, b.messageId], true, false]])
    // a destination that fails: the next event waits for its retry, in the outbox
    fail = true
    s.sender.add(ev())
    await vi.advanceTimersByTimeAsync(0)
    expect(s.requests).toHaveLength(3)
    const c = ev()
    s.sender.add(c)
    await vi.advanceTimersByTimeAsync(100)
    expect(s.requests).toHaveLength(3)
    expect(s.queued()).toContain(c.messageId)
    // visible again: batched as before
    hidden = fail = false
    await vi.advanceTimersByTimeAsync(60_000)
    s.requests.length = 0
    s.sender.add(ev())
    await vi.advanceTimersByTimeAsync(59_000)
    expect(s.requests).toHaveLength(0)
  })

  it('hidden, a backlog goes whole; to a destination that fails, one round of ROUND, the rest left to the next page', async () => {
    for (const fail of [false, true]) {
      const s = setup({ answer: () => ({ status: fail ? 503 : HANDED_OVER }) })
      const all = Array.from({ length: 3 * ROUND }, () => ev())
      for (const e of all) s.outbox.add(dest, e, JSON.stringify(e))
      if (fail) {
        s.sender.flush()
        await vi.advanceTimersByTimeAsync(0)
        s.requests.length = 0
      }
      await s.sender.flush(Mode.Unloading)
      expect(s.sent()).toEqual(all.slice(0, fail ? ROUND : 3 * ROUND).map((e) => e.messageId))
      expect(s.queued()).toHaveLength(3 * ROUND)
    }
  })

  it('events handed to a beacon stay in the outbox, in flight, for a later page to confirm', async () => {
    const s = setup({ answer: () => ({ status: HANDED_OVER }) })
    const e = ev()
    s.sender.add(e)
    await s.sender.flush(Mode.Unloading)
    expect(s.queued()).toEqual([e.messageId])
    await s.sender.flush(Mode.All)
    expect(s.requests).toHaveLength(1)
  })

  it('refuses an event too large for one request, with a warning', () => {
    const s = setup()
    s.sender.add(ev({ text: 'x'.repeat(MAX_EVENT) }))
    expect(s.queued()).toEqual([])
    expect(s.warnings[0][0]).toBe('big')
  })

  it('waits, unscheduled, while the encoder of a format is not loaded yet', async () => {
    const s = setup()
    s.outbox.add({ ...dest, format: 'not-loaded' }, ev(), '{}')
    await s.sender.flush()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(s.requests).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a send that rejects counts as a network error: the event is retried, not stuck in flight', async () => {
    let calls = 0
    const s = setup({ answer: () => (calls++ == 0 ? Promise.reject(new Error('bug')) : { status: 200 }) })
    s.sender.add(ev())
    await vi.advanceTimersByTimeAsync(0)
    expect(s.queued()).toHaveLength(1)
    s.sender.add(ev())
    await s.sender.flush(Mode.All)
    expect(s.requests.length).toBeGreaterThan(1)
    expect(s.queued()).toEqual([])
  })

  it('flush never throws nor rejects, even when the outbox cannot be written (a circular destination object)', async () => {
    const s = setup({ kv: { getItem: () => null, setItem: () => {}, removeItem: () => {}, key: () => null, length: 0 } })
    s.outbox.add({ ...dest }, ev(), '{}')
    // (a destination made circular after the fact: nothing pixel makes is, but persist() must not take the flush down)
    const d = Object.values(s.outbox.queues)[0].d as unknown as Record<string, unknown>
    d.self = d
    await expect(s.sender.flush()).resolves.toBeUndefined()
    expect(s.warnings[0].slice(0, 2)).toEqual(['failed', 'flush'])
  })

  it('an event added after the unload flush (web vitals on the visibilitychange after pagehide) goes at once by the unload path', async () => {
    const s = setup()
    s.sender.add(ev())
    await s.sender.flush(Mode.Unloading)
    const late = ev()
    s.sender.add(late)
    // no timer runs: the send happened synchronously with add()
    expect(s.requests.map((x) => [x.ids, x.unloading])).toEqual([
      [[expect.any(String)], true],
      [[late.messageId], true],
    ])
  })

  describe('an encoder that holds events back (a vendor format waiting for a contact)', () => {
    // sends the events that have a `contact` property; an event named `gate` goes alone, first
    let calls = 0
    ENCODERS.holding = (events, d) => {
      calls++
      const gate = events.find((e) => e.event == 'gate')
      const go = gate ? [gate] : events.filter((e) => e.properties!.contact)
      return go.map((e) => ({ method: 'POST' as const, url: d.endpoint, body: '', ids: [e.messageId] }))
    }
    const holding = { ...dest, format: 'holding' }

    it('does not spin: held events wait for the heartbeat, not a flush after every round', async () => {
      calls = 0
      const s = setup({ dest: holding })
      s.sender.add(ev())
      await vi.advanceTimersByTimeAsync(10_000)
      expect(s.requests).toEqual([])
      expect(calls).toBeLessThanOrEqual(3)
      expect(s.queued()).toHaveLength(1)
    })

    it('after a delivery, the next round runs at once and sends what the delivery released', async () => {
      const s = setup({ dest: holding })
      const held = ev({ contact: 1 })
      const gate = { ...ev(), event: 'gate' }
      s.sender.add(held)
      s.sender.add(gate)
      await vi.advanceTimersByTimeAsync(1)
      expect(s.requests.map((x) => x.ids)).toEqual([[gate.messageId], [held.messageId]])
      expect(s.queued()).toEqual([])
    })

    it('a round of ROUND events that are all held back does not hide the one past them that releases them', async () => {
      const s = setup({ dest: holding })
      const held = Array.from({ length: ROUND + 10 }, () => ev({ contact: 0 }))
      const gate = { ...ev(), event: 'gate' }
      for (const e of [...held, gate]) s.outbox.add(holding, e, JSON.stringify(e))
      s.sender.flush()
      await vi.advanceTimersByTimeAsync(30_000) // up to the heartbeat
      expect(s.requests.map((x) => x.ids)).toEqual([[gate.messageId]])
    })
  })
})

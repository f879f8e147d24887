import { describe, expect, it } from 'vitest'
import { adoptSegments } from './adoptSegments'
import { BEAT, CLOSED, createOutbox, keysOf, OUTBOX, SEGMENT } from './createOutbox'
import { memoryStorage } from './memoryStorage'
import type { Envelope } from './types'

let clock = Date.UTC(2026, 10, 22)
const now = () => clock
const dest = { format: 'native', endpoint: 'https://c.example', writeKey: 'W' }
const ev = (i: number, t = clock): Envelope => ({
  type: 'track',
  event: 'e' + i,
  messageId: 'm' + i,
  anonymousId: 'a',
  channel: 'web',
  originalTimestamp: new Date(t).toISOString(),
  properties: {},
  context: { library: { name: 'p', version: '1' }, page: { path: '/', url: 'u', referrer: '', title: '', search: '' } },
})
const add = (o: ReturnType<typeof createOutbox>, i: number, t?: number) => {
  const e = ev(i, t)
  o.add(dest, e, JSON.stringify(e))
}
const ids = (o: ReturnType<typeof createOutbox>) => Object.values(o.queues).flatMap((q) => q.x.map((x) => x.e.messageId))

describe('createOutbox', () => {
  it('clear() empties every queue, unsent, and removes every segment and heartbeat, this tab’s and those other tabs left (a consent withdrawn)', () => {
    const kv = memoryStorage()
    const o = createOutbox(kv, 't', now)
    add(o, 1)
    o.add({ ...dest, writeKey: 'other' }, ev(2), JSON.stringify(ev(2)))
    o.persist()
    // a closed tab's segment, left for a page to take over
    const closed = createOutbox(kv, 'c', now)
    add(closed, 3)
    closed.persist(true)
    kv.setItem('pixel.consent', '0')
    kv.setItem('app.own', 'x')
    expect(kv.getItem(SEGMENT + 't')).not.toBeNull()
    o.clear()
    expect(ids(o)).toEqual([])
    const keys = keysOf(kv).sort()
    expect(keys).toEqual(['app.own', 'pixel.consent'])
    // what this tab adds later is written again, alone
    add(o, 4)
    o.persist()
    expect(Object.keys(JSON.parse(kv.getItem(SEGMENT + 't')!).q)).toHaveLength(1)
  })

  it('clear() forgets the count of events dropped before it: no count made before a withdrawal rides on an event allowed after it', () => {
    const kv = memoryStorage()
    const o = createOutbox(kv, 't', now, { ...OUTBOX, max: 2 })
    for (let i = 0; i < 5; i++) add(o, i)
    o.clear()
    add(o, 9)
    o.persist()
    expect(JSON.parse(kv.getItem(SEGMENT + 't')!).dr).toBe(0)
    expect(o.takeDropped()).toBe(0)
  })

  it('keeps at most `max` events per destination, dropping the oldest and counting them once', () => {
    const o = createOutbox(null, 't', now, { ...OUTBOX, max: 5 })
    for (let i = 0; i < 12; i++) add(o, i)
    expect(ids(o)).toEqual(['m7', 'm8', 'm9', 'm10', 'm11'])
    expect(o.takeDropped()).toBe(7)
    expect(o.takeDropped()).toBe(0)
  })

  it('drops the oldest past the byte bound and past the maximum age', () => {
    const o = createOutbox(memoryStorage(), 't', now, { ...OUTBOX, bytes: 3 * JSON.stringify(ev(0)).length + 10 })
    for (let i = 0; i < 6; i++) add(o, i)
    o.persist()
    expect(ids(o)).toEqual(['m3', 'm4', 'm5'])
    const aged = createOutbox(memoryStorage(), 't', now)
    add(aged, 1, clock - OUTBOX.age - 1)
    add(aged, 2, clock - OUTBOX.age + 1000)
    aged.persist()
    expect(ids(aged)).toEqual(['m2'])
    expect(aged.takeDropped()).toBe(1)
  })

  it('settle removes acknowledged events; a failure keeps them and backs the whole queue off once per round', () => {
    const o = createOutbox(null, 't', now)
    for (let i = 0; i < 4; i++) add(o, i)
    const q = Object.values(o.queues)[0]
    o.settle(q, ['m0'])
    o.settle(q, ['m1'], (n) => clock + 1000 * (n + 1))
    o.settle(q, ['m2'], (n) => clock + 1000 * (n + 1)) // same round: no second step back
    expect(q.x.map((x) => x.e.messageId)).toEqual(['m1', 'm2', 'm3'])
    expect([q.n, q.at]).toEqual([1, clock + 1000])
    clock += 1000
    o.settle(q, ['m1'], (n) => clock + 1000 * (n + 1))
    expect([q.n, q.at]).toEqual([2, clock + 2000])
    o.settle(q, ['m1', 'm2'])
    expect(q.n).toBe(0)
    expect(q.x.map((x) => x.e.messageId)).toEqual(['m3'])
  })

  it("persists this tab's segment, and removes it once empty", () => {
    const kv = memoryStorage()
    const o = createOutbox(kv, 'tab1', now)
    add(o, 1)
    o.persist()
    const seg = JSON.parse(kv.getItem(SEGMENT + 'tab1')!)
    expect(seg).toMatchObject({ t: clock, dr: 0 })
    expect(Object.values<any>(seg.q)[0].x.map((x: any) => x.e.messageId)).toEqual(['m1'])
    o.settle(Object.values(o.queues)[0], ['m1'])
    o.persist()
    expect(kv.length).toBe(0)
  })

  it('a closed segment (page unloaded) is adopted at once by another tab, with its drop count, exactly once', () => {
    const kv = memoryStorage()
    const a = createOutbox(kv, 'A', now, { ...OUTBOX, max: 2 })
    for (let i = 0; i < 4; i++) add(a, i, clock - 1000 + i)
    a.persist(true)
    const b = createOutbox(kv, 'B', now)
    add(b, 9)
    expect(adoptSegments(b, kv, 'B', clock)).toBe(2)
    expect(ids(b)).toEqual(['m2', 'm3', 'm9'])
    expect(b.takeDropped()).toBe(2)
    expect(kv.getItem(SEGMENT + 'A')).toBeNull()
    expect(adoptSegments(createOutbox(kv, 'C', now), kv, 'C', clock)).toBe(0)
  })

  it('adopted events bring the retry state of the page that left them: the worse of the two is kept', () => {
    const kv = memoryStorage()
    const a = createOutbox(kv, 'A', now)
    add(a, 1)
    const qa = Object.values(a.queues)[0]
    // three failed rounds (each retry due at once: `at` is now)
    for (let i = 0; i < 3; i++) a.settle(qa, ['m1'], () => clock)
    a.persist(true)
    const b = createOutbox(kv, 'B', now)
    add(b, 2)
    const qb = Object.values(b.queues)[0]
    b.settle(qb, ['m2'], () => clock)
    expect(adoptSegments(b, kv, 'B', clock)).toBe(1)
    expect(qb.n).toBe(3)
    // a page whose own sends failed more keeps its count
    const d = createOutbox(kv, 'D', now)
    add(d, 3)
    const qd = Object.values(d.queues)[0]
    for (let i = 0; i < 5; i++) d.settle(qd, ['m3'], () => clock)
    b.persist(true)
    expect(adoptSegments(d, kv, 'D', clock)).toBe(2)
    expect(qd.n).toBe(5)
  })

  it("adopted events keep their own destination: a page of another write key's events go under that key, not this one's", () => {
    const kv = memoryStorage()
    // a page of the site under another write key, to the same collector (another tenant, a key rotated)
    const other = { ...dest, writeKey: 'OTHER' }
    const a = createOutbox(kv, 'A', now)
    const e = ev(1)
    a.add(other, e, JSON.stringify(e))
    a.persist(true)
    const b = createOutbox(kv, 'B', now)
    add(b, 2)
    expect(adoptSegments(b, kv, 'B', clock)).toBe(1)
    const queues = Object.values(b.queues).map((q) => ({ writeKey: q.d.writeKey, ids: q.x.map((x) => x.e.messageId) }))
    expect(queues).toEqual([
      { writeKey: 'W', ids: ['m2'] },
      { writeKey: 'OTHER', ids: ['m1'] },
    ])
    // and a later event of this page leaves the adopted queue's destination as it was
    add(b, 3)
    expect(Object.values(b.queues).map((q) => q.d.writeKey)).toEqual(['W', 'OTHER'])
  })

  it("a live segment is left alone until its heartbeat is older than the lease, however old the segment's own time", () => {
    const kv = memoryStorage()
    const a = createOutbox(kv, 'A', now)
    add(a, 1)
    a.persist()
    const b = createOutbox(kv, 'B', now)
    expect(adoptSegments(b, kv, 'B', clock)).toBe(0)
    // heartbeats past the lease of the segment's own time
    for (let i = 0; i < 3; i++) {
      clock += OUTBOX.lease / 3
      a.persist()
      expect(adoptSegments(b, kv, 'B', clock)).toBe(0)
    }
    clock += OUTBOX.lease + 1
    expect(adoptSegments(b, kv, 'B', clock)).toBe(1)
    expect(ids(b)).toEqual(['m1'])
    // the segment and its heartbeat are gone
    expect([...kv.map.keys()]).toEqual([])
  })

  it('a heartbeat writes its own key only: the segment is written again when the queues changed, and not for a failed send', () => {
    const kv = memoryStorage()
    const writes: string[] = []
    const setItem = kv.setItem
    kv.setItem = (k, v) => (writes.push(k), setItem(k, v))
    const a = createOutbox(kv, 'A', now)
    for (let i = 0; i < 3; i++) add(a, i)
    a.persist()
    expect(writes).toEqual([BEAT + 'A', SEGMENT + 'A'])
    const segment = kv.getItem(SEGMENT + 'A')
    writes.length = 0
    clock += 5000
    a.persist()
    // a retry keeps the events: nothing to write but the heartbeat
    a.settle(Object.values(a.queues)[0], ['m0'], (n) => clock + 1000 * (n + 1))
    a.persist()
    expect(writes).toEqual([BEAT + 'A', BEAT + 'A'])
    expect(kv.getItem(SEGMENT + 'A')).toBe(segment)
    expect(kv.getItem(BEAT + 'A')).toBe(String(clock))
    // a delivery and a new event each change the segment
    const rewrites = (change: () => void, closing?: boolean) => {
      writes.length = 0
      change()
      a.persist(closing)
      return writes
    }
    expect(rewrites(() => a.settle(Object.values(a.queues)[0], ['m0']))).toEqual([BEAT + 'A', SEGMENT + 'A'])
    expect(rewrites(() => add(a, 3))).toEqual([BEAT + 'A', SEGMENT + 'A'])
    // closing (the page is unloaded) is said by the heartbeat alone, and stays said
    expect(rewrites(() => {}, true)).toEqual([BEAT + 'A'])
    expect(rewrites(() => {})).toEqual([BEAT + 'A'])
    expect(kv.getItem(BEAT + 'A')).toBe(CLOSED)
    expect(ids(a)).toEqual(['m1', 'm2', 'm3'])
    expect(adoptSegments(createOutbox(kv, 'B', now), kv, 'B', clock)).toBe(3)
  })

  it('a tab frozen past the lease gives up what was adopted from it, and keeps what came later', () => {
    const kv = memoryStorage()
    const a = createOutbox(kv, 'A', now)
    add(a, 1)
    a.persist()
    clock += OUTBOX.lease + 1
    const b = createOutbox(kv, 'B', now)
    expect(adoptSegments(b, kv, 'B', clock)).toBe(1)
    add(a, 2) // A wakes up and tracks more
    a.persist()
    expect(ids(a)).toEqual(['m2'])
    expect(ids(b)).toEqual(['m1'])
  })

  it('a page that clears its storage (localStorage.clear() at a logout) loses none of its events: no tab took them within the lease, and they are written again', () => {
    const kv = memoryStorage()
    const a = createOutbox(kv, 'A', now)
    add(a, 1)
    a.persist()
    kv.map.clear()
    clock += OUTBOX.lease - 1
    add(a, 2)
    a.persist()
    expect(ids(a)).toEqual(['m1', 'm2'])
    expect(JSON.parse(kv.getItem(SEGMENT + 'A')!).q[JSON.stringify(dest)].x.map((x: { e: Envelope }) => x.e.messageId)).toEqual(['m1', 'm2'])
    // (its heartbeat too: another tab leaves it alone)
    const b = createOutbox(kv, 'B', now)
    expect(adoptSegments(b, kv, 'B', clock)).toBe(0)
  })

  it('a page closed (unloaded, then restored from the back/forward cache) whose segment is gone gives up what it had written: the next page took it', () => {
    const kv = memoryStorage()
    const a = createOutbox(kv, 'A', now)
    add(a, 1)
    a.persist(true)
    const b = createOutbox(kv, 'B', now)
    expect(adoptSegments(b, kv, 'B', clock)).toBe(1)
    add(a, 2)
    a.persist()
    expect(ids(a)).toEqual(['m2'])
  })

  it('others() tells whether another tab left a segment', () => {
    const kv = memoryStorage()
    const a = createOutbox(kv, 'A', now)
    expect(a.others()).toBe(false)
    add(a, 1)
    a.persist()
    expect(a.others()).toBe(false)
    expect(createOutbox(kv, 'B', now).others()).toBe(true)
  })

  it('adoption merges without duplicates; skips corrupt segments, and in readable ones what the sender could not send', () => {
    const kv = memoryStorage()
    kv.setItem(SEGMENT + 'bad', '{not json')
    kv.setItem(SEGMENT + 'odd', JSON.stringify({ h: 1, q: { k: { d: dest, x: [null, { e: {} }, { e: ev(5) }] } } }))
    // readable, but another version's: an event with no context, a queue with no destination
    const { context, ...bare } = ev(6)
    kv.setItem(SEGMENT + 'other', JSON.stringify({ h: 1, q: { k: { d: dest, x: [{ e: bare }, { e: ev(7) }] }, j: { d: 'native', x: [{ e: ev(8) }] } } }))
    kv.setItem('unrelated', 'kept')
    const b = createOutbox(kv, 'B', now)
    add(b, 5)
    expect(adoptSegments(b, kv, 'B', clock)).toBe(1)
    expect(ids(b)).toEqual(['m7', 'm5'])
    // the entries left out are reported as dropped: null, {}, the one with no context, the one with no destination
    expect(b.takeDropped()).toBe(4)
    expect([...kv.map.keys()]).toEqual(['unrelated'])
  })

  it('keeps working in memory when storage throws', () => {
    const kv = memoryStorage()
    kv.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError')
    }
    const o = createOutbox(kv, 'A', now)
    add(o, 1)
    expect(() => o.persist()).not.toThrow()
    expect(ids(o)).toEqual(['m1'])
    add(o, 2)
    o.persist()
    expect(ids(o)).toEqual(['m1', 'm2'])
  })

  it.each([SEGMENT, BEAT])('storage full for %s: the segment is written whole once there is room; nothing is taken for adopted meanwhile', (refused) => {
    const kv = memoryStorage()
    const setItem = kv.setItem
    let full = true
    const raise = () => {
      throw new DOMException('full', 'QuotaExceededError')
    }
    kv.setItem = (k, v) => (full && k.startsWith(refused) ? raise() : setItem(k, v))
    const o = createOutbox(kv, 'A', now)
    add(o, 1)
    o.persist()
    add(o, 2)
    o.persist()
    full = false
    o.persist()
    expect(ids(o)).toEqual(['m1', 'm2'])
    expect(Object.values<any>(JSON.parse(kv.getItem(SEGMENT + 'A')!).q)[0].x.map((x: any) => x.e.messageId)).toEqual(['m1', 'm2'])
    // delivered: nothing of this tab is left
    o.settle(Object.values(o.queues)[0], ['m1', 'm2'])
    o.persist()
    expect(kv.length).toBe(0)
  })

  it('a heartbeat written before a segment that did not fit goes once the outbox is empty', () => {
    const kv = memoryStorage()
    const setItem = kv.setItem
    kv.setItem = (k, v) => {
      if (k.startsWith(SEGMENT)) throw new DOMException('full', 'QuotaExceededError')
      setItem(k, v)
    }
    const o = createOutbox(kv, 'A', now)
    add(o, 1)
    o.persist()
    expect([...kv.map.keys()]).toEqual([BEAT + 'A'])
    o.settle(Object.values(o.queues)[0], ['m1'])
    o.persist()
    expect(kv.length).toBe(0)
  })
})

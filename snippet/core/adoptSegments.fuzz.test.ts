// Property-based: whatever another tab, another version of pixel or a hand in the devtools left
// under pixel.ob.* in localStorage, adopting it never throws, and what it takes over is events
// the sender can send (an object with a messageId, a type and a context, for a destination with
// a format and an endpoint), so no damaged entry can block a queue.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { adoptSegments } from './adoptSegments'
import { createOutbox, OUTBOX, SEGMENT } from './createOutbox'
import { encodeNative } from './formats/native'
import { memoryStorage } from './memoryStorage'
import type { Envelope } from './types'

const NOW = Date.UTC(2026, 10, 22)
const json = fc.jsonValue({ maxDepth: 2 })
const maybe = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: json })
const envelope = fc.record(
  {
    type: maybe(fc.constantFrom('track', 'page', 'identify')),
    event: maybe(fc.string()),
    messageId: maybe(fc.uuid()),
    anonymousId: maybe(fc.string()),
    originalTimestamp: maybe(fc.constant(new Date(NOW - 1000).toISOString())),
    properties: maybe(fc.dictionary(fc.string(), json)),
    context: maybe(fc.record({ page: maybe(fc.record({ url: fc.string() })) })),
  },
  { requiredKeys: [] },
)
const segment = fc.record(
  {
    t: maybe(fc.constant(NOW - 60_000)),
    h: maybe(fc.constantFrom(0, 1)),
    dr: maybe(fc.nat(5)),
    q: maybe(fc.dictionary(fc.string(), maybe(fc.record({ d: maybe(fc.record({ format: maybe(fc.constant('native')), endpoint: maybe(fc.constant('https://c.example')), writeKey: fc.string() })), x: maybe(fc.array(maybe(fc.record({ e: maybe(envelope) })), { maxLength: 4 })) })), { maxKeys: 3 })),
  },
  { requiredKeys: [] },
)

describe('adoptSegments, fuzzed', () => {
  it('never throws; takes over only sendable events; removes every segment but live ones', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(segment.map((s) => JSON.stringify(s)), fc.string()), { maxLength: 4 }), (segments) => {
        const map = new Map(segments.map((s, i) => [SEGMENT + i, s]))
        const outbox = createOutbox(memoryStorage(map), 'me', () => NOW)
        adoptSegments(outbox, memoryStorage(map), 'me', NOW)
        // a live one (its heartbeat within the lease, not closed) stays its tab's
        const live = (s: string) => {
          try {
            const v = JSON.parse(s)
            return !v.h && NOW - v.t < OUTBOX.lease
          } catch {
            return false
          }
        }
        expect([...map.keys()]).toEqual(segments.flatMap((s, i) => (live(s) ? [SEGMENT + i] : [])))
        for (const q of Object.values(outbox.queues)) {
          expect(typeof q.d.format).toBe('string')
          expect(typeof q.d.endpoint).toBe('string')
          for (const { e } of q.x) {
            expect(typeof e.messageId).toBe('string')
            expect(typeof e.type).toBe('string')
            expect(e.context && typeof e.context).toBe('object')
          }
          encodeNative(q.x.map((x) => x.e as Envelope), q.d, NOW)
        }
      })
    )
  })
})

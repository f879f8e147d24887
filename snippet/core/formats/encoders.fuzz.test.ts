// Property-based: whatever JSON an event carries (any string, half surrogate pairs included,
// any key, deep values), no encoder throws. One that threw would leave its event in the outbox
// for good, holding back every later event of that destination (the sender retries it at
// every flush). Every request names only events it was given, and carries valid JSON or a URL.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Destination, Envelope, Json, WireRequest } from '../types'
import { encodeConveyour } from './conveyour'
import { encodeEnvoy } from './envoy'
import { encodeEventapi } from './eventapi'
import { encodeNative } from './native'
import { encodeRudderstackPixel } from './rudderstackPixel'

/** Strings of any UTF-16 code units, lone surrogates included (text cut inside an emoji). */
const text = fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))) })
const json: fc.Arbitrary<Json> = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('obj'), tie('arr')),
  obj: fc.dictionary(text, tie('any'), { maxKeys: 5 }),
  arr: fc.array(tie('any'), { maxLength: 4 }),
})).any as fc.Arbitrary<Json>
const props = fc.dictionary(text, json, { maxKeys: 20 })

const envelope: fc.Arbitrary<Envelope> = fc
  .record({
    type: fc.constantFrom('track', 'page', 'identify'),
    name: text,
    properties: props,
    traits: props,
    userId: fc.option(text, { nil: undefined }),
    anonymousId: fc.constantFrom('anon-1', 'anon-2'),
    title: text,
    attribution: fc.option(fc.record({ source: text, sharerUserId: fc.option(text, { nil: undefined }) }), { nil: undefined }),
  })
  .map((r, i = Math.random()) => {
    const e: Envelope = {
      type: r.type as Envelope['type'],
      messageId: 'm' + i,
      anonymousId: r.anonymousId,
      channel: 'web',
      originalTimestamp: '2026-11-22T00:00:00.000Z',
      context: { library: { name: 'pixel-snippet', version: '0' }, page: { path: '/', url: 'https://shop.example/', referrer: '', title: r.title, search: '' }, attribution: r.attribution, traits: r.traits },
    } as Envelope
    if (r.userId) e.userId = r.userId
    if (r.type == 'identify') e.traits = r.traits
    else (e.properties = r.properties), r.type == 'track' ? (e.event = r.name) : (e.name = r.name)
    return e
  })

const d: Destination = { format: 'x', endpoint: 'https://c.example', writeKey: 'WK', apiKey: 'A', appKey: 'B', token: 'T', post: true }
const who = (e: Envelope) => ({ id: e.userId, email: (e.traits || (e.context.traits as Record<string, string>) || {}).email as string | undefined })
const ENCODERS: Record<string, (events: Envelope[]) => WireRequest[]> = {
  native: (x) => encodeNative(x, d, 0),
  'rudderstack-pixel': (x) => encodeRudderstackPixel(x, d, 0, encodeNative),
  'rudderstack-pixel, GET only': (x) => encodeRudderstackPixel(x, { ...d, post: false }, 0, encodeNative),
  envoy: (x) => encodeEnvoy(x, d),
  conveyour: (x) => encodeConveyour(x, d, who, () => {}),
  eventapi: (x) => encodeEventapi(x, d, who, () => {}),
}

describe('every encoder, fuzzed', () => {
  for (const [name, encode] of Object.entries(ENCODERS))
    it(`${name}: never throws; its requests name only the events given, with a JSON body or a URL`, () => {
      fc.assert(
        fc.property(fc.array(envelope, { minLength: 1, maxLength: 5 }), (events) => {
          events.forEach((e, i) => (e.messageId = 'm' + i))
          const given = new Set(events.map((e) => e.messageId))
          for (const r of encode(events)) {
            for (const id of r.ids) expect(given.has(id)).toBe(true)
            if (r.body != null) JSON.parse(r.body)
            if (r.url) expect(new URL(r.url).origin).toBe(d.endpoint)
          }
        })
      )
    })
})

// Property-based: whatever a page passes as properties, the sanitizer never throws, and what it
// returns serializes and survives a JSON round trip unchanged (so the event that carries it can
// always be sent and stored).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_BODY } from './limits'
import { MAX_STRING, toJson, toProps } from './toJson'

/** Values JSON cannot hold as they are, mixed into arbitrary structures. */
const odd = fc.oneof(
  fc.constant(undefined),
  fc.constant(NaN),
  fc.constant(Infinity),
  fc.constant(() => 1),
  fc.constant(Symbol('s')),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.string({ minLength: MAX_STRING - 2, maxLength: MAX_STRING + 50 }),
  fc.constant(new Map<unknown, unknown>([['k', 1], [2, { x: 1 }]])),
  fc.constant(new Set([1, 'a', {}])),
  fc.constant(Object.defineProperty({}, 'boom', { enumerable: true, get: () => { throw new Error('getter') } })),
  fc.constant({ toJSON: () => { throw new Error('toJSON') }, kept: 1 }),
  fc.constant(new (class Point { constructor(readonly x = 1) {} })()),
)
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), odd, tie('obj'), tie('arr')),
  obj: fc.dictionary(fc.string(), tie('any'), { maxKeys: 6 }),
  arr: fc.array(tie('any'), { maxLength: 6 }),
})).any

/** Adds circular references: an object that holds itself, and a list inside it that holds it. */
const circular = (v: unknown) => {
  if (v && typeof v == 'object' && !Object.isFrozen(v)) {
    try {
      ;(v as Record<string, unknown>).self = v
      ;(v as Record<string, unknown>).list = [v, { back: v }]
    } catch {}
  }
  return v
}

describe('toJson, fuzzed', () => {
  it('never throws, and its output serializes and round-trips', () => {
    fc.assert(
      fc.property(value, fc.boolean(), (v, loop) => {
        const out = toJson(loop ? circular(v) : v)
        if (out === undefined) return
        const text = JSON.stringify(out)
        expect(typeof text).toBe('string')
        expect(JSON.parse(text)).toEqual(out)
      })
    )
  })

  it('toProps always gives a plain object of JSON values', () => {
    fc.assert(
      fc.property(value, (v) => {
        const out = toProps(circular(v))
        expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
        expect(JSON.parse(JSON.stringify(out))).toEqual(out)
      })
    )
  })

  it('a JSON value under the request limit is copied whole; one over it stays over it (its event is refused, not sent cut)', () => {
    // lists of records from small to over the limit (of 200 cases, about a fifth each side of
    // 40 to 60 KB, and a fifth over)
    const text = fc.string({ maxLength: MAX_STRING / 4, unit: 'grapheme', size: 'max' })
    const record = fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 40, size: 'max' })), { maxKeys: 8, size: 'max' })
    fc.assert(
      fc.property(fc.array(record, { maxLength: 200, size: 'max' }), (list) => {
        const size = JSON.stringify(list).length
        const out = toJson({ list })
        if (size < MAX_BODY - 20) expect(out).toEqual(JSON.parse(JSON.stringify({ list })))
        else expect(JSON.stringify(out).length).toBeGreaterThan(MAX_BODY)
      }),
      { numRuns: 200 },
    )
  })
})

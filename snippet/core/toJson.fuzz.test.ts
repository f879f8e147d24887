// Property-based: whatever a page passes as properties, the sanitizer never throws, and what it
// returns serializes and survives a JSON round trip unchanged (so the event that carries it can
// always be sent and stored).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
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
})

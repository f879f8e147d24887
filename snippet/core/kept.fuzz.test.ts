// Property-based: what pixel keeps in the visitor's storage (pixel.attr, pixel.rules) may be
// anything when it is read back: written by another version, damaged, or edited by hand. The
// pure functions that read it never throw on it (a throw there would lose every event of every
// page until the storage is cleared), and what they keep again is well-formed.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attribute, attributionContext, type Attribution } from './attribution'
import { applyRules } from './eventRules'

const NOW = Date.UTC(2026, 10, 22)
const DAY = 864e5
const json = fc.jsonValue({ maxDepth: 3 })
const maybe = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: json })
const at = fc.oneof(fc.integer({ min: NOW - 40 * DAY, max: NOW + DAY }), fc.constantFrom(1e20, -1e20, 8.64e15 + 1), fc.double())
const touch = maybe(fc.record({ source: maybe(fc.string()), sharerUserId: maybe(fc.string()), campaign: maybe(fc.dictionary(fc.string(), fc.string())), at: maybe(at), url: maybe(fc.string()) }, { requiredKeys: [] }))
const attribution = maybe(fc.record({ src: maybe(fc.array(touch, { maxLength: 3 })), utm: maybe(fc.array(touch, { maxLength: 3 })) }, { requiredKeys: [] }))
const landing = fc.record({ source: fc.option(fc.string({ minLength: 1 }), { nil: undefined }), ids: fc.record({ sharerUserId: fc.option(fc.string(), { nil: undefined }) }), campaign: fc.option(fc.dictionary(fc.string(), fc.string(), { minKeys: 1 }), { nil: undefined }) })

describe('kept state, fuzzed', () => {
  it('attribute: any kept attribution gives well-formed touches (a valid time in the window), and a context', () => {
    fc.assert(
      fc.property(attribution, landing, fc.boolean(), (kept, l, want) => {
        const a = attribute(kept as Attribution, l, '/here', NOW, 30, (s) => !want || s == 'Envoy')
        for (const k of ['src', 'utm'] as const)
          for (const t of a[k] || []) {
            expect(+new Date(t.at)).toBeGreaterThan(NOW - 30 * DAY)
          }
        JSON.stringify(attributionContext(a, 'u'))
      })
    )
  })

  it('applyRules: any kept rule state, and the call still gets a verdict', () => {
    const state = maybe(fc.record({ orders: maybe(fc.array(maybe(fc.string()), { maxLength: 3 })), last: maybe(fc.dictionary(fc.constantFrom('emailOpen', 'x'), maybe(at))) }, { requiredKeys: [] }))
    fc.assert(
      fc.property(state, fc.constantFrom('confirmation', 'emailOpen', 'update', 'other'), json, (kept, name, props) => {
        const r = applyRules(name, props as Record<string, unknown>, NOW, { purchases: ['confirmation'], limits: [{ event: 'emailOpen', ms: 60_000 }] }, () => kept as never, () => kept as never)
        expect(typeof r.drop).toBe('string')
        if (r.state) expect(Array.isArray(r.state.orders) && typeof r.state.last).toBe('object')
      })
    )
  })
})

// Property-based: whatever a page passes to init() (or writes in data-* attributes, or serves as
// a data-config file), the pure functions that read options never throw, and what they give
// back is usable: an http(s) endpoint, a known transport, destinations with a known format and
// an http(s) endpoint, definitions and limits of the right shape, a URL cutter that works.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULTS, IDENTITY, parseConfig } from './config'
import { parseLimits } from './eventRules'
import { parseDefinitions, TRIGGERS } from './parseDefinitions'
import { FORMATS, resolveDestinations } from './resolveDestinations'
import { urlCutter } from './urlCutter'

const json = fc.jsonValue({ maxDepth: 3 })
const value = fc.oneof(json, fc.string(), fc.constantFrom('', ' ', 'true', '0', '-1', '1e9', 'javascript:alert(1)', '//x', 'http://a b', 'https://c.example/x/'))
const keys = [...Object.keys(DEFAULTS), ...Object.keys(IDENTITY), 'format', 'apiKey', 'destinations', 'events', 'limits']
// (a key no string can be made of, {toString: false}, makes the init() fail, with a message: e2e/badInput.spec.ts)
const destination = fc.record({ format: fc.oneof(fc.constantFrom(...FORMATS), value), endpoint: fc.oneof(value, fc.constant(undefined)), writeKey: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)) }, { requiredKeys: [] })
const raw = fc.record(Object.fromEntries(keys.map((k) => [k, k == 'destinations' ? fc.oneof(fc.array(fc.oneof(destination, value), { maxLength: 3 }), value) : value])), { requiredKeys: [] })
const definition = fc.record({ event: value, trigger: fc.oneof(fc.constantFrom(...TRIGGERS), value), selector: value, depth: value, when: fc.oneof(value, fc.record({ path: value, query: value, utm: value, referrer: value, source: value }, { requiredKeys: [] })), properties: value }, { requiredKeys: [] })

describe('options, fuzzed', () => {
  it('parseConfig and resolveDestinations: any options give a usable config and destinations', () => {
    fc.assert(
      fc.property(raw, fc.boolean(), (r, canPost) => {
        const c = parseConfig(r as Record<string, unknown>, 'https://site.example', () => {})
        expect(c.endpoint).toMatch(/^https?:\/\/[^/]/)
        expect(['post', 'get', 'auto']).toContain(c.transport)
        for (const k of ['flushInterval', 'flushAt', 'maxProperties'] as const) expect(c[k]).toBeGreaterThanOrEqual(0)
        for (const d of resolveDestinations(c, canPost, () => {})) {
          expect(FORMATS).toContain(d.format)
          expect(d.endpoint).toMatch(/^https?:\/\/[^/]/)
          expect(typeof d.writeKey).toBe('string')
        }
        expect(typeof urlCutter(r as Record<string, unknown>)('https://site.example/?email=a%40b.co&x=1#y')).toBe('string')
      })
    )
  })

  it('parseDefinitions and parseLimits: any list keeps only definitions and limits of the right shape', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.oneof(definition, value), { maxLength: 4 }), value), fc.oneof(fc.array(fc.record({ event: value, oncePer: fc.oneof(value, fc.constantFrom('20m', '1.5h', '3 d')) }, { requiredKeys: [] })), value), (list, limits) => {
        for (const d of parseDefinitions(list, () => {})) {
          expect(typeof d.event).toBe('string')
          expect(TRIGGERS).toContain(d.trigger)
        }
        for (const l of parseLimits(limits, () => {})) {
          expect(typeof l.event).toBe('string')
          expect(l.ms).toBeGreaterThanOrEqual(0)
        }
      })
    )
  })
})

import { describe, expect, it } from 'vitest'
import { MESSAGES } from './messages'

describe('MESSAGES', () => {
  it('every message is one line of text, whatever its values', () => {
    for (const [code, f] of Object.entries(MESSAGES)) {
      for (const args of [[], ['x', 1, 2], [null, undefined, {}], [{ type: 'track', event: 'e' }]]) {
        const text = f(...args)
        expect(typeof text, code).toBe('string')
        expect(text, code).not.toMatch(/\n/)
        expect(text.length, code).toBeGreaterThan(2)
      }
    }
  })

  it('a value the page gave that cannot be made a string (a null-prototype object, a Symbol) still gives the line', () => {
    const odd = [Object.create(null), [Object.create(null)], Symbol('s')]
    for (const v of odd) {
      expect(MESSAGES.option('auto', v, 'pageview')).toMatch(/^option auto=.* is invalid; using "pageview"$/)
      expect(MESSAGES.format(v)).toMatch(/^destination format .* is unknown/)
      expect(MESSAGES.endpoint('envoy', v)).toMatch(/^destination envoy: endpoint .* is not an http\(s\) URL/)
      expect(MESSAGES.config(v, 'x')).toMatch(/^data-config .* was not loaded/)
      expect(MESSAGES.failed('track', v)).toMatch(/^track\(\) failed: /)
    }
  })

  it('says what is wrong and what happens', () => {
    expect(MESSAGES.option('transport', 'pigeon', 'auto')).toBe('option transport=pigeon is invalid; using "auto"')
    expect(MESSAGES.name('track() event name')).toBe('track() event name must be a non-empty string of at most 200 characters')
    expect(MESSAGES.refused(3, 400, 'writeKey is required')).toBe('collector refused 3 event(s) with 400 writeKey is required')
    expect(MESSAGES.event({ type: 'page' })).toBe('page')
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import { stringify } from './stringify'

const a = Array.prototype as { toJSON?: () => string }
afterEach(() => delete a.toJSON)

describe('stringify', () => {
  it('is JSON.stringify', () => expect(stringify({ a: [1, { b: 'c' }] })).toBe('{"a":[1,{"b":"c"}]}'))

  it('lists stay lists on a page that put toJSON on Array.prototype (old Prototype.js), which is given back', () => {
    const toJSON = function (this: unknown[]) {
      return '[' + this.join(', ') + ']'
    }
    a.toJSON = toJSON
    expect(JSON.stringify({ l: [1, 2] })).toBe('{"l":"[1, 2]"}')
    expect(stringify({ l: [1, 2] })).toBe('{"l":[1,2]}')
    expect(a.toJSON).toBe(toJSON)
  })

  it('gives the page its toJSON back even when serializing throws', () => {
    const toJSON = () => 'x'
    a.toJSON = toJSON
    const bad = { get boom() { throw new Error('getter') } }
    expect(() => stringify(bad)).toThrow('getter')
    expect(a.toJSON).toBe(toJSON)
  })
})

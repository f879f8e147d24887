import { describe, expect, it } from 'vitest'
import { nestedDeeper } from './nestedDeeper'

const nest = (n: number) => JSON.parse('['.repeat(n) + ']'.repeat(n))

describe('nestedDeeper', () => {
  it('counts the levels of objects and lists, not of values', () => {
    expect(nestedDeeper({ a: { b: [1, 'x', null] } }, 3)).toBe(false)
    expect(nestedDeeper({ a: { b: [{}] } }, 3)).toBe(true)
    expect(nestedDeeper('a', 0)).toBe(false)
  })
  it('reads a million brackets without recursion', () => {
    expect(nestedDeeper(nest(1_000_000))).toBe(true)
    expect(nestedDeeper(nest(64))).toBe(false)
    expect(nestedDeeper(nest(65))).toBe(true)
  })
})

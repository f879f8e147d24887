import { describe, expect, it } from 'vitest'
import { applyTraits } from './applyTraits'

describe('applyTraits (seed 001 list and counter updates)', () => {
  it('applies the seed’s identify to a stored contact: values set, tags added and removed, counter incremented', () => {
    const stored = { first_name: 'Old', tags: ['tag1', 'tag3'], counter: 5 }
    const traits = { first_name: 'Stephen', last_name: 'Rhyne', career_sales: 500000, tags: { remove: ['tag1'], add: ['tag2'] }, counter: { $inc: 2 } }
    expect(applyTraits(stored, traits)).toEqual({ first_name: 'Stephen', last_name: 'Rhyne', career_sales: 500000, tags: ['tag3', 'tag2'], counter: 7 })
    expect(stored.counter).toBe(5)
  })

  it('starts a missing list empty and a missing counter at 0, and adds no duplicates', () => {
    expect(applyTraits({}, { tags: { add: ['a', 'a'] }, counter: { $inc: 1 } })).toEqual({ tags: ['a'], counter: 1 })
  })

  it('an object that is not an operation is a value', () => {
    expect(applyTraits({}, { address: { city: 'Lyon' }, x: { $inc: 1, other: 2 } })).toEqual({ address: { city: 'Lyon' }, x: { $inc: 1, other: 2 } })
  })
})

import { webcrypto } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { uuid } from './uuid'

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('uuid', () => {
  it('makes v4 UUIDs from getRandomValues, with a correct version and variant', () => {
    let calls = 0
    const c = { getRandomValues: (a: Uint8Array) => (calls++, webcrypto.getRandomValues(a)) } as unknown as Crypto
    const ids = Array.from({ length: 2000 }, () => uuid(c))
    for (const id of ids) expect(id).toMatch(V4)
    expect(new Set(ids).size).toBe(ids.length)
    // one call per 16 UUIDs (the first may come from bytes drawn before)
    expect(calls).toBeGreaterThanOrEqual(2000 / 16 - 1)
    expect(calls).toBeLessThanOrEqual(2000 / 16 + 1)
    // every variant digit and every hex digit shows up: the bits are really random
    expect(new Set(ids.map((id) => id[19]))).toEqual(new Set(['8', '9', 'a', 'b']))
    expect(new Set(ids.join('').replace(/-/g, '')).size).toBe(16)
  })

  it('uses each random byte once: two UUIDs never share their bytes', () => {
    let n = 0
    // a counter for randomness: each byte drawn is distinct until it wraps, so overlap would show
    const c = { getRandomValues: (a: Uint8Array) => a.forEach((_, i) => (a[i] = n++ & 255)) } as unknown as Crypto
    const a = uuid(c).replace(/-/g, '')
    const b = uuid(c).replace(/-/g, '')
    expect(a.slice(0, 8)).not.toBe(b.slice(0, 8))
  })
})

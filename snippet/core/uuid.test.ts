import { webcrypto } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { uuid } from './uuid'

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('uuid', () => {
  it('uses randomUUID where the platform has it', () => {
    expect(uuid({ randomUUID: () => 'native' } as unknown as Crypto)).toBe('native')
  })

  it('falls back to getRandomValues (insecure contexts) with a correct version and variant', () => {
    const c = { getRandomValues: (a: Uint8Array) => webcrypto.getRandomValues(a) } as unknown as Crypto
    const ids = Array.from({ length: 2000 }, () => uuid(c))
    for (const id of ids) expect(id).toMatch(V4)
    expect(new Set(ids).size).toBe(ids.length)
    // every variant digit and every hex digit shows up: the bits are really random
    expect(new Set(ids.map((id) => id[19]))).toEqual(new Set(['8', '9', 'a', 'b']))
    expect(new Set(ids.join('').replace(/-/g, '')).size).toBe(16)
  })
})

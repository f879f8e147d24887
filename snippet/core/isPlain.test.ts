import { describe, expect, it } from 'vitest'
import { isPlain } from './isPlain'
import { MAX_DEPTH, MAX_STRING } from './limits'

describe('isPlain', () => {
  it('plain JSON data is plain', () => {
    for (const v of [null, true, 0, -1.5, '', 'x'.repeat(MAX_STRING), undefined, {}, [], { a: [1, { b: 'c' }], d: null, e: undefined }]) expect(isPlain(v), String(v)).toBe(true)
  })

  it('what JSON.stringify would not copy faithfully is not', () => {
    const circular: Record<string, unknown> = {}
    circular.self = circular
    let deep: unknown = 1
    for (let i = 0; i <= MAX_DEPTH; i++) deep = { deep }
    const throwing = Object.defineProperty({}, 'bad', { enumerable: true, get: () => { throw new Error('boom') } })
    for (const v of [NaN, Infinity, 'x'.repeat(MAX_STRING + 1), BigInt(1), Symbol('s'), () => 1, new Date(0), new Map(), new Set(), circular, deep, throwing, { d: new Date(0) }])
      expect(isPlain(v), String(typeof v)).toBe(false)
  })

  it('a graph without a cycle whose every object links to all those of the next level is not plain, and is not walked down every path', () => {
    // 7 levels of 12 objects: 84 objects, 12^7 paths from the root to the leaves
    let reads = 0
    let level: Record<string, unknown>[] = Array.from({ length: 12 }, (_, i) => ({ leaf: i }))
    for (let l = 0; l < 6; l++) {
      const below = level
      level = Array.from({ length: 12 }, () => {
        const o = {}
        below.forEach((b, j) => Object.defineProperty(o, 'c' + j, { enumerable: true, get: () => (reads++, b) }))
        return o
      })
    }
    expect(isPlain({ root: level[0] })).toBe(false)
    expect(reads).toBeLessThanOrEqual(5000)
  })

  it('plain data of up to 5,000 values is plain', () => {
    expect(isPlain({ list: new Array(4998).fill(1) })).toBe(true)
    expect(isPlain({ list: new Array(4999).fill(1) })).toBe(false)
  })
})

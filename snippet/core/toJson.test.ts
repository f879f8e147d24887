import { describe, expect, it } from 'vitest'
import { MAX_BODY } from './limits'
import { MAX_DEPTH, MAX_STRING, toJson, toProps } from './toJson'

describe('toJson', () => {
  it('keeps JSON values as they are', () => {
    const v = { s: 'a', n: 1.5, b: false, z: null, a: [1, 'x', { y: true }] }
    expect(toJson(v)).toEqual(v)
  })

  it('documented outcomes for values JSON cannot hold', () => {
    const circular: Record<string, unknown> = { a: 1 }
    circular.self = circular
    const throwing = Object.defineProperty({ ok: 1 }, 'bad', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    const out = toJson({
      circular,
      fn: () => 1,
      sym: Symbol('s'),
      undef: undefined,
      big: BigInt(12),
      nan: NaN,
      inf: -Infinity,
      date: new Date(Date.UTC(2026, 10, 22)),
      badDate: new Date('nope'),
      map: new Map<unknown, unknown>([['k', 1], [2, 'two']]),
      set: new Set([1, 1, 2]),
      node: { nodeType: 1, nodeName: 'BUTTON' },
      throwing,
      list: [undefined, () => 1],
    })
    expect(out).toEqual({
      circular: { a: 1, self: '[circular]' },
      big: '12',
      nan: null,
      inf: null,
      date: '2026-11-22T00:00:00.000Z',
      badDate: null,
      map: { k: 1, '2': 'two' },
      set: [1, 2],
      node: '[button]',
      throwing: { ok: 1, bad: '[error]' },
      list: [null, null],
    })
    expect(() => JSON.stringify(out)).not.toThrow()
  })

  it('cuts long strings and deep nesting at the documented limits', () => {
    expect(toJson('x'.repeat(MAX_STRING + 5))).toBe('x'.repeat(MAX_STRING) + '…')
    let deep: unknown = 'bottom'
    for (let i = 0; i < MAX_DEPTH + 3; i++) deep = { d: deep }
    let out = toJson(deep) as Record<string, unknown>
    for (let i = 0; i < MAX_DEPTH; i++) out = out.d as Record<string, unknown>
    expect(out).toBe('[depth]')
  })

  it('an object whose toJSON throws is kept as its own fields, and the rest is kept', () => {
    const bad = {
      id: 7,
      toJSON() {
        throw new Error('boom')
      },
    }
    expect(toJson({ ok: 1, bad, list: [1, bad] })).toEqual({ ok: 1, bad: { id: 7 }, list: [1, { id: 7 }] })
    expect(toProps({ ok: 1, nested: { bad } })).toEqual({ ok: 1, nested: { bad: { id: 7 } } })
  })

  it('an object graph a whole app hangs from (each object reached along many paths) is walked only until the copy is too large to send', () => {
    // 300 objects of 12 links each: every path is walked, up to the depth limit (12^7 of them)
    let reads = 0
    const nodes = Array.from({ length: 300 }, (_, i) => ({ id: i }) as Record<string, unknown>)
    for (const n of nodes)
      for (let k = 0; k < 12; k++) {
        const to = nodes[((n.id as number) * 31 + k * 17 + 7) % 300]
        Object.defineProperty(n, 'p' + k, { enumerable: true, get: () => (reads++, to) })
      }
    const out = toJson({ store: nodes[0] })
    // (each read adds at least 2 bytes to the copy: a copy of 60 KB takes at most 30,000)
    expect(reads).toBeLessThan(MAX_BODY / 2)
    // too large to send: the event is refused, as one over the limit is
    expect(JSON.stringify(out).length).toBeGreaterThan(MAX_BODY)
  })

  it('a value whose JSON is under the request limit is copied whole, though it has many values', () => {
    const zeros = new Array(29_000).fill(0)
    expect(JSON.stringify(zeros).length).toBeLessThan(MAX_BODY)
    expect(toJson({ zeros })).toEqual({ zeros })
    // (as close under the limit as 100-character values go)
    const wide: Record<string, string> = {}
    for (let i = 0; JSON.stringify(wide).length < MAX_BODY - 120; i++) wide['key' + i] = 'x'.repeat(100)
    expect(JSON.stringify(wide).length).toBeLessThan(MAX_BODY)
    expect(toJson(wide)).toEqual(wide)
    const nested = Array.from({ length: 2_400 }, (_, i) => ({ i, tags: ['a'] }))
    expect(JSON.stringify(nested).length).toBeLessThan(MAX_BODY)
    expect(toJson(nested)).toEqual(nested)
    // a getter that throws after 50 KB of values: they are copied again, key by key, whole
    const throwsLast = { ...wide, bad: 1 }
    for (const k of Object.keys(wide).slice(60)) delete (throwsLast as Record<string, unknown>)[k]
    Object.defineProperty(throwsLast, 'bad', { enumerable: true, get: () => { throw new Error('boom') } })
    const big = { list: nested.slice(0, 2_000), last: throwsLast }
    expect(toJson(big)).toEqual({ list: nested.slice(0, 2_000), last: { ...Object.fromEntries(Object.entries(wide).slice(0, 60)), bad: '[error]' } })
  })

  it('repeated (not circular) references are kept', () => {
    const shared = { x: 1 }
    expect(toJson({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } })
  })

  it('ignores a toJSON the page put on Array.prototype', () => {
    ;(Array.prototype as any).toJSON = () => 'hijacked'
    try {
      expect(toJson({ a: [1, 2] })).toEqual({ a: [1, 2] })
    } finally {
      delete (Array.prototype as any).toJSON
    }
  })
})

describe('toProps', () => {
  it.each([[null], [undefined], ['str'], [42], [[1, 2]], [() => 1]])('%p gives {}', (v) => expect(toProps(v)).toEqual({}))
  it('copies an object', () => expect(toProps({ a: 1 })).toEqual({ a: 1 }))

  it('a key named __proto__ stays an own property and never becomes the prototype', () => {
    const v = JSON.parse('{"__proto__": [1], "ok": 1}')
    for (const out of [toProps(v), toProps({ ...v, bad: { toJSON: () => { throw 0 } } }), toJson({ ...v, bad: { toJSON: () => { throw 0 } } }) as object]) {
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
      expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true)
    }
  })
})

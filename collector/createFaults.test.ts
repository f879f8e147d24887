import { describe, expect, it } from 'vitest'
import { createFaults } from './createFaults'

describe('createFaults', () => {
  it('no rule, no fault; a key rule wins over the * rule', () => {
    const f = createFaults(undefined, () => 0)
    expect(f.pick('k')).toBeUndefined()
    f.set('*', { errorRate: 1 })
    f.set('k', { latency: 50 })
    expect(f.pick('k')).toEqual({ latency: 50 })
    expect(f.pick('other')).toMatchObject({ status: 500 })
    f.clear('k')
    expect(f.pick('k')).toMatchObject({ status: 500 })
  })

  it('hold: the answer held, the request handled', () => {
    const f = createFaults(undefined, () => 0.5)
    f.set('k', { hold: 80 })
    expect(f.pick('k')).toEqual({ latency: 0, hold: 80 })
  })

  it('errorRate answers 500 or 503 when the draw falls under it, and nothing otherwise', () => {
    let seq: number[] = []
    const f = createFaults({ errorRate: 0.3 }, () => seq.shift()!)
    // draws: drop?, 429?, error?, which status
    seq = [0.9, 0.9, 0.1, 0.2]
    expect(f.pick('k')).toEqual({ status: 500, latency: 0 })
    seq = [0.9, 0.9, 0.29, 0.7]
    expect(f.pick('k')).toEqual({ status: 503, latency: 0 })
    seq = [0.9, 0.9, 0.31]
    expect(f.pick('k')).toBeUndefined()
  })

  it('down for a period drops every connection, then recovers', () => {
    let t = 1000
    const f = createFaults(undefined, () => 0.99, () => t)
    f.set('k', { downFor: 5000 })
    expect(f.pick('k')).toEqual({ drop: true, latency: 0 })
    t += 5001
    expect(f.pick('k')).toBeUndefined()
  })

  it('429 carries Retry-After', () => {
    const f = createFaults({ rate429: 1, retryAfter: 3 }, () => 0.5)
    expect(f.pick('x')).toEqual({ status: 429, retryAfter: 3, latency: 0 })
  })

  it('rates hold over many draws', () => {
    const f = createFaults({ errorRate: 0.3 })
    let errors = 0
    for (let i = 0; i < 20000; i++) if (f.pick('k')) errors++
    expect(errors / 20000).toBeGreaterThan(0.27)
    expect(errors / 20000).toBeLessThan(0.33)
  })
})

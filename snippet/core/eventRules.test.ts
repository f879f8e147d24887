import { describe, expect, it } from 'vitest'
import { applyRules, MAX_ORDERS, parseLimits, PURCHASE_EVENTS, type RuleState } from './eventRules'

const o = { purchases: PURCHASE_EVENTS.split(','), limits: parseLimits([{ event: 'emailOpen', oncePer: '20m' }], () => {}) }
const fresh = (): RuleState => ({ orders: [], last: {} })

describe('applyRules (seed 004 on the client)', () => {
  it('a second confirmation with an orderId already sent is discarded, of any purchase name; others pass', () => {
    const s = fresh()
    expect(applyRules('completesPurchase', { orderId: 'A-1' }, 0, o, s, {}).drop).toBe('')
    expect(applyRules('confirmation', { orderId: 'A-1' }, 0, o, s, {}).drop).toBe('duplicate orderId A-1')
    expect(applyRules('completesPurchase', { orderId: 'A-2' }, 0, o, s, {}).drop).toBe('')
    expect(applyRules('completesPurchase', {}, 0, o, s, {}).drop).toBe('')
    expect(applyRules('addToCart', { orderId: 'A-1' }, 0, o, s, {}).drop).toBe('')
    expect(s.orders).toEqual(['A-1', 'A-2'])
  })

  it('keeps the last orderIds only', () => {
    const s = fresh()
    for (let i = 0; i <= MAX_ORDERS; i++) applyRules('completesPurchase', { orderId: i }, 0, o, s, {})
    expect(s.orders).toHaveLength(MAX_ORDERS)
    expect(applyRules('completesPurchase', { orderId: 0 }, 0, o, s, {}).drop).toBe('')
  })

  it('a rate limit lets one event through per period', () => {
    const s = fresh()
    const at = (t: number) => applyRules('emailOpen', {}, t * 60_000, o, s, {}).drop
    expect([at(0), at(5), at(19.9), at(20), at(25), at(41)]).toEqual(['', expect.stringMatching(/rate limit/), expect.stringMatching(/rate limit/), '', expect.stringMatching(/rate limit/), ''])
  })

  it('update and login merge their properties into the kept traits, without list operations or counters', () => {
    const r = applyRules('update', { plan: 'pro', tags: { add: ['x'] } }, 0, o, fresh(), { email: 'a@b.c', plan: 'free' })
    expect(r).toEqual({ drop: '', traits: '{"email":"a@b.c","plan":"pro"}' })
    expect(applyRules('login', { email: 'n@b.c' }, 0, o, fresh(), {}).traits).toBe('{"email":"n@b.c"}')
    expect(applyRules('other', { plan: 'pro' }, 0, o, fresh(), {}).traits).toBeUndefined()
  })

  it('parseLimits: valid ones kept, the rest reported', () => {
    const bad: unknown[] = []
    expect(parseLimits([{ event: 'a', oncePer: '30s' }, { event: 'b', oncePer: '1.5h' }, { event: 'c', oncePer: 'often' }, null, { oncePer: '1d' }], (x) => bad.push(x))).toEqual([
      { event: 'a', ms: 30_000 },
      { event: 'b', ms: 5_400_000 },
    ])
    expect(bad).toHaveLength(3)
    expect(parseLimits('emailOpen', (x) => bad.push(x))).toEqual([])
  })
})

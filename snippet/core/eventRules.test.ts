import { describe, expect, it } from 'vitest'
import { applyRules, MAX_ORDERS, parseLimits, PURCHASE_EVENTS, RULED, type RuleState } from './eventRules'

const o = { purchases: PURCHASE_EVENTS.split(','), limits: parseLimits([{ event: 'emailOpen', oncePer: '20m' }], () => {}) }
/** The kept state of one browser across calls, as the rules plugin keeps it. */
const browser = (s: RuleState = { orders: [], last: {} }) => {
  const b = {
    s,
    apply: (name: string, props: Record<string, unknown>, now = 0, traits: Record<string, unknown> = {}) => {
      const r = applyRules(name, props, now, o, () => b.s, () => traits)
      if (r.state) b.s = r.state
      return r
    },
  }
  return b
}

describe('applyRules (seed 004 on the client)', () => {
  it('a second confirmation with an orderId already sent is discarded, of any purchase name; others pass', () => {
    const b = browser()
    expect(b.apply('completesPurchase', { orderId: 'A-1' }).drop).toBe('')
    expect(b.apply('confirmation', { orderId: 'A-1' }).drop).toBe('duplicate orderId A-1')
    expect(b.apply('completesPurchase', { orderId: 'A-2' }).drop).toBe('')
    expect(b.apply('completesPurchase', {}).drop).toBe('')
    expect(b.apply('addToCart', { orderId: 'A-1' }).drop).toBe('')
    expect(b.s.orders).toEqual(['A-1', 'A-2'])
  })

  it('keeps the last orderIds only', () => {
    const b = browser()
    for (let i = 0; i <= MAX_ORDERS; i++) b.apply('completesPurchase', { orderId: i })
    expect(b.s.orders).toHaveLength(MAX_ORDERS)
    expect(b.apply('completesPurchase', { orderId: 0 }).drop).toBe('')
  })

  it('a rate limit lets one event through per period', () => {
    const b = browser()
    const at = (t: number) => b.apply('emailOpen', {}, t * 60_000).drop
    expect([at(0), at(5), at(19.9), at(20), at(25), at(41)]).toEqual(['', expect.stringMatching(/rate limit/), expect.stringMatching(/rate limit/), '', expect.stringMatching(/rate limit/), ''])
  })

  it('update and login merge their properties into the kept traits, without list operations or counters', () => {
    const r = browser().apply('update', { plan: 'pro', tags: { add: ['x'] } }, 0, { email: 'a@b.c', plan: 'free' })
    expect(r).toEqual({ drop: '', traits: '{"email":"a@b.c","plan":"pro"}' })
    expect(browser().apply('login', { email: 'n@b.c' }).traits).toBe('{"email":"n@b.c"}')
    expect(browser().apply('other', { plan: 'pro' }).traits).toBeUndefined()
  })

  it('parseLimits: valid ones kept, the rest reported', () => {
    const bad: unknown[] = []
    const odd = { event: 'd', oncePer: [{ toString: false }] }
    expect(parseLimits([{ event: 'a', oncePer: '30s' }, { event: 'b', oncePer: '1.5h' }, { event: 'c', oncePer: 'often' }, null, { oncePer: '1d' }, odd], (x) => bad.push(x))).toEqual([
      { event: 'a', ms: 30_000 },
      { event: 'b', ms: 5_400_000 },
    ])
    expect(bad).toHaveLength(4)
    expect(parseLimits('emailOpen', (x) => bad.push(x))).toEqual([])
  })

  it('reads the kept state and traits only for a call they concern, and gives a new state only when it changes', () => {
    let reads = 0
    const count = <T>(v: T) => () => (reads++, v)
    const r = applyRules('pageScrolled', { orderId: 'x' }, 0, o, count({ orders: [], last: {} }), count({}))
    expect([r, reads]).toEqual([{ drop: '', state: undefined, traits: undefined }, 0])
  })
})

describe('RULED', () => {
  it('names exactly the default purchases, update and login: the calls that load the rules plugin', () => {
    const names = [...PURCHASE_EVENTS.split(','), 'update', 'login']
    for (const n of names) expect(RULED.test(n)).toBe(true)
    // an event the default rules leave alone: its name merely contains one
    for (const n of ['emailOpen', 'Order Completed!', 'xlogin', 'updated', 'confirmation ', '']) expect(RULED.test(n)).toBe(false)
    // and no rule applies to a name it does not take
    for (const n of ['emailOpen', 'updated', 'pageview']) expect(applyRules(n, { orderId: 'A' }, 0, { purchases: PURCHASE_EVENTS.split(','), limits: [] }, () => undefined, () => ({}))).toEqual({ drop: '', state: undefined, traits: undefined })
  })
})

import { describe, expect, it } from 'vitest'
import { backoff, BACKOFF_BASE, BACKOFF_CAP, decide, HANDED_OVER, Outcome } from './retry'

describe('decide', () => {
  it.each([
    [200, Outcome.Done],
    [204, Outcome.Done],
    [HANDED_OVER, Outcome.Done],
    [0, Outcome.Retry],
    [408, Outcome.Retry],
    [429, Outcome.Retry],
    [500, Outcome.Retry],
    [503, Outcome.Retry],
    [400, Outcome.Drop],
    [401, Outcome.Drop],
    [404, Outcome.Drop],
    [413, Outcome.Drop],
    [302, Outcome.Drop],
  ])('status %i → %i', (status, outcome) => expect(decide(status)).toBe(outcome))
})

describe('backoff', () => {
  it('doubles from the base, with jitter between half and all of it', () => {
    expect(backoff(0, 0)).toBe(BACKOFF_BASE / 2)
    expect(backoff(0, 1)).toBe(BACKOFF_BASE)
    expect(backoff(3, 0)).toBe((BACKOFF_BASE * 8) / 2)
    expect(backoff(3, 1)).toBe(BACKOFF_BASE * 8)
  })

  it('is capped', () => {
    expect(backoff(40, 1)).toBe(BACKOFF_CAP)
    expect(backoff(1e9, 0.5)).toBeLessThanOrEqual(BACKOFF_CAP)
  })

  it('waits at least as long as Retry-After says (capped at twice the backoff cap)', () => {
    expect(backoff(0, 0, 30)).toBe(30_000)
    expect(backoff(10, 1, 1)).toBe(Math.min(BACKOFF_CAP, BACKOFF_BASE * 1024))
    expect(backoff(0, 0, 1e9)).toBe(BACKOFF_CAP * 2)
  })
})

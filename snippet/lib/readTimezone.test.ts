import { afterEach, describe, expect, it } from 'vitest'
import { readTimezone } from './readPage'

describe('readTimezone', () => {
  afterEach(() => {
    delete (globalThis as any).Temporal
  })

  it('reads the IANA name from Temporal where there is one', () => {
    ;(globalThis as any).Temporal = { Now: { timeZoneId: () => 'Europe/Paris' } }
    expect(readTimezone()).toBe('Europe/Paris')
  })

  it('falls back to Intl without Temporal, or with a broken one', () => {
    const intl = Intl.DateTimeFormat().resolvedOptions().timeZone
    expect(readTimezone()).toBe(intl)
    ;(globalThis as any).Temporal = {}
    expect(readTimezone()).toBe(intl)
  })
})

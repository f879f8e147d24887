import { describe, expect, it } from 'vitest'
import { CONSENT, consentState } from './consentState'

describe('consentState', () => {
  it('granted by default; pending or denied as configured', () => {
    expect(consentState(CONSENT, null, {})).toEqual({ state: 'granted' })
    expect(consentState({ ...CONSENT, consent: 'pending' }, null, {})).toEqual({ state: 'pending' })
    expect(consentState({ ...CONSENT, consent: 'denied' }, null, {})).toEqual({ state: 'denied' })
    expect(consentState({ ...CONSENT, consent: 'whatever' }, null, {})).toEqual({ state: 'granted' })
  })

  it('the visitor’s kept choice wins over the configured default', () => {
    expect(consentState({ ...CONSENT, consent: 'pending' }, '1', {}).state).toBe('granted')
    expect(consentState(CONSENT, '0', {}).state).toBe('denied')
  })

  it('GPC and DNT count only when honoured, and win over a choice', () => {
    expect(consentState(CONSENT, '1', { gpc: true, dnt: '1' }).signal).toBeUndefined()
    expect(consentState({ ...CONSENT, honorGpc: true }, '1', { gpc: true }).signal).toBe('gpc')
    expect(consentState({ ...CONSENT, honorGpc: true }, null, { gpc: false }).signal).toBeUndefined()
    expect(consentState({ ...CONSENT, honorDnt: true }, null, { dnt: '1' }).signal).toBe('dnt')
    expect(consentState({ ...CONSENT, honorDnt: true }, null, { dnt: 'unspecified' }).signal).toBeUndefined()
  })
})

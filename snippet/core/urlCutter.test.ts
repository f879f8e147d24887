import { describe, expect, it } from 'vitest'
import { MAX_URL_SENT } from './limits'
import { urlCutter } from './urlCutter'

describe('urlCutter', () => {
  it('cuts the identification parameters and the default deny list, keeps the rest', () => {
    expect(urlCutter({})('https://s.example/p?sharerUserId=4&utm_source=x&email=a%40b.c&token=t#k')).toBe('https://s.example/p?utm_source=x#k')
  })
  it('follows idParams and denyParams from the options, and stays silent about bad ones', () => {
    const cut = urlCutter({ idParams: 'cid:contactId,broken', denyParams: 'secret' })
    expect(cut('/p?cid=9&secret=s&token=t&keep=1')).toBe('/p?token=t&keep=1')
  })
  it('cuts what is past MAX_URL_SENT once the parameters are out: a long token goes first, not the pairs after it', () => {
    const cut = urlCutter({})
    expect(cut('https://s.example/p?token=' + 't'.repeat(MAX_URL_SENT) + '&plan=pro')).toBe('https://s.example/p?plan=pro')
    expect(cut('https://s.example/p?plan=pro&state=' + 's'.repeat(MAX_URL_SENT))).toBe('https://s.example/p?plan=pro')
  })
})

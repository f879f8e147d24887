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
  it('cuts a name of which a denied word is a part (a reset link\'s reset_token, an OAuth accessToken, an api-key), not a name that merely contains one', () => {
    const cut = urlCutter({})
    expect(cut('https://s.example/reset?reset_token=r1&accessToken=a1&id-token=i1&api-KEY=k1&SESSION_ID=s1&keyword=shoes&author=jo&plan=pro')).toBe(
      'https://s.example/reset?keyword=shoes&author=jo&plan=pro',
    )
    // and the page's own list the same way; a name with a separator is denied whole too
    expect(urlCutter({ denyParams: 'ref,x-custom' })('/p?ref=1&partnerRef=2&x-custom=3&reference=4')).toBe('/p?reference=4')
  })
  it('cuts what is past MAX_URL_SENT once the parameters are out: a long token goes first, not the pairs after it', () => {
    const cut = urlCutter({})
    expect(cut('https://s.example/p?token=' + 't'.repeat(MAX_URL_SENT) + '&plan=pro')).toBe('https://s.example/p?plan=pro')
    expect(cut('https://s.example/p?plan=pro&state=' + 's'.repeat(MAX_URL_SENT))).toBe('https://s.example/p?plan=pro')
  })
})

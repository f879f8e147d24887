import { describe, expect, it } from 'vitest'
import { urlCutter } from './urlCutter'

describe('urlCutter', () => {
  it('cuts the identification parameters and the default deny list, keeps the rest', () => {
    expect(urlCutter({})('https://s.example/p?sharerUserId=4&utm_source=x&email=a%40b.c&token=t#k')).toBe('https://s.example/p?utm_source=x#k')
  })
  it('follows idParams and denyParams from the options, and stays silent about bad ones', () => {
    const cut = urlCutter({ idParams: 'cid:contactId,broken', denyParams: 'secret' })
    expect(cut('/p?cid=9&secret=s&token=t&keep=1')).toBe('/p?token=t&keep=1')
  })
})

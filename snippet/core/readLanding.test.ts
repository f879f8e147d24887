import { describe, expect, it } from 'vitest'
import { paramNames } from './paramNames'
import { MAX_PARAM, readLanding } from './readLanding'
import { stripParams } from './stripParams'

const { ids, secret } = paramNames({ idParams: 'cid:contactId', denyParams: 'email,token,password,auth,key,session' }, () => {})
const read = (url: string) => {
  const bad: string[] = []
  return { ...readLanding(url, ids, (n) => bad.push(n)), bad }
}

describe('readLanding', () => {
  // real-world landing URLs, including every bad input of issue 3
  const table: [string, string, Record<string, unknown>][] = [
    ['Envoy share link', 'https://s.example/gift?source=Envoy&sharerUserId=12&utm_campaign=christmas', { source: 'Envoy', ids: { sharerUserId: '12' }, campaign: { name: 'christmas' }, bad: [] }],
    ['all UTM tags and click ids', '/?utm_source=news&utm_medium=email&utm_campaign=xmas&utm_term=gift&utm_content=top&gclid=G1&fbclid=F1&msclkid=M1', { ids: {}, campaign: { source: 'news', medium: 'email', name: 'xmas', term: 'gift', content: 'top', gclid: 'G1', fbclid: 'F1', msclkid: 'M1' }, bad: [] }],
    // (Google Ads' landings on iOS carry gbraid or wbraid, not gclid: was not kept)
    ['the other click ids', '/?gbraid=GB&wbraid=WB&dclid=D&ttclid=T&li_fat_id=L&twclid=X', { ids: {}, campaign: { gbraid: 'GB', wbraid: 'WB', dclid: 'D', ttclid: 'T', li_fat_id: 'L', twclid: 'X' }, bad: [] }],
    ['email link (SendPulse)', '/p?email=jill%40example.com&contactId=c-9', { ids: { email: 'jill@example.com', contactId: 'c-9' }, bad: [] }],
    ['configured name (cid)', '/p?cid=777', { ids: { contactId: '777' }, bad: [] }],
    ['hash query (#/route?…)', '/app#/welcome?userId=u1&utm_medium=email', { ids: { userId: 'u1' }, campaign: { medium: 'email' }, bad: [] }],
    ['hash as query (#a=b)', '/p#email=a%40b.c', { ids: { email: 'a@b.c' }, bad: [] }],
    ['hash as query, a ? in a value (#a=b&next=/p?c=d)', '/p#email=a%40b.c&next=/q?userId=u1', { ids: { email: 'a@b.c' }, bad: [] }],
    ['names in any case', '/p?SOURCE=envoy&UserID=7', { source: 'envoy', ids: { userId: '7' }, bad: [] }],
    ['repeated: the first wins', '/p?userId=1&userId=2', { ids: { userId: '1' }, bad: [] }],
    ['empty and bare values ignored', '/p?userId=&email&source=', { ids: {}, bad: [] }],
    ['plus is a space, trimmed', '/p?utm_campaign=+summer+sale+', { ids: {}, campaign: { name: 'summer sale' }, bad: [] }],
    ['percent-broken value ignored', '/p?userId=%E0%A4%A&source=Envoy', { source: 'Envoy', ids: {}, bad: ['userid'] }],
    ['non-UTF-8 value ignored', '/p?email=%FF%FE@x.y', { ids: {}, bad: ['email'] }],
    ['control characters ignored', '/p?userId=a%00b', { ids: {}, bad: ['userid'] }],
    ['not an email', '/p?email=nobody', { ids: {}, bad: ['email'] }],
    // a merge tag that does not encode its value leaves a plus address's + as it is: in a query
    // it would read as a space, and no email holds one (was: ignored, with the param warning)
    ['a plus address not encoded', '/p?email=jill+news@example.com&source=news+letter', { ids: { email: 'jill+news@example.com' }, source: 'news letter', bad: [] }],
    ['a plus address encoded', '/p?email=jill%2Bnews%40example.com', { ids: { email: 'jill+news@example.com' }, bad: [] }],
    ['over-long value ignored', '/p?userId=' + 'x'.repeat(MAX_PARAM + 1), { ids: {}, bad: ['userid'] }],
    ['value at the limit kept', '/p?userId=' + 'x'.repeat(MAX_PARAM), { ids: { userId: 'x'.repeat(MAX_PARAM) }, bad: [] }],
    ['script-like value kept as text', '/p?utm_campaign=%3Cscript%3Ealert(1)%3C%2Fscript%3E', { ids: {}, campaign: { name: '<script>alert(1)</script>' }, bad: [] }],
    ['prototype names are not fields', '/p?constructor=1&__proto__=2&toString=3', { ids: {}, bad: [] }],
    ['no query', 'https://s.example/', { ids: {}, bad: [] }],
    // an email inliner that escapes a link's & once or twice too often (was: only the first
    // pair read; the sharer, the userId and the medium lost)
    ['&amp; between pairs', '/p?source=Envoy&amp;sharerUserId=12&amp;amp;userId=7&AMP;utm_medium=email', { source: 'Envoy', ids: { sharerUserId: '12', userId: '7' }, campaign: { medium: 'email' }, bad: [] }],
  ]
  for (const [name, url, want] of table) it(name, () => expect(read(url)).toEqual(want))

  it('reads a URL with thousands of parameters, linearly', () => {
    const url = '/p?' + Array.from({ length: 20000 }, (_, i) => 'p' + i + '=v').join('&') + '&source=Envoy'
    const t = performance.now()
    expect(read(url).source).toBe('Envoy')
    expect(performance.now() - t).toBeLessThan(500)
  })
})

describe('stripParams', () => {
  const strip = (u: string) => stripParams(u, secret)
  const table: [string, string][] = [
    ['https://s.example/gift?source=Envoy&sharerUserId=12&utm_campaign=christmas', 'https://s.example/gift?source=Envoy&utm_campaign=christmas'],
    ['/p?email=a%40b.c', '/p'],
    ['/p?a=1&EMAIL=x&b=%2F&c&token=t#top', '/p?a=1&b=%2F&c#top'],
    ['/p?cid=7&x=1', '/p?x=1'],
    ['/app#/welcome?userId=u1&tab=2', '/app#/welcome?tab=2'],
    ['/p#email=a%40b.c', '/p'],
    ['/p#section', '/p#section'],
    ['/p?%E0%A4%A=1&password=x', '/p?%E0%A4%A=1'],
    ['/p?e%6Dail=x&y=1', '/p?y=1'],
    // pairs in the hash before its ?, and a URL carried unencoded in a value
    ['/p#email=a%40b.c&next=/q?x=1', '/p#next=/q?x=1'],
    ['/p#/r?next=/q?token=t&y=1', '/p#/r?next=/q?y=1'],
    ['/p?next=/q?token=t', '/p?next=/q'],
    ['/p#email=a%40b.c?x=1', '/p#?x=1'],
    ['/p?email=x?y=1#token=t#z=1', '/p?y=1#z=1'],
    ['/p?email', '/p?email'],
    // a value that holds an email address, whatever its name (an email tool's merge tag)
    ['/p?e=jill%40example.com&x=1', '/p?x=1'],
    ['/p?x=1&subscriber=jill@example.com#/r?to=mailto%3Ajo%40example.co.uk&y=2', '/p?x=1#/r?y=2'],
    ['/p?handle=@jill&img=logo@2x&v=react@18.2.0', '/p?handle=@jill&img=logo@2x&v=react@18.2.0'],
    // an & escaped once or twice too often (an email inliner's): those pairs are cut too (were
    // sent with the page URL); a name that merely starts with amp stays
    ['/p?source=Envoy&amp;sharerUserId=12&amp;amp;userId=7&amp;x=1&ampere=2#/r?amp;token=t', '/p?source=Envoy&amp;x=1&ampere=2#/r'],
    ['', ''],
  ]
  for (const [url, want] of table) it(url || '(empty)', () => expect(strip(url)).toBe(want))
})

describe('paramNames', () => {
  it('maps configured names and reports bad pairs', () => {
    const bad: string[] = []
    const n = paramNames({ idParams: 'cid:contactId, uid:USERID, x:nothing, :email', denyParams: '' }, (p) => bad.push(p))
    expect(n.ids).toEqual({ cid: 'contactId', uid: 'userId', userid: 'userId', shareruserid: 'sharerUserId', email: 'email', contactid: 'contactId' })
    expect(bad).toEqual(['x:nothing', ':email'])
    expect(n.secret('uid')).toBe(true)
    expect(n.secret('token')).toBe(false)
  })
})

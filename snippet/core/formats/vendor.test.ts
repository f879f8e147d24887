// Golden tests: every example payload of seeds 000, 001 and 004, reproduced by its encoder
// from the envelopes of the equivalent API calls, then the rules around them.
import { describe, expect, it } from 'vitest'
import { buildEnvelope, type Call } from '../buildEnvelope'
import type { Destination, Envelope, WireRequest } from '../types'
import { encodeConveyour, MAX_PAIRS } from './conveyour'
import { encodeEnvoy } from './envoy'
import { encodeEventapi } from './eventapi'
import type { Contact, Who } from './vendor'

const page = { path: '/', url: 'https://shop.example/', referrer: '', title: 'Shop', search: '' }
let n = 0
/** The envelope pixel.js builds for a call (properties already merged with set()). */
const envelope = (call: Call, o: { userId?: string; anonymousId?: string; context?: Record<string, unknown> } = {}): Envelope =>
  buildEnvelope(call, { anonymousId: o.anonymousId || 'anon-1', userId: o.userId, page, context: o.context }, 'm' + ++n, Date.UTC(2026, 10, 22))
const track = (event: string, properties: Record<string, any> = {}, o = {}) => envelope({ type: 'track', event, properties }, o)
const identify = (userId: string | undefined, traits: Record<string, any>, o = {}) => envelope({ type: 'identify', traits }, { userId, ...o })
const body = (r: WireRequest) => JSON.parse(r.body!)
/** The request's address without its query (which carries the messageIds: see vendor.ts) */
const at = (r: WireRequest) => r.url.split('?')[0]
/** Contacts as pixel.js resolves them: the event's own ids, else those of `current` for the same visitor. */
const whoWith =
  (current: Contact & { anonymousId?: string } = {}): Who =>
  (e) => {
    const t = (e.type == 'identify' ? e.traits : (e.context.traits as Record<string, string>)) || {}
    if (e.userId) return { id: e.userId, email: t.email as string }
    return e.anonymousId == (current.anonymousId || 'anon-1') ? { id: current.id, email: (t.email as string) || current.email } : { gone: true }
  }

describe('every vendor request', () => {
  it('carries its messageIds in the query, in body order, so a repeat after an unload can be dropped', () => {
    const a = identify('20432766', {}, { anonymousId: 'x' })
    const b = identify('20432721', {}, { anonymousId: 'y' })
    const [r] = encodeConveyour([a, b], { format: 'conveyour', endpoint: 'https://c.example' }, whoWith(), () => {})
    expect(new URL(r.url).searchParams.get('messageId')).toBe(`${a.messageId},${b.messageId}`)
    const [e] = encodeEnvoy([track('x', {}, { userId: '1' })], { format: 'envoy', endpoint: 'https://c.example' })
    expect(new URL(e.url).searchParams.get('messageId')).toBe(e.ids[0])
  })
})

describe('envoy (seed 000)', () => {
  const d: Destination = { format: 'envoy', endpoint: 'https://api.envoy.is', apiKey: '----' }
  const lead = { attribution: { source: 'Envoy', sharerUserId: '12', moment: 'lead' } }

  it('reproduces the seed’s payload: identify("12"), set({campaign, userType}), track("viewGiftButton")', () => {
    const e = track('viewGiftButton', { campaign: 'christmas', userType: 'premium' }, { userId: '12', context: { attribution: { moment: 'subscriber' } } })
    const [r] = encodeEnvoy([e], d)
    expect(r.method).toBe('POST')
    expect(at(r)).toBe('https://api.envoy.is/partner/pixel-event')
    expect(r.headers).toEqual({ 'x-api-key': '----', accept: 'application/json', 'content-type': 'application/json' })
    expect(body(r)).toEqual({ eventName: 'viewGiftButton', userId: '12', extra: { campaign: 'christmas', userType: 'premium' } })
  })

  it('a lead who came through an Envoy share link: sharerUserId, never userId, even once signed up', () => {
    const before = encodeEnvoy([track('startSignUpJourney', {}, { context: lead })], d)
    const after = encodeEnvoy([track('completesPurchase', { plan: 'pro' }, { userId: 'friend-7', context: lead })], d)
    expect(body(before[0])).toEqual({ eventName: 'startSignUpJourney', sharerUserId: '12', extra: {} })
    expect(body(after[0])).toEqual({ eventName: 'completesPurchase', sharerUserId: '12', extra: { plan: 'pro' } })
  })

  it('nothing for anyone else: an anonymous visitor, a lead of another source, page views and identify', () => {
    const other = { attribution: { source: 'Newsletter', sharerUserId: '9', moment: 'lead' } }
    const events = [
      track('viewGiftButton'),
      track('viewGiftButton', {}, { userId: '5', context: other }),
      envelope({ type: 'page', properties: {} }, { userId: '12' }),
      identify('12', { email: 'a@b.example' }),
    ]
    const rs = encodeEnvoy(events, d)
    expect(rs.map((r) => r.url)).toEqual(['', '', '', ''])
    expect(rs.flatMap((r) => r.ids)).toEqual(events.map((e) => e.messageId))
  })

  it('without an apiKey: no headers (a text/plain body, no preflight), for a relay that adds the key', () => {
    const [r] = encodeEnvoy([track('loadGiftButton', {}, { userId: '12' })], { format: 'envoy', endpoint: 'https://relay.example' })
    expect(r.headers).toBeUndefined()
    expect(body(r)).toEqual({ eventName: 'loadGiftButton', userId: '12', extra: {} })
  })

  it('an apiKey that is an object is no key: no header, and no throw (no string can be made of some)', () => {
    const [r] = encodeEnvoy([track('loadGiftButton', {}, { userId: '12' })], { format: 'envoy', endpoint: 'https://relay.example', apiKey: { toString: false } as never })
    expect(r.headers).toBeUndefined()
  })
})

describe('conveyour (seed 001)', () => {
  const d: Destination = { format: 'conveyour', endpoint: 'https://subdomain.conveyour.com', appKey: 'APP', token: 'TOK' }
  const skipped: [string, string][] = []
  const encode = (events: Envelope[], who = whoWith()) => encodeConveyour(events, d, who, (e, why) => skipped.push([e.event || e.type, why]))

  it('reproduces the seed’s identify: identify("[email protected]", {names, career_sales, tags add/remove, counter $inc})', () => {
    const traits = { first_name: 'Stephen', last_name: 'Rhyne', career_sales: 500000, tags: { remove: ['tag1'], add: ['tag2'] }, counter: { $inc: 2 } }
    const [r, ...rest] = encode([identify('[email protected]', traits)])
    expect(rest).toEqual([])
    expect(at(r)).toBe('https://subdomain.conveyour.com/api/analytics/identify')
    expect(r.headers).toEqual({ 'x-conveyour-appkey': 'APP', 'x-conveyour-token': 'TOK', 'content-type': 'application/json', accept: 'application/json' })
    expect(body(r)).toEqual({ id: '[email protected]', traits })
  })

  it('reproduces the seed’s array: two identifies in one round are one call', () => {
    const a = identify('20432766', { first_name: 'Jackie', last_name: 'McDaniels', career_sales: 125000 }, { anonymousId: 'x' })
    const b = identify('20432721', { first_name: 'Charlie', last_name: 'Wilson', career_sales: 50000 }, { anonymousId: 'y' })
    const rs = encode([a, b])
    expect(rs).toHaveLength(1)
    expect(rs[0].ids).toEqual([a.messageId, b.messageId])
    expect(body(rs[0])).toEqual([
      { id: '20432766', traits: { first_name: 'Jackie', last_name: 'McDaniels', career_sales: 125000 } },
      { id: '20432721', traits: { first_name: 'Charlie', last_name: 'Wilson', career_sales: 50000 } },
    ])
  })

  it('reproduces the seed’s track: track("purchased_item", {amt: 39}) of contact 20432766', () => {
    const [r] = encode([track('purchased_item', { amt: 39 }, { userId: '20432766' })])
    expect(at(r)).toBe('https://subdomain.conveyour.com/api/analytics/track')
    expect(body(r)).toEqual({ id: '20432766', events: [{ event: 'purchased_item', properties: { amt: 39 } }] })
  })

  it('several events of one contact in one call; one call per contact; page views as page_view', () => {
    const rs = encode([
      track('made_sale', { amount: 1000, customer: 'John Doe' }, { userId: 'jill' }),
      track('purchased_item', { amt: 39 }, { userId: 'jack', anonymousId: 'z' }),
      envelope({ type: 'page', name: 'Pricing', properties: { path: '/pricing' } }, { userId: 'jill' }),
    ])
    expect(rs.map(body)).toEqual([
      { id: 'jill', events: [{ event: 'made_sale', properties: { amount: 1000, customer: 'John Doe' } }, { event: 'page_view', properties: { name: 'Pricing', path: '/pricing' } }] },
      { id: 'jack', events: [{ event: 'purchased_item', properties: { amt: 39 } }] },
    ])
  })

  it('a contact id that is also an Object property name (constructor, __proto__) is a contact like any other', () => {
    const rs = encode([track('a', {}, { userId: 'constructor' }), track('b', {}, { userId: '__proto__', anonymousId: 'z' }), track('c', {}, { userId: 'toString', anonymousId: 'y' })])
    expect(rs.map(body)).toEqual([
      { id: 'constructor', events: [{ event: 'a', properties: {} }] },
      { id: '__proto__', events: [{ event: 'b', properties: {} }] },
      { id: 'toString', events: [{ event: 'c', properties: {} }] },
    ])
  })

  it('events with no contact are held (no request) until an identify gives one, which goes first', () => {
    const early = track('viewed_offer', { offer: 'a' })
    expect(encode([early])).toEqual([])
    const id = identify('c-1', { email: 'c@x.example' })
    // the identify is in: the round sends it alone; the held event goes in the next round
    const first = encode([early, id], whoWith({ id: 'c-1' }))
    expect(first.map(at)).toEqual(['https://subdomain.conveyour.com/api/analytics/identify'])
    expect(first[0].ids).toEqual([id.messageId])
    expect(encode([early], whoWith({ id: 'c-1' })).map(body)).toEqual([{ id: 'c-1', events: [{ event: 'viewed_offer', properties: { offer: 'a' } }] }])
  })

  it('the email trait is the contact id when there is no userId', () => {
    const e = track('opened', {}, { context: { traits: { email: 'e@x.example' } } })
    expect(body(encode([e])[0]).id).toBe('e@x.example')
  })

  it(`an event over ${MAX_PAIRS} properties is not sent, with a message; one of ${MAX_PAIRS} is`, () => {
    const props = (k: number) => Object.fromEntries(Array.from({ length: k }, (_, i) => ['p' + i, i]))
    skipped.length = 0
    const over = track('big', props(MAX_PAIRS + 1), { userId: 'u' })
    const ok = track('fits', props(MAX_PAIRS), { userId: 'u' })
    const rs = encode([over, ok])
    expect(rs[0]).toEqual({ method: 'POST', url: '', ids: [over.messageId] })
    expect(body(rs[1]).events.map((x: { event: string }) => x.event)).toEqual(['fits'])
    expect(skipped).toEqual([['big', "16 properties, over ConveYour's 15"]])
  })

  it('events of a visitor reset before identifying are skipped with a message', () => {
    skipped.length = 0
    const old = track('left_behind', {}, { anonymousId: 'before-reset' })
    expect(encode([old])).toEqual([{ method: 'POST', url: '', ids: [old.messageId] }])
    expect(skipped[0][0]).toBe('left_behind')
  })

  it('a large backlog of one contact is split under the body limit, in order', () => {
    const events = Array.from({ length: 30 }, (_, i) => track('e' + i, { text: 'x'.repeat(3000) }, { userId: 'u' }))
    const rs = encode(events)
    expect(rs.length).toBeGreaterThan(1)
    for (const r of rs) expect(r.body!.length).toBeLessThan(60000)
    expect(rs.flatMap((r) => r.ids)).toEqual(events.map((e) => e.messageId))
  })
})

describe('eventapi (seed 004)', () => {
  const d: Destination = { format: 'eventapi', endpoint: 'https://api.example' }
  const encode = (events: Envelope[], who = whoWith()) => encodeEventapi(events, d, who, () => {})

  it('reproduces the seed’s update: identify({email, firstname})', () => {
    const [r] = encode([identify(undefined, { email: '[email protected]', firstname: 'alexandru' })])
    expect(at(r)).toBe('https://api.example/event')
    expect(r.headers).toBeUndefined()
    expect(body(r)).toEqual({ user: { email: '[email protected]' }, event: { update: { email: '[email protected]', firstname: 'alexandru' } } })
  })

  it('reproduces the seed’s generic event: track("my_event", {firstname}) of a known email', () => {
    const [r] = encode([track('my_event', { firstname: 'alexandru' }, { context: { traits: { email: '[email protected]' } } })])
    expect(body(r)).toEqual({ user: { email: '[email protected]' }, event: { generic: { generic: { event_name: 'my_event', firstname: 'alexandru' } } } })
    expect(Object.keys(body(r).event.generic.generic)[0]).toBe('event_name')
  })

  it('the seed’s update form: track("update", {...}) and track("login", {...}); a user known by id only is {_id}', () => {
    const rs = encode([track('update', { plan: 'pro' }, { userId: 'u1' }), track('login', { email: 'l@x.example' }, { userId: 'u1' })])
    expect(rs.map(body)).toEqual([
      { user: { _id: 'u1' }, event: { update: { plan: 'pro' } } },
      { user: { _id: 'u1' }, event: { login: { email: 'l@x.example' } } },
    ])
  })

  it('a round with an update sends it alone: the user must exist before its events', () => {
    const early = track('viewed', {})
    const id = identify(undefined, { email: 'n@x.example' })
    const later = track('clicked', {}, { context: { traits: { email: 'n@x.example' } } })
    const who = whoWith({ email: 'n@x.example' })
    expect(encode([early], whoWith())).toEqual([])
    const first = encode([early, id, later], who)
    expect(first.map((r) => r.ids[0])).toEqual([id.messageId])
    expect(encode([early, later], who).map((r) => body(r).event.generic.generic.event_name)).toEqual(['viewed', 'clicked'])
  })

  it('a property named event_name does not rename the event', () => {
    expect(body(encode([track('real', { event_name: 'fake' }, { userId: 'u' })])[0]).event.generic.generic).toEqual({ event_name: 'real' })
  })
})

import { describe, expect, it } from 'vitest'
import { validateEvent } from './validateEvent'

const ok = { type: 'track', event: 'x', messageId: 'm', anonymousId: 'a', originalTimestamp: '2026-01-01T00:00:00.000Z' }

describe('validateEvent', () => {
  it('accepts a valid event, with userId in place of anonymousId too', () => {
    expect(validateEvent(ok)).toBeUndefined()
    expect(validateEvent({ ...ok, anonymousId: undefined, userId: 'u' })).toBeUndefined()
    expect(validateEvent({ type: 'identify', messageId: 'm', userId: 'u', traits: {} })).toBeUndefined()
    expect(validateEvent({ ...ok, sentAt: '2026-01-01T00:00:00+02:00' })).toBeUndefined()
  })

  it.each([
    [null, 'event must be an object'],
    [[ok], 'event must be an object'],
    [{ ...ok, type: 'x' }, 'type must be one of track, page, screen, identify, group, alias'],
    [{ ...ok, messageId: ' ' }, 'messageId must be a non-empty string'],
    [{ ...ok, messageId: 5 }, 'messageId must be a non-empty string'],
    [{ ...ok, anonymousId: '' }, 'anonymousId or userId is required'],
    [{ ...ok, userId: 7 }, 'userId must be a non-empty string'],
    [{ ...ok, event: undefined }, 'event (the event name) is required for track'],
    [{ ...ok, originalTimestamp: '2026-13-45T99:00:00Z' }, 'originalTimestamp must be an ISO 8601 time'],
    [{ ...ok, sentAt: 12 }, 'sentAt must be an ISO 8601 time'],
    [{ ...ok, context: 'x' }, 'context must be an object'],
  ])('%j → %s', (e, message) => expect(validateEvent(e)).toBe(message))
})

import type { Context, Envelope, EventType, Json, PageContext } from './types'

/** What the browser edge knows about the visitor and the page at the moment of an event. */
export interface Snapshot {
  anonymousId: string
  userId?: string
  page: PageContext
  locale?: string
  userAgent?: string
  screen?: { width: number; height: number }
  timezone?: string
  /** Extra context blocks (campaign, attribution) merged in as they are. */
  context?: Record<string, unknown>
}

export interface Call {
  type: EventType
  event?: string
  name?: string
  properties?: Record<string, Json>
  traits?: Record<string, Json>
}

declare const __VERSION__: string
export const LIBRARY = { name: 'pixel-snippet', version: typeof __VERSION__ == 'string' ? __VERSION__ : '0.0.0' }

/** The native envelope of DESIGN.md section 6, from a call and a snapshot. Pure. */
export function buildEnvelope(call: Call, s: Snapshot, messageId: string, now: number): Envelope {
  const context: Context = {
    ...s.context,
    library: LIBRARY,
    page: s.page,
    locale: s.locale,
    userAgent: s.userAgent,
    screen: s.screen,
    timezone: s.timezone,
  }
  const e: Envelope = {
    type: call.type,
    messageId,
    anonymousId: s.anonymousId,
    channel: 'web',
    originalTimestamp: new Date(now).toISOString(),
    context,
  }
  if (s.userId) e.userId = s.userId
  if (call.event != null) e.event = call.event
  if (call.name != null) e.name = call.name
  if (call.type == 'identify') e.traits = call.traits || {}
  else e.properties = call.properties || {}
  return e
}

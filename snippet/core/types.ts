// The shapes every module agrees on. Types only: this file ships no bytes.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
export type Properties = Record<string, unknown>

export type EventType = 'track' | 'page' | 'identify'

/** The page facts of one moment, read by the browser edge and passed into the pure core. */
export interface PageContext {
  path: string
  url: string
  referrer: string
  title: string
  search: string
}

export interface Context {
  library: { name: string; version: string }
  page: PageContext
  locale?: string
  userAgent?: string
  screen?: { width: number; height: number }
  timezone?: string
  campaign?: Record<string, string>
  attribution?: Record<string, unknown>
  [key: string]: unknown
}

/** The native event, shaped like the RudderStack/Segment event spec (DESIGN.md section 6). */
export interface Envelope {
  type: EventType
  event?: string
  name?: string
  properties?: Record<string, Json>
  traits?: Record<string, Json>
  anonymousId: string
  userId?: string
  messageId: string
  originalTimestamp: string
  sentAt?: string
  channel: 'web'
  context: Context
}

/** One HTTP request an encoder asks for. `ids` are the messageIds it carries. */
export interface WireRequest {
  method: 'GET' | 'POST'
  url: string
  headers?: Record<string, string>
  body?: string
  ids: string[]
  /** query keys cut to keep a GET under its length limit */
  cut?: number
}

export type Transport = 'post' | 'get' | 'auto'

export interface Destination {
  format: string
  endpoint: string
  writeKey?: string
  /** may this destination's events go by POST (transport is not `get`, and the browser can) */
  post?: boolean
  [key: string]: unknown
}

/** Envoy's suggested event names (seed 000): before the sharing flow, then after it. */
export type EnvoyEvent =
  | 'loadGiftButton'
  | 'viewGiftButton'
  | 'clickGenerateShareLink'
  | 'viewShareDetailsModal'
  | 'startSignUpJourney'
  | 'completeSignUpJourney'
  | 'startFreeTrial'
  | 'startPaidTrial'
  | 'completesPurchase'

/** An event name: editors complete Envoy's names, and any other string is accepted. */
export type EventName = EnvoyEvent | (string & {})

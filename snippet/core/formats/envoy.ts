import type { Destination, Envelope, WireRequest } from '../types'
import { keyed, post, skip } from './vendor'

/**
 * The Envoy Pixel API (seed 000): one `POST {endpoint}/partner/pixel-event` per track event,
 * `{eventName, sharerUserId, extra}` for a lead who came through an Envoy share link (the
 * attribution's moment `lead` with source Envoy: never a userId, even once they sign up), else
 * `{eventName, userId, extra}` for an identified visitor (a subscriber, before the sharing
 * flow). `extra` is the event's properties, set() ones included. Nothing is sent for anyone
 * else, nor for page views and identify (Envoy has no such calls): those are skipped.
 * `x-api-key` (with JSON headers) only when the destination has an `apiKey`.
 */
export function encodeEnvoy(events: Envelope[], d: Destination): WireRequest[] {
  return events.map((e) => {
    const a = (e.context.attribution || {}) as Record<string, string>
    const who =
      a.moment == 'lead' && /^envoy$/i.test(String(a.source).trim()) && a.sharerUserId
        ? { sharerUserId: a.sharerUserId }
        : e.userId && a.moment != 'lead'
          ? { userId: e.userId }
          : 0
    return e.type == 'track' && who
      ? post(d, '/partner/pixel-event', { eventName: e.event, ...who, extra: e.properties || {} }, [e.messageId], keyed({ 'x-api-key': d.apiKey }))
      : skip(e)
  })
}

import type { Who } from '../core/formats/vendor'
import type { Core } from './loadPlugin'
import { AID, TRAITS, UID } from '../core/keys'

const text = (v: unknown) => (typeof v == 'string' && v ? v : undefined)

/**
 * An event's contact for the vendor formats: its own userId and email trait; for an event sent
 * before its visitor was identified, the visitor's current ones, read from pixel.js's storage.
 */
export const who =
  (c: Core): Who =>
  (e) => {
    const t = ((e.type == 'identify' ? e.traits : e.context.traits) || {}) as Record<string, unknown>
    if (e.userId) return { id: e.userId, email: text(t.email) }
    const mine = e.anonymousId == c.ids().get(AID)
    return mine ? { id: text(c.ids().get(UID)), email: text(t.email) || text(c.stored(TRAITS).email) } : { email: text(t.email), gone: !text(t.email) }
  }

/** Reports an event a vendor format does not send. */
export const skipped = (c: Core, format: string) => (e: { event?: string; type: string }, why: string) => c.log.warn('skipped', format, e.event || e.type, why)

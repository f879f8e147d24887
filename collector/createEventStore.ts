import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface StoredEvent {
  receivedAt: string
  format: string
  writeKey?: string
  event: Record<string, unknown>
  /** the messageId of an event whose format carries it beside the body (the vendor formats: in the query) */
  messageId?: string
  /** why a server-side rule discarded it (kept in the log, not listed as an event) */
  discarded?: string
}

/**
 * The embedded default store: every accepted event as one JSON line in {dir}/events.ndjson,
 * read back at start so that deduplication by messageId holds across restarts.
 */
export function createEventStore(dir: string) {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'events.ndjson')
  const events: StoredEvent[] = []
  const seen = new Set<string>()
  /** repeated messageIds received (not stored), by write key: what at-least-once delivery re-sent */
  const duplicates = new Map<string, number>()
  const key = (format: string, writeKey: string | undefined, id: unknown) => `${format}\n${writeKey || ''}\n${id}`
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8')
    // a last line cut short by a crash: end it, so the next event starts a line of its own
    if (text && !text.endsWith('\n')) appendFileSync(file, '\n')
    for (const line of text.split('\n')) {
      if (!line) continue
      try {
        const r = JSON.parse(line) as StoredEvent
        events.push(r)
        seen.add(key(r.format, r.writeKey, r.event.messageId ?? r.messageId))
      } catch {
        // a line cut short by a crash mid-write: skip it, keep the rest
      }
    }
  }
  return {
    file,
    /** Stores the event unless its messageId was stored before; says which. A discarded event is logged with the reason. */
    add(format: string, writeKey: string | undefined, event: Record<string, unknown>, discarded?: string, messageId?: string): boolean {
      const id = event.messageId ?? messageId
      const k = key(format, writeKey, id)
      if (id != null && seen.has(k)) return duplicates.set(writeKey || '', (duplicates.get(writeKey || '') || 0) + 1), false
      const r: StoredEvent = { receivedAt: new Date().toISOString(), format, writeKey, event, ...(messageId && { messageId }), ...(discarded && { discarded }) }
      // (written before the messageId counts as seen: an event that could not be stored is not a duplicate when it comes again)
      appendFileSync(file, JSON.stringify(r) + '\n')
      seen.add(k)
      events.push(r)
      return true
    },
    list: (): readonly StoredEvent[] => events,
    duplicates: (writeKey: string) => duplicates.get(writeKey) || 0,
  }
}

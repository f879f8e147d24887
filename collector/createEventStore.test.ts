import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEventStore } from './createEventStore'

const dir = () => mkdtempSync(join(tmpdir(), 'pixel-store-'))

describe('createEventStore', () => {
  it('appends each accepted event as one JSON line, with the time received', () => {
    const d = dir()
    const s = createEventStore(d)
    expect(s.add('native', 'K', { messageId: 'm1', type: 'track' })).toBe(true)
    const lines = readFileSync(join(d, 'events.ndjson'), 'utf8').trim().split('\n')
    expect(lines).toHaveLength(1)
    const r = JSON.parse(lines[0])
    expect(r).toMatchObject({ format: 'native', writeKey: 'K', event: { messageId: 'm1' } })
    expect(Date.parse(r.receivedAt)).toBeGreaterThan(Date.now() - 5000)
  })

  it('stores a messageId once per format and write key, also across restarts, and counts the repeats', () => {
    const d = dir()
    const a = createEventStore(d)
    a.add('native', 'K', { messageId: 'm1' })
    expect(a.add('native', 'K', { messageId: 'm1' })).toBe(false)
    expect(a.add('native', 'other', { messageId: 'm1' })).toBe(true)
    expect(a.add('rudderstack-pixel', 'K', { messageId: 'm1' })).toBe(true)
    const restarted = createEventStore(d)
    expect(restarted.list()).toHaveLength(3)
    expect(restarted.add('native', 'K', { messageId: 'm1' })).toBe(false)
    expect(restarted.duplicates('K')).toBe(1)
    expect(a.duplicates('K')).toBe(1)
  })

  it('skips a line cut short by a crash, and keeps the rest', () => {
    const d = dir()
    createEventStore(d).add('native', 'K', { messageId: 'm1' })
    appendFileSync(join(d, 'events.ndjson'), '{"receivedAt":"2026-01-01T00:00:00Z","format":"nat')
    const s = createEventStore(d)
    expect(s.list().map((r) => r.event.messageId)).toEqual(['m1'])
    // the next event starts on a line of its own, so it survives the next restart
    s.add('native', 'K', { messageId: 'm2' })
    expect(createEventStore(d).list().map((r) => r.event.messageId)).toEqual(['m1', 'm2'])
  })
})

import { describe, expect, it } from 'vitest'
import { parseConfig } from './config'
import { FORMATS } from './formats/index'
import { resolveDestinations } from './resolveDestinations'

const resolve = (raw: Record<string, unknown>, canPost = true) => {
  const warnings: unknown[] = []
  const d = resolveDestinations(parseConfig(raw, 'https://c.example', () => {}), canPost, FORMATS, (m) => warnings.push(m))
  return { d, warnings }
}

describe('resolveDestinations', () => {
  it.each([
    ['post', true, 'native', true],
    ['auto', true, 'native', true],
    ['get', true, 'rudderstack-pixel', false],
    ['auto', false, 'rudderstack-pixel', false],
  ])('transport %s (can POST: %s) → %s (may POST: %s)', (transport, canPost, format, post) => {
    expect(resolve({ transport, writeKey: 'W' }, canPost as boolean).d).toEqual([{ format, endpoint: 'https://c.example', writeKey: 'W', post }])
  })

  it('explicit destinations take the config endpoint and writeKey as defaults', () => {
    const { d } = resolve({ writeKey: 'W', destinations: [{ format: 'native' }, { format: 'rudderstack-pixel', endpoint: 'https://other.example/', writeKey: 'X' }] })
    expect(d).toEqual([
      { format: 'native', endpoint: 'https://c.example', writeKey: 'W', post: true },
      { format: 'rudderstack-pixel', endpoint: 'https://other.example', writeKey: 'X', post: true },
    ])
  })

  it('an unknown format is left out with a message', () => {
    const { d, warnings } = resolve({ destinations: [{ format: 'carrier-pigeon' }, null, { format: 'native' }] })
    expect(d.map((x) => x.format)).toEqual(['native'])
    expect(warnings).toEqual(['carrier-pigeon', null])
  })
})

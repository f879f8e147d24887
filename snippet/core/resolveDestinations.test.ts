import { describe, expect, it } from 'vitest'
import { parseConfig } from './config'
import { pluginOf, resolveDestinations } from './resolveDestinations'

const resolve = (raw: Record<string, unknown>, canPost = true) => {
  const warnings: unknown[][] = []
  const d = resolveDestinations(parseConfig(raw, 'https://c.example', () => {}), canPost, (...m) => warnings.push(m))
  return { d, warnings }
}

describe('resolveDestinations', () => {
  it('explicit destinations take the config endpoint and writeKey as defaults', () => {
    const { d } = resolve({ writeKey: 'W', destinations: [{ format: 'native' }, { format: 'rudderstack-pixel', endpoint: 'https://other.example/', writeKey: 'X' }] })
    expect(d).toEqual([
      { format: 'native', endpoint: 'https://c.example', writeKey: 'W', post: true },
      { format: 'rudderstack-pixel', endpoint: 'https://other.example', writeKey: 'X', post: true },
    ])
  })

  it('keeps each destination’s own keys, and resolves a relative endpoint against the config’s', () => {
    const { d } = resolve({
      endpoint: 'https://c.example/base',
      destinations: [
        { format: 'envoy', endpoint: '/envoy', apiKey: 'A' },
        { format: 'conveyour', appKey: 'P', token: 'T' },
        { format: 'eventapi', endpoint: 'relay' },
      ],
    })
    expect(d).toEqual([
      { format: 'envoy', endpoint: 'https://c.example/envoy', apiKey: 'A', writeKey: '', post: true },
      { format: 'conveyour', endpoint: 'https://c.example/base', appKey: 'P', token: 'T', writeKey: '', post: true },
      { format: 'eventapi', endpoint: 'https://c.example/base/relay', writeKey: '', post: true },
    ])
  })

  it('data-format: a comma list of formats at the endpoint, with the keys given beside it', () => {
    const { d } = resolve({ format: 'native, envoy', apiKey: 'A', writeKey: 'W' }, false)
    expect(d.map((x) => [x.format, x.endpoint, x.apiKey, x.post])).toEqual([
      ['native', 'https://c.example', 'A', false],
      ['envoy', 'https://c.example', 'A', false],
    ])
  })

  it('transport get: no destination may POST', () => {
    expect(resolve({ transport: 'get', destinations: [{ format: 'native' }] }).d[0].post).toBe(false)
  })

  it('an unknown format, a non-object or a bad endpoint is left out with a message', () => {
    const { d, warnings } = resolve({
      destinations: [
        { format: 'carrier-pigeon' },
        null,
        'native',
        { format: 'native', endpoint: 'javascript:alert(1)' },
        // a user name or password: fetch makes no request of it
        { format: 'native', endpoint: 'https://WRITEKEY:@dataplane.example' },
        { format: 'native' },
      ],
    })
    expect(d.map((x) => x.format)).toEqual(['native'])
    expect(warnings).toEqual([['format', 'carrier-pigeon'], ['format', null], ['format', 'native'], ['endpoint', 'native', 'javascript:alert(1)'], ['endpoint', 'native', 'https://WRITEKEY:@dataplane.example']])
  })

  it('a destination holding a value JSON cannot carry is left out with a message; the others work', () => {
    const circular: Record<string, unknown> = { format: 'envoy', apiKey: 'k' }
    circular.self = circular
    const throwing = Object.defineProperty({ format: 'conveyour' }, 'appKey', { enumerable: true, get: () => { throw new Error('no') } })
    const { d, warnings } = resolve({ destinations: [circular, { format: 'eventapi', token: 10n }, throwing, { format: 'native', at: new Date(0), f: () => 1 }] })
    // (what JSON makes of the rest: a Date its ISO time, a function nothing)
    expect(d).toEqual([{ format: 'native', at: '1970-01-01T00:00:00.000Z', endpoint: 'https://c.example', writeKey: '', post: true }])
    expect(warnings).toEqual([['destination', 'envoy'], ['destination', 'eventapi'], ['destination', 'conveyour']])
  })

  it('destinations that is not a list is ignored with a message', () => {
    const { d, warnings } = resolve({ destinations: '[{"format":"native"}]' })
    expect(d).toEqual([])
    expect(warnings).toEqual([['option', 'destinations', '[{"format":"native"}]', []]])
  })

  it('names the plugin of each format', () => {
    expect(['native', 'rudderstack-pixel', 'envoy', 'conveyour', 'eventapi'].map(pluginOf)).toEqual(['', 'get', 'envoy', 'conveyour', 'eventapi'])
  })
})

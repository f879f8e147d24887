import { describe, expect, it } from 'vitest'
import { parseEnv, type Settings } from './parseEnv'

const ok = (env: Record<string, string>) => {
  const s = parseEnv(env, '/srv')
  if (typeof s == 'string') throw new Error(s)
  return s as Settings
}

describe('parseEnv', () => {
  it('gives the defaults for an empty environment', () => {
    const s = ok({})
    expect(s.port).toBe(8080)
    expect(s.host).toBe('127.0.0.1')
    expect(s.options).toMatchObject({ dataDir: '/srv/data', fixturesDir: undefined, bodyLimit: undefined, faults: undefined, faultControl: false, upstream: undefined })
  })

  it('reads every variable', () => {
    const s = ok({
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: 'events',
      FIXTURES: '1',
      BODY_LIMIT: '200000',
      FAULTS: '{"errorRate":0.3,"latency":200,"downFor":5000}',
      FAULT_CONTROL: '1',
      ENVOY_API_KEY: 'k',
      UPSTREAM_URL: 'https://dp.example/',
      PURCHASE_EVENTS: 'Order Completed, purchase',
    })
    expect(s.port).toBe(0)
    expect(s.host).toBe('0.0.0.0')
    expect(s.options).toMatchObject({
      dataDir: '/srv/events',
      fixturesDir: '/srv/e2e/fixtures',
      bodyLimit: 200000,
      faults: { errorRate: 0.3, latency: 200, downFor: 5000 },
      faultControl: true,
      envoyApiKey: 'k',
      upstream: 'https://dp.example/',
      rules: { purchaseEvents: ['Order Completed', 'purchase'], emailOpenEvents: undefined },
    })
  })

  it.each([
    [{ PORT: 'abc' }, 'PORT=abc is not a port number (0 to 65535)'],
    [{ PORT: '70000' }, 'PORT=70000 is not a port number (0 to 65535)'],
    [{ PORT: '80.5' }, 'PORT=80.5 is not a port number (0 to 65535)'],
    [{ BODY_LIMIT: 'abc' }, 'BODY_LIMIT=abc is not a number of bytes (a whole number of 65536 or more)'],
    [{ BODY_LIMIT: '0' }, 'BODY_LIMIT=0 is under 65536 bytes: pixel.js sends bodies of up to 60 KB, and a batch refused as too large is lost'],
    // (was: taken, and pixel's largest batches, valid events and all, answered 413 and lost)
    [{ BODY_LIMIT: '32768' }, 'BODY_LIMIT=32768 is under 65536 bytes: pixel.js sends bodies of up to 60 KB, and a batch refused as too large is lost'],
    [{ FAULTS: '{bad' }, 'FAULTS is not JSON: give JSON such as {"errorRate":0.3,"latency":200}'],
    [{ FAULTS: '[1]' }, 'FAULTS is not a JSON object: give JSON such as {"errorRate":0.3,"latency":200}'],
    [{ FAULTS: '{"errorrate":0.3}' }, 'FAULTS has an unknown key "errorrate" (known: errorRate, rate429, dropRate, retryAfter, latency, hold, downFor): give JSON such as {"errorRate":0.3,"latency":200}'],
    [{ FAULTS: '{"errorRate":30}' }, 'FAULTS "errorRate" must be a number from 0 to 1: give JSON such as {"errorRate":0.3,"latency":200}'],
    [{ FAULTS: '{"latency":"200"}' }, 'FAULTS "latency" must be a number of 0 or more: give JSON such as {"errorRate":0.3,"latency":200}'],
    [{ UPSTREAM_URL: 'dp.example' }, 'UPSTREAM_URL=dp.example is not an http(s) URL'],
  ])('refuses %j with one line', (env, message) => {
    expect(parseEnv(env)).toBe(message)
  })
})

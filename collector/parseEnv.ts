import { resolve } from 'node:path'
import type { CollectorOptions } from './createCollector'
import { parseFaultSpec } from './createFaults'

export type Env = Record<string, string | undefined>

export interface Settings {
  port: number
  host: string
  options: Omit<CollectorOptions, 'publicDir' | 'distDir' | 'version'>
}

/**
 * The collector's settings from its environment (the variables server.ts lists), or the first
 * one that is wrong, as a one-line message: a typo must stop the server with a reason, not start
 * it with a setting quietly gone (a BODY_LIMIT that is not a number took every limit off). Pure.
 */
export function parseEnv(env: Env, cwd = '.'): Settings | string {
  const port = Number(env.PORT || 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) return `PORT=${env.PORT} is not a port number (0 to 65535)`
  const bodyLimit = env.BODY_LIMIT ? Number(env.BODY_LIMIT) : undefined
  if (bodyLimit !== undefined && !Number.isInteger(bodyLimit)) return `BODY_LIMIT=${env.BODY_LIMIT} is not a number of bytes (a whole number of 65536 or more)`
  // pixel.js sends bodies up to 60 KB (the keepalive budget), and drops a batch answered 413 as
  // any 4xx: a lower limit would refuse its largest batches, valid events and all, for good
  if (bodyLimit !== undefined && bodyLimit < 65536) return `BODY_LIMIT=${env.BODY_LIMIT} is under 65536 bytes: pixel.js sends bodies of up to 60 KB, and a batch refused as too large is lost`
  const faults = env.FAULTS ? parseFaultSpec(env.FAULTS) : undefined
  if (typeof faults == 'string') return `FAULTS ${faults}: give JSON such as {"errorRate":0.3,"latency":200}`
  const upstream = env.UPSTREAM_URL || undefined
  if (upstream && !/^https?:\/\/[^/]/.test(upstream)) return `UPSTREAM_URL=${upstream} is not an http(s) URL`
  const list = (v?: string) => (v ? v.split(',').map((s) => s.trim()) : undefined)
  return {
    port,
    host: env.HOST || '127.0.0.1',
    options: {
      dataDir: resolve(cwd, env.DATA_DIR || 'data'),
      fixturesDir: env.FIXTURES ? resolve(cwd, 'e2e/fixtures') : undefined,
      bodyLimit,
      faults,
      faultControl: !!env.FAULT_CONTROL,
      envoyApiKey: env.ENVOY_API_KEY || undefined,
      conveyourAppKey: env.CONVEYOUR_APPKEY || undefined,
      conveyourToken: env.CONVEYOUR_TOKEN || undefined,
      upstream,
      rules: { purchaseEvents: list(env.PURCHASE_EVENTS), emailOpenEvents: list(env.EMAIL_OPEN_EVENTS) },
    },
  }
}

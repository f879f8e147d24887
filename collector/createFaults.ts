/** Faults the collector injects into ingestion requests, for the delivery tests and demos. */
export interface FaultSpec {
  /** share (0..1) of requests answered 500 or 503, at random */
  errorRate?: number
  /** share answered 429 Too Many Requests, with Retry-After: retryAfter seconds (default 1) */
  rate429?: number
  retryAfter?: number
  /** milliseconds added before each answer */
  latency?: number
  /** milliseconds each answer is held once the request is handled (its events stored at once) */
  hold?: number
  /** share of connections closed without an answer */
  dropRate?: number
  /** every connection closed without an answer for this many ms from now */
  downFor?: number
}

/** Each key of a fault spec: a share of requests (0 to 1), or an amount (0 or more). */
const KINDS = { errorRate: 'share', rate429: 'share', dropRate: 'share', retryAfter: 'amount', latency: 'amount', hold: 'amount', downFor: 'amount' } satisfies Record<keyof FaultSpec, 'share' | 'amount'>

/** A fault spec from JSON text (the FAULTS setting), or the reason it is not one. Pure. */
export function parseFaultSpec(text: string): FaultSpec | string {
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    return 'is not JSON'
  }
  if (!v || typeof v != 'object' || Array.isArray(v)) return 'is not a JSON object'
  for (const [k, n] of Object.entries(v)) {
    if (!{}.hasOwnProperty.call(KINDS, k)) return `has an unknown key "${k}" (known: ${Object.keys(KINDS).join(', ')})`
    const kind = KINDS[k as keyof FaultSpec]
    if (typeof n != 'number' || !(n >= 0) || (kind == 'share' && n > 1)) return `"${k}" must be a number ${kind == 'share' ? 'from 0 to 1' : 'of 0 or more'}`
  }
  return v as FaultSpec
}

export type Fault = { drop: true; latency: number } | { status: number; retryAfter?: number; latency: number } | { latency: number; hold?: number }

/**
 * Fault rules by key (a write key or API key; `*` for every request). The decision is a pure
 * function of the rule, the clock and a random number, so it is unit-tested.
 */
export function createFaults(initial?: FaultSpec, random = Math.random, now = Date.now) {
  const rules = new Map<string, FaultSpec & { downUntil?: number }>()
  const set = (key: string, spec: FaultSpec) => rules.set(key, { ...spec, downUntil: spec.downFor ? now() + spec.downFor : undefined })
  if (initial) set('*', initial)
  return {
    set,
    clear: (key: string) => rules.delete(key),
    /** The fault for one request, or undefined to answer normally. */
    pick(key: string): Fault | undefined {
      const r = rules.get(key) || rules.get('*')
      if (!r) return undefined
      const latency = r.latency || 0
      if ((r.downUntil && now() < r.downUntil) || random() < (r.dropRate || 0)) return { drop: true, latency }
      if (random() < (r.rate429 || 0)) return { status: 429, retryAfter: r.retryAfter ?? 1, latency }
      if (random() < (r.errorRate || 0)) return { status: random() < 0.5 ? 500 : 503, latency }
      return latency || r.hold ? { latency, hold: r.hold } : undefined
    },
  }
}

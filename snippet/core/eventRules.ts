import { keptTraits } from './keptTraits'

/** The purchase confirmation names of seeds 000 (`completesPurchase`) and 004 (`confirmation`), and the Segment spec's. */
export const PURCHASE_EVENTS = 'completesPurchase,confirmation,Order Completed'
/** The names the rules concern with their default options: the purchases, `update` and `login`. */
export const RULED = /^(completesPurchase|confirmation|Order Completed|update|login)$/
/** Sent orderIds kept (the oldest go first). */
export const MAX_ORDERS = 100
const UNITS: Record<string, number> = { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }

/** What the rules keep between pages, in the visitor's storage. */
export interface RuleState {
  orders: string[]
  /** when each rate-limited event was last let through */
  last: Record<string, number>
}

/** A rate limit: `{event: 'emailOpen', oncePer: '20m'}` (s, m, h or d). */
export type Limit = { event: string; ms: number }

/** The limits of the config, each valid one kept; the others reported through `bad`. Pure. */
export function parseLimits(v: unknown, bad: (what: unknown) => void): Limit[] {
  if (v == null) return []
  if (!Array.isArray(v)) return bad(v), []
  const out: Limit[] = []
  for (const l of v) {
    const m = l && typeof l.event == 'string' && typeof l.oncePer == 'string' && /^(\d+(?:\.\d+)?)\s*([smhd])$/.exec(l.oncePer.trim())
    m ? out.push({ event: l.event, ms: +m[1] * UNITS[m[2]] }) : bad(l)
  }
  return out
}

/**
 * Seed 004's rules on one track call, on the client. Returns why the event is not sent ('' to
 * send it), and what to keep when the call changes it: `state` (a new one) and `traits`:
 * - a purchase confirmation (`purchases`) whose `orderId` was sent before is discarded; a new
 *   one is remembered (the last MAX_ORDERS);
 * - an event with a limit is let through once per its period;
 * - `update` and `login` merge their properties into the kept traits, as identify() does.
 * The kept state and traits are read only when the call concerns them (track() is a hot path).
 * Pure.
 */
export function applyRules(
  name: string,
  props: Record<string, unknown> | undefined,
  now: number,
  o: { purchases: string[]; limits: Limit[] },
  kept: () => Partial<RuleState> | undefined,
  traits: () => Record<string, unknown>,
): { drop: string; state?: RuleState; traits?: string } {
  const p = props && typeof props == 'object' ? props : {}
  let state: RuleState | undefined
  // what was kept may be anything (another version's, damaged, edited): then it starts again
  const read = (s = kept()): RuleState => ({ orders: ([] as string[]).concat((s && s.orders) || []), last: { ...(s && s.last) } })
  if (o.purchases.indexOf(name) >= 0 && p.orderId != null && p.orderId !== '') {
    const id = String(p.orderId)
    state = read()
    if (state.orders.indexOf(id) >= 0) return { drop: `duplicate orderId ${id}` }
    state = { ...state, orders: state.orders.concat(id).slice(-MAX_ORDERS) }
  }
  for (const l of o.limits)
    if (l.event == name) {
      state = state || read()
      const last = state.last[name]
      if (typeof last == 'number' && now - last < l.ms && now >= last) return { drop: `rate limit: once per ${l.ms / 1000} s` }
      state = { ...state, last: { ...state.last, [name]: now } }
    }
  return { drop: '', state, traits: name == 'update' || name == 'login' ? keptTraits({ ...traits(), ...p }) : undefined }
}

import type { Described } from './describeEvent'

export interface RuleOptions {
  /** event names that confirm a purchase, deduplicated by their `orderId` property */
  purchaseEvents?: string[]
  /** event names of an email open, kept at most once per user per `emailOpenWindow` */
  emailOpenEvents?: string[]
  emailOpenWindow?: number
}

/** The purchase names of seeds 000 (`completesPurchase`) and 004 (its confirmation event), and the Segment spec's. */
export const PURCHASE_EVENTS = ['completesPurchase', 'confirmation', 'Order Completed']
export const EMAIL_OPEN_EVENTS = ['emailOpen']
export const EMAIL_OPEN_WINDOW = 20 * 60_000

/**
 * Seed 004's server-side rules, for every format, since not every event comes from the snippet:
 * a purchase confirmation whose orderId was already stored is discarded, and an email open
 * within the window after the user's last kept one is discarded. Scoped by format and key
 * (each destination is its own system). `check` says why an event is discarded, or nothing;
 * `keep` records a stored event (also those read back at start).
 */
export function createRules(o: RuleOptions = {}) {
  const purchases = new Set(o.purchaseEvents || PURCHASE_EVENTS)
  const opens = new Set(o.emailOpenEvents || EMAIL_OPEN_EVENTS)
  const window = o.emailOpenWindow ?? EMAIL_OPEN_WINDOW
  const orders = new Set<string>()
  const lastOpen = new Map<string, number>()
  const scope = (format: string, key: string | undefined) => `${format}\n${key || ''}\n`
  const order = (d: Described) => (d.name && purchases.has(d.name) && d.properties.orderId != null && d.properties.orderId !== '' ? String(d.properties.orderId) : undefined)
  const at = (d: Described, received: number) => {
    const t = d.time ? Date.parse(d.time) : NaN
    return isNaN(t) ? received : t
  }
  return {
    check(format: string, key: string | undefined, d: Described, received: number): string | undefined {
      const id = order(d)
      if (id != null && orders.has(scope(format, key) + id)) return `duplicate purchase confirmation: orderId ${id} was already stored`
      if (d.name && opens.has(d.name) && d.user) {
        const last = lastOpen.get(scope(format, key) + d.user)
        const t = at(d, received)
        if (last != null && t >= last && t - last < window) return `email open within ${window / 60000} minutes of the last one for user ${d.user}`
      }
      return undefined
    },
    keep(format: string, key: string | undefined, d: Described, received: number) {
      const id = order(d)
      if (id != null) orders.add(scope(format, key) + id)
      if (d.name && opens.has(d.name) && d.user) lastOpen.set(scope(format, key) + d.user, at(d, received))
    },
  }
}

import { MAX_NAME } from './limits'

/** The trigger types of an event definition (seed 003: one per event). */
export const TRIGGERS = ['pageview', 'click', 'visible', 'present', 'scroll', 'utm-click'] as const
export type Trigger = (typeof TRIGGERS)[number]

/** Conditions on the current or landing page; every one given must hold. */
export interface When {
  /** the path, exact or with `*` globs (`/gift/*`) */
  path?: string
  /** query parameters of the current URL with their required values */
  query?: Record<string, string>
  /** UTM values (`{utm_medium: 'email'}` or `{medium: 'email'}`), of the current URL or the kept campaign */
  utm?: Record<string, string>
  /** the referrer's host (exact, or `*` globs) */
  referrer?: string
  /** the attribution source (`Envoy`), case and spaces ignored */
  source?: string
}

/** A declarative event: `event` fires when `trigger` does and `when` holds, with `properties`. */
export interface Definition {
  event: string
  trigger: Trigger
  selector?: string
  /** scroll: the depth in percent (1 to 100) */
  percent?: number
  /** visible: the share of the element in view (0 to 1; default 0.5) */
  threshold?: number
  when?: When
  properties?: Record<string, unknown>
}

const KEYS = ['event', 'trigger', 'selector', 'percent', 'threshold', 'when', 'properties']
const WHEN = ['path', 'query', 'utm', 'referrer', 'source']
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v == 'object' && !Array.isArray(v)
const strings = (v: unknown) => isObj(v) && Object.keys(v).every((k) => typeof v[k] == 'string' || typeof v[k] == 'number' || typeof v[k] == 'boolean')

/** The problem with one definition, or '' when it is valid. */
function problem(d: unknown): string {
  if (!isObj(d)) return 'not an object'
  const extra = Object.keys(d).filter((k) => KEYS.indexOf(k) < 0)
  if (extra.length) return `unknown key ${extra[0]}`
  if (typeof d.event != 'string' || !d.event.trim() || d.event.length > MAX_NAME) return `event must be a name of 1 to ${MAX_NAME} characters`
  if (Array.isArray(d.trigger)) return 'one trigger per event (seed 003): define one event per trigger'
  if (TRIGGERS.indexOf(d.trigger as Trigger) < 0) return `trigger must be one of ${TRIGGERS.join(', ')}`
  const needsSelector = d.trigger == 'click' || d.trigger == 'visible' || d.trigger == 'present'
  if (needsSelector && (typeof d.selector != 'string' || !d.selector.trim())) return `trigger ${d.trigger} needs a selector`
  if (!needsSelector && d.selector != null) return `trigger ${d.trigger} takes no selector`
  if (d.trigger == 'scroll' && !(typeof d.percent == 'number' && d.percent >= 1 && d.percent <= 100)) return 'scroll needs percent, a number from 1 to 100'
  if (d.trigger != 'scroll' && d.percent != null) return `trigger ${d.trigger} takes no percent`
  if (d.threshold != null && !(d.trigger == 'visible' && typeof d.threshold == 'number' && d.threshold >= 0 && d.threshold <= 1))
    return 'threshold is for visible, a number from 0 to 1'
  if (d.properties != null && !isObj(d.properties)) return 'properties must be an object'
  if (d.when != null) {
    const w = d.when
    if (!isObj(w)) return 'when must be an object'
    const bad = Object.keys(w).filter((k) => WHEN.indexOf(k) < 0)
    if (bad.length) return `unknown condition ${bad[0]} (use ${WHEN.join(', ')})`
    for (const k of ['path', 'referrer', 'source']) if (w[k] != null && typeof w[k] != 'string') return `when.${k} must be a string`
    for (const k of ['query', 'utm']) if (w[k] != null && !strings(w[k])) return `when.${k} must be an object of values`
  }
  return ''
}

/**
 * The valid definitions of a list (`init({events})` or the `data-config` file), each trimmed of
 * nothing; every invalid one is reported through `bad` (its index and event name, and the
 * problem) and left out, and the others run. Anything but a list is one problem. Pure.
 */
export function parseDefinitions(list: unknown, bad: (which: string, why: string) => void): Definition[] {
  if (list == null) return []
  if (!Array.isArray(list)) return bad('events', 'must be a list of event definitions'), []
  return list.filter((d, i) => {
    const p = problem(d)
    if (p) bad(`events[${i}]${isObj(d) && typeof d.event == 'string' ? ' ' + d.event.slice(0, 60) : ''}`, p)
    return !p
  }) as Definition[]
}

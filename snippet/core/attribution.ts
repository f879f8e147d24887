import type { Landing } from './readLanding'

/** One landing that carried a `source` (with its sharer) or campaign parameters. */
export interface Touch {
  source?: string
  sharerUserId?: string
  campaign?: Record<string, string>
  /** landing time, ms */
  at: number
  /** the landing URL, without identification or denied parameters */
  url: string
}

/** What pixel keeps (`pixel.attr`): first and last touch of each kind. */
export interface Attribution {
  src?: [Touch, Touch]
  utm?: [Touch, Touch]
}

const DAY = 864e5

/**
 * The kept attribution after a landing: touches older than `days`, or with no valid time, are
 * forgotten; a landing with a `source` (accepted by `accept`) becomes the last source touch, and
 * the first one if there is none; the same for campaign parameters. Landing again with the same values (a reload, the same
 * link clicked twice) keeps the earlier touch and its time. Pure.
 */
export function attribute(kept: Attribution, l: Landing, url: string, now: number, days: number, accept: (source: string) => boolean): Attribution {
  const next: Attribution = {}
  const touch = (k: keyof Attribution, t?: Touch) => {
    // what was kept may be anything (another version's, damaged, edited): only touches with a
    // valid time in the window (one in the future, after a clock was set back, counts) are kept
    const old = (kept || {})[k]
    let v = Array.isArray(old) && old.filter((x) => x && typeof x.at == 'number' && now - x.at < days * DAY && x.at < 8.64e15)
    if (t && (!v || !v[1] || JSON.stringify({ ...v[1], at: 0, url: 0 }) != JSON.stringify({ ...t, at: 0, url: 0 }))) v = [(v && v[0]) || t, t]
    if (v && v[0]) next[k] = [v[0], v[1] || v[0]]
  }
  touch('src', l.source && accept(l.source) ? { source: l.source, sharerUserId: l.ids.sharerUserId, at: now, url } : undefined)
  touch('utm', l.campaign && { campaign: l.campaign, at: now, url })
  return next
}

/**
 * The `context` blocks of an event: `campaign` (the last campaign touch) and `attribution`: the
 * last source touch, its first touch, the first campaign, and Envoy's moment: `lead` for a
 * visitor who came through a share link (a `sharerUserId`), else `subscriber` when the visitor
 * is identified. Pure.
 */
export function attributionContext(a: Attribution, userId?: string | null) {
  const out: { campaign?: Record<string, string>; attribution?: Record<string, unknown> } = {}
  const t = (x: Touch) => ({ source: x.source, sharerUserId: x.sharerUserId, landedAt: new Date(x.at).toISOString(), landingUrl: x.url })
  const src = a.src && a.src[1]
  const moment = src && src.sharerUserId ? 'lead' : userId ? 'subscriber' : undefined
  if (a.utm) out.campaign = a.utm[1].campaign
  if (src || a.utm || moment)
    out.attribution = {
      ...(src && t(src)),
      moment,
      first: a.src && t(a.src[0]),
      firstCampaign: a.utm && a.utm[0].campaign,
    }
  return out
}

/** What may happen now: `granted` (all), `pending` (calls wait in memory), `denied` (nothing). */
export type ConsentState = 'granted' | 'pending' | 'denied'

/** The consent options, with their defaults. */
export const CONSENT = {
  /** `granted`, or `pending` until consent(true) (`data-consent="pending"`), or `denied` */
  consent: 'granted',
  /** a browser sending Global Privacy Control is not tracked */
  honorGpc: false,
  /** a browser sending Do Not Track is not tracked */
  honorDnt: false,
}

/**
 * The consent state of a page, from the choice the visitor made (kept: '1' or '0'), else the
 * configured default; and the privacy signal honoured, if any, which wins over everything. Pure.
 */
export function consentState(
  o: typeof CONSENT,
  choice: string | null,
  signals: { gpc?: unknown; dnt?: unknown },
): { state: ConsentState; signal?: 'gpc' | 'dnt' } {
  const signal = o.honorGpc && signals.gpc === true ? 'gpc' : o.honorDnt && (signals.dnt == '1' || signals.dnt == 'yes') ? 'dnt' : undefined
  const state: ConsentState = choice == '1' ? 'granted' : choice == '0' ? 'denied' : o.consent == 'pending' || o.consent == 'denied' ? o.consent : 'granted'
  return { state, signal }
}

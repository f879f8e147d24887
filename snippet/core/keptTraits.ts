/**
 * Traits as they are kept between pages: list operations (`{add, remove}`) and counters
 * (`{$inc}`) go out once, with the call that made them, and are not kept. Pure.
 */
export const keptTraits = (t: Record<string, unknown>): string =>
  JSON.stringify(t, (k, v) => (k && v && (v.$inc != null || v.add || v.remove) ? undefined : v))

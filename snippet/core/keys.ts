// The names pixel keeps things under in the visitor's storage (README, "What is sent"), in one
// place for pixel.js and the plugins that read, write and forget them.

/** the anonymousId */
export const AID = 'pixel.aid'
/** the userId */
export const UID = 'pixel.uid'
/** the kept traits */
export const TRAITS = 'pixel.traits'
/** the landing's attribution (plugin `identity`) */
export const ATTR = 'pixel.attr'
/** the browser was judged not a bot (plugin `bot`) */
export const HUMAN = 'pixel.human'
/** seed 004's rules: the orderIds sent, the times of rate-limited events (plugin `rules`) */
export const RULES = 'pixel.rules'
/** the visitor's consent choice (plugin `consent`) */
export const CHOICE = 'pixel.consent'
/**
 * The `set()` properties, in sessionStorage (they last for the tab's session); in the ids'
 * storage, the mark that set() was ever used in this browser.
 */
export const SET = 'pixel.set'
/**
 * identify() and set() calls a page was left with before the `identity` plugin came: made by the
 * next page, first (see createPixel's release)
 */
export const HELD = 'pixel.held'
/** the landing URL of a page left before the `identity` plugin came, read by the next page (see createPixel's release) */
export const LANDED = 'pixel.landed'

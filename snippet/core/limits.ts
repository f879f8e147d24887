/** Longest event name, page name and user id accepted. */
export const MAX_NAME = 200
/** Nesting deeper than this becomes the string "[depth]". */
export const MAX_DEPTH = 8
/** Strings longer than this are cut and end with "…". */
export const MAX_STRING = 1000
/** A request body must stay under the 64 KiB that keepalive fetch and sendBeacon allow; the rest is headroom. */
export const MAX_BODY = 60000
/**
 * A send with no answer after this many ms counts as a network error, and is retried: a
 * collector that takes a request and never answers would otherwise hold every later send of the
 * page (one flush runs at a time). The collector drops the copy it may store late (messageId).
 */
export const SEND_TIMEOUT = 10000
/**
 * The most bytes (UTF-8 JSON) of identify() traits, and of set() properties, kept for the
 * events after the call: each later event carries them, and one over MAX_BODY is never sent,
 * so traits kept past it lost every event of the visitor until a reset().
 */
export const MAX_KEPT = 16000
/**
 * Longest URL sent (a page's, its referrer, a landing's, a link's), in characters. An event
 * carries its page's URL twice (`url`, and its query as `search`) and its referrer, a page view
 * all of them twice, and the landing URLs of its attribution: a page of an app that keeps its
 * state in a long query (20 KB) made page views over a request's limit, never sent. GA4 cuts
 * page_location at 1,000; 2,000 is the length past which a URL has long been unsafe to use
 * (Internet Explorer's 2,083).
 */
export const MAX_URL_SENT = 2000

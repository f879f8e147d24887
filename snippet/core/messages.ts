import { MAX_NAME } from './limits'
import { MAX_PARAM } from './readLanding'

type Arg = any

/** A value the page gave, for a message: its first `n` characters, whatever it is (a null-prototype object, a Symbol). */
const show = (v: unknown, n = 60) => {
  try {
    return String(v).slice(0, n)
  } catch {
    return typeof v
  }
}

/**
 * Every console line pixel prints, by code. pixel.js carries only the codes; this table is the
 * `messages` plugin (dist/pixel.messages.js), fetched the first time a line is printed, so
 * visitors who never see a message never download its text. The README lists them all.
 */
export const MESSAGES: Record<string, (...a: Arg[]) => string> = {
  // misuse and problems (console.warn)
  option: (k, v, d) => `option ${k}=${show(v)} is invalid; using ${JSON.stringify(d)}`,
  format: (f) => `destination format ${show(f)} is unknown; its events are not sent`,
  endpoint: (f, e) => `destination ${f}: endpoint ${show(e)} is not an http(s) URL without a password; its events are not sent`,
  destination: (f) => `destination ${f} holds a value JSON cannot carry; its events are not sent`,
  plugin: (name, e) => `plugin ${name} did not load (${e})`,
  init: () => 'init() takes an object of options',
  name: (what) => `${{ track: 'track() event name', page: 'page() name', identify: 'identify() userId' }[what as 'track'] || what} must be a non-empty string of at most ${MAX_NAME} characters`,
  props: (what, type) => `${what}() takes an object of properties; ignored a ${type}`,
  failed: (call, e) => `${call}() failed: ${show(e, 200)}`,
  consent: () => 'consent() takes true (granted) or false (refused or withdrawn)',
  many: (name, n, max) => `event ${name} has ${n} properties, over the limit of ${max} (maxProperties); not sent`,
  big: (name, size, max) => `event ${name} is ${size} bytes, over the ${max}-byte limit of one request; not sent`,
  kept: (call, size, max) => `${call}() would add ${size} bytes to every later event, over ${max}; not kept`,
  cut: (n, max) => `a pixel URL was over ${max} characters: its last ${n} keys were cut`,
  param: (name) => `URL parameter ${name} was ignored: empty, over ${MAX_PARAM} characters, not UTF-8, or not an email`,
  skipped: (f, name, why) => `${f}: ${name} not sent: ${why}`,
  trigger: (e) => `an automatic trigger failed: ${e}; the others run`,
  definition: (which, why) => `event definition ${which} is invalid: ${why}; left out, the others run`,
  config: (url, e) => `data-config ${show(url, 80)} was not loaded (${e}); its events are not defined on this page`,
  moved: (from, to) => `endpoint ${from} redirects (to ${to}): this page now sends there; set the endpoint to where it redirects (a 301 or 302 makes a POST a GET without its events)`,
  refused: (n, status, text) => `collector refused ${n} event(s) with ${status} ${text || ''}`.trim(),
  // the event flow (console.log, debug mode only)
  event: (e) => (e ? `${e.type} ${e.event || e.name || ''}`.trim() : 'event'),
  send: (n, format) => `sending ${n} to ${format}`,
  sent: (n) => `${n} delivered`,
  retry: (n, status) => `${n} failed (${status || 'network'}), retrying`,
  adopted: (n) => `took over ${n} event(s) left by another page`,
  dropped: (what, why) =>
    `${what} not sent: ${{ requireSource: 'the visitor did not land with the required source', bot: 'the visitor is judged a bot (allowBots turns the filter off)' }[why as 'bot'] || why}`,
  full: (n) => `outbox full: ${n} oldest event(s) dropped`,
}

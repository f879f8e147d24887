import type { PageContext } from '../core/types'
import type { Moment } from './loadPlugin'
import { MAX_STRING } from '../core/limits'

let key: string
let cut: unknown
let page: PageContext
/** when the app last left the page shown (an SPA navigation) */
let since = 0

/** The app leaves the page shown: a moment made before now is of another visit, though the app comes back to its URL. */
export const leftPage = () => (since = Date.now())

/** Without the `identity` plugin, a URL goes without its query and fragment: nothing in them is sent unchecked. */
export const bare = (u: string) => u.replace(/[?#].*/, '')

/**
 * The page facts of `context.page`, of an event's moment: its URL `at`, its referrer `ref`, and
 * the title: the document's now, for a moment of the address shown (an app may set its title after
 * its URL, or change it later), else the moment's own, where it kept one (of a page the app has
 * left since, though it came back to its URL: an SPA page view held while the app navigated away
 * and back took the title of the page shown then). They change with the URL (SPA navigation), so
 * they are read again when the moment or the title differs (or the plugin that cuts URLs comes
 * in), and kept otherwise: track() is called often.
 * URLs go through `strip` (the identity plugin's, which cuts identification and denied
 * parameters), loaded on every page whose URLs have parameters, and before an SPA navigation's
 * page view to a URL with some; until it is in, they go without query. After an SPA navigation
 * the referrer is the page navigated from (`ref`, set by the `pageview` trigger); without one,
 * the document's. The page URL keeps its fragment with `hash` (the `hashchange` trigger: a
 * hash-routed app's route is there), else loses it. The moment is not always the page's now: an
 * SPA navigation's page view may wait for the identity plugin, and an event for consent, while the
 * app navigates again, and web vitals are of the page the document loaded as.
 */
export function readPage(strip = bare, [h, ref, t, title]: Moment, hash?: boolean): PageContext {
  title = ((h != location.href || t < since) && title) || document.title
  if (h + hash + ref + title != key || strip != cut) {
    cut = strip
    key = h + hash + ref + title
    const full = strip(h)
    const url = full.split('#')[0]
    page = {
      path: new URL(h).pathname,
      url: hash ? full : url,
      referrer: strip(ref ?? document.referrer),
      // (as a property's text is: a title of 60,000 characters, whatever put it there, made
      // every event over a request's limit, never sent)
      title: title.slice(0, MAX_STRING),
      search: url.replace(/^[^?]*/, ''),
    }
  }
  return page
}

/** The device facts of an envelope, read once per page (the timezone comes from readTimezone). */
export function readDevice() {
  const n = navigator
  return { locale: n.language, userAgent: n.userAgent, screen: { width: screen.width, height: screen.height } }
}

/** The Temporal API, where the browser has it (Chromium 144+, Firefox 139+). */
declare const Temporal: { Now: { timeZoneId(): string } }

/**
 * The IANA timezone, read at the page's first event. Temporal gives it for nothing; browsers
 * without Temporal fall back to Intl.DateTimeFormat(), whose first use costs Chromium 15 to
 * 30 ms of main thread (it loads ICU's locale data). Only Chromium before 144 pays that now;
 * keeping the name in storage would save them that cost at every page for bytes everyone loads.
 */
export function readTimezone(): string {
  try {
    return Temporal.Now.timeZoneId()
  } catch {
    // no Temporal (or a page's broken one)
    return Intl.DateTimeFormat().resolvedOptions().timeZone
  }
}

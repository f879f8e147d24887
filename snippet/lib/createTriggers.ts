// The automatic triggers every page has by default: single-page-app navigation (`pageview`) and
// `data-pixel-event` markup (`markup`), part of pixel.js. It loads the `triggers` plugin when the
// config asks for more (scroll, link clicks, event definitions), and `vitals` (web-vitals) when
// `vitals` is on, once the page has loaded and the browser is idle. A later init() starts what
// it adds.
import type { Config } from '../core/config'
import type { Core, Registry } from './loadPlugin'
import { onClick } from '../triggers/onClick'
import { onNavigation } from '../triggers/onNavigation'
import { titleChange } from './titleChange'
import { leftPage } from './readPage'

const PROP = 'data-pixel-prop-'

/**
 * How long an SPA navigation's page view waits for the new page's title (see titleChange), with
 * the calls after it. An app whose pages share one title pays it on each navigation.
 */
const TITLE_WAIT = 1000

/** What starts the triggers of a config: at the page's start, and for what each later init() adds. */
export function createTriggers(r: Registry): (core: Core, config: Config) => void {
  /** the triggers begun on this page: a later init() starts only those it adds */
  const begun: Record<string, 1> = {}
  return (core: Core, config: Config) => {
    const on = (k: string) => config.auto.indexOf(k) >= 0
    const first = (k: string) => on(k) && !begun[k] && (begun[k] = 1)
    const fail = (e: unknown) => core.log.warn('trigger', e)
    /** An event from a trigger: the API's track() (it never throws) */
    const track = core.track
    // each trigger starts alone: one that fails is reported, the others run
    const run = (start: () => unknown) => {
      try {
        start()
      } catch (e) {
        fail(e)
      }
    }
    if (first('pageview')) {
      /** the title of the last page view */
      let title = document.title
      /** the app leaves the page whose view waits for its title (see onNavigation) */
      let left: () => unknown = () => 0
      run(() =>
        onNavigation(
          (from) => {
            // the referrer of the page view and of the events after it is the page navigated from,
            // without its fragment, as browsers give document.referrer (none after a bfcache restore)
            const ref = (r.ref = from.split('#')[0] || undefined)
            // the view's URL, referrer and time are read now: another navigation made while it
            // waits does not lend it its own
            const at = location.href
            const t = Date.now()
            // the new page's title, unless the page was restored from the bfcache (its own is there)
            // (the title of the last view, `title`, is the one the next view's wait starts from: it
            // is set as a view's title is known, not as it is sent, which may be later)
            let name: string | undefined
            let titled: Promise<unknown> | string = from && titleChange(title, TITLE_WAIT).then((t) => ((titled = ''), name ?? (title = name = t)))
            // left before its title changed, the view keeps the title its page had (else it took
            // the next page's)
            left = () => titled && (title = name ??= document.title)
            // a URL with parameters is cut (the identity plugin) before it goes out
            core.view(
              /=/.test(location.search + from),
              () => {
                // (a view sent without its wait, restored from the bfcache or as the page is left,
                // has the title shown)
                run(() => core.emit({ type: 'page' }, undefined, [at, ref, t, name ?? (title = document.title)]))
                if (r.triggers) r.triggers.page()
              },
              () => titled,
            )
          },
          { hash: on('hashchange'), query: on('pageview-query') },
          fail,
          () => (leftPage(), left()),
        ),
      )
    }
    if (first('markup'))
      run(() =>
        onClick(
          '[data-pixel-event]',
          (el) => {
            const properties: Record<string, string> = {}
            for (const a of Array.from(el.attributes)) if (!a.name.indexOf(PROP) && a.name.length > PROP.length) properties[a.name.slice(PROP.length)] = a.value
            // (a name track() refuses is reported by it)
            track(el.getAttribute('data-pixel-event')!, properties)
          },
          fail,
        ),
      )
    // any other name of `auto` (scroll, link clicks, or one the plugin reports as unknown: a typo
    // turns a trigger off), and event definitions, are the `triggers` plugin's (a name added here
    // goes in its AUTO list too)
    if (config.auto.some((k) => !/^(pageview|markup|hashchange|pageview-query|vitals|none|)$/.test(k)) || config.raw.events || config.raw.config)
      core.need(1, 'triggers').then(() => {
        if (r.triggers) r.triggers.add(config)
        else if (r.triggersFor) (r.triggers = r.triggersFor(core, config, track, fail)), r.triggers.page()
      })
    if (first('vitals')) {
      const idle = () => ((window as any).requestIdleCallback || setTimeout)(() => core.need(1, 'vitals').then(() => r.vitals && run(r.vitals)))
      document.readyState == 'complete' ? idle() : addEventListener('load', idle, { once: true })
    }
  }
}

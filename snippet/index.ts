// The script-tag entry: the only module with top-level effects. It reads the config from its
// own <script data-*> tag, replays what the loader stub queued, and becomes window.pixel.
import { createPixel } from './createPixel'
import { loadPlugin, type Moment } from './lib/loadPlugin'

type Stub = ((...a: unknown[]) => unknown) & { q?: { push(a: ArrayLike<unknown>): unknown }; version?: string }

;(() => {
  try {
    const w = window as unknown as { pixel?: Stub }
    // (an element of id "pixel" is window.pixel by named access, not the page's: pixel installs over it)
    const stub = {}.hasOwnProperty.call(w, 'pixel') ? w.pixel : undefined
    // Loaded twice (two tags, or a tag manager firing again): the first copy keeps working alone.
    // Said, since a second tag of another write key would otherwise lose its events unseen.
    if (stub && stub.version) return console.warn('[pixel] loaded twice: this copy is off')
    if (stub && !stub.q) return console.warn('[pixel] window.pixel is taken: not installed')
    // (a tag of type="module", or one a loader runs for the page, has no currentScript: its
    // options are on the tag of the write key)
    const script = (document.currentScript || document.querySelector('script[data-write-key]')) as HTMLScriptElement | null
    const src = new URL(script && script.src ? script.src : '/pixel.js', location.href)
    const { start, ready, view, at, ...p } = createPixel(
      script ? { ...script.dataset } : {},
      src.origin,
      // (the folder of pixel.js: its plugins are beside it)
      (name) => loadPlugin(name, new URL('.', src).href),
      true,
    )
    // the commands are the API's own methods; anything else (a typo, '__proto__', 'version') is refused
    const dispatch = (a: ArrayLike<unknown>) =>
      typeof p[a[0] as 'track'] == 'function' && {}.hasOwnProperty.call(p, a[0] as string)
        ? (p[a[0] as 'track'] as (...x: unknown[]) => unknown)(...[].slice.call(a, 1))
        : console.warn('[pixel] unknown command', a[0])
    const api = Object.assign((...a: unknown[]) => dispatch(a), p) as Stub
    const queued = ((stub && Array.isArray(stub.q) && stub.q) || []) as unknown[][]
    // queued init() calls first, so every queued event goes out with the page's config; from
    // ready() on, calls wait (in order) until the plugins the first events need are in
    for (const a of queued) if (a[0] == 'init') dispatch(a)
    ready()
    // (each as of the moment the stub kept with it)
    for (const a of queued) if (a[0] != 'init') at((a as { t?: Moment }).t, () => dispatch(a))
    // a reference to the stub kept by the page still works: its calls now go straight through
    if (stub) stub.q = { push: dispatch }
    w.pixel = api
    // the automatic page view waits for the parsed document: an init() in a script further down
    // the page applies to it even when pixel.js came first (the events of calls made meanwhile
    // follow it; start() runs once)
    document.readyState == 'loading' ? addEventListener('DOMContentLoaded', start) : start()
  } catch (e) {
    try {
      console.warn('[pixel] not started', e)
    } catch {}
  }
})()

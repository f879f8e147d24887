// The script-tag entry: the only module with top-level effects. It reads the config from its
// own <script data-*> tag, replays what the loader stub queued, and becomes window.pixel.
import { createPixel } from './createPixel'
import { loadPlugin } from './lib/loadPlugin'
import { installGlobal, pageGlobal } from './lib/installGlobal'

;(() => {
  try {
    const stub = pageGlobal()
    // Loaded twice (two tags, a tag manager firing again, or an app that bundles the npm package,
    // whose createPixel() installs window.pixel too): the first copy keeps working alone.
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
    installGlobal(p, ready, at, stub)
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

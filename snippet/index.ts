// The script-tag entry: the only module with top-level effects. It reads the config from its
// own <script data-*> tag, replays what the loader stub queued, and becomes window.pixel.
import { createPixel } from './createPixel'
import { loadPlugin } from './lib/loadPlugin'

type Stub = ((...a: unknown[]) => unknown) & { q?: { push(a: ArrayLike<unknown>): unknown }; version?: string }

;(() => {
  try {
    const w = window as unknown as { pixel?: Stub }
    const stub = w.pixel
    // Loaded twice (two tags, or a tag manager firing again): the first copy keeps working alone.
    if (stub && stub.version) return
    if (stub && !stub.q) return console.warn('[pixel] window.pixel is taken by the page; pixel is not installed')
    const script = document.currentScript as HTMLScriptElement | null
    const src = new URL(script && script.src ? script.src : '/pixel.js', location.href)
    const { start, ...p } = createPixel(script ? { ...script.dataset } : {}, {
      origin: src.origin,
      plugins: (name) => loadPlugin(name, src.href.replace(/[^/]*$/, '')),
      defer: true,
    })
    // the commands are the stub's methods; anything else (a typo, '__proto__') is refused
    const dispatch = (a: ArrayLike<unknown>) =>
      /^(init|track|page|identify|set|reset|consent|flush|debug)$/.test(a[0] as string)
        ? (p[a[0] as 'track'] as (...x: unknown[]) => unknown)(...Array.prototype.slice.call(a, 1))
        : console.warn('[pixel] unknown command ' + String(a[0]).slice(0, 40))
    const api = Object.assign((...a: unknown[]) => dispatch(a), p) as Stub
    const queued = stub && stub.q
    if (Array.isArray(queued)) for (const a of queued) dispatch(a)
    // A reference to the stub kept by the page still works: its calls now go straight through.
    if (stub) stub.q = { push: dispatch }
    w.pixel = api
    start()
  } catch (e) {
    try {
      console.warn('[pixel] not started: ' + e)
    } catch {}
  }
})()

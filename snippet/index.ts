// The script-tag entry: the only module with top-level effects. It reads the config from its
// own <script data-*> tag, replays what the loader stub queued, and becomes window.pixel.
import { createPixel, type Pixel } from './createPixel'

type Stub = ((...a: unknown[]) => unknown) & { q?: { push(a: ArrayLike<unknown>): unknown }; version?: string }

;(() => {
  try {
    const w = window as unknown as { pixel?: Stub }
    const stub = w.pixel
    // Loaded twice (two tags, or a tag manager firing again): the first copy keeps working alone.
    if (stub && stub.version) return
    if (stub && !stub.q) {
      console.warn('[pixel] window.pixel is already defined by the page; pixel is not installed')
      return
    }
    const script = document.currentScript as HTMLScriptElement | null
    const base = script && script.src ? new URL(script.src).origin : location.origin
    const { start, ...p } = createPixel(script ? { ...script.dataset } : {}, base, true)
    const dispatch = (a: ArrayLike<unknown>) => {
      const m = a[0] as keyof Pixel
      const f = typeof m == 'string' && Object.prototype.hasOwnProperty.call(p, m) && m != 'version' && (p[m] as unknown)
      if (typeof f == 'function') return f.apply(p, Array.prototype.slice.call(a, 1))
      console.warn('[pixel] unknown command ' + String(m).slice(0, 40))
    }
    const api = Object.assign((...a: unknown[]) => dispatch(a), p) as Stub
    const queued = stub && stub.q
    if (queued && typeof (queued as unknown[]).length == 'number') for (const a of queued as ArrayLike<unknown>[]) dispatch(a)
    // A reference to the stub kept by the page still works: its calls now go straight through.
    if (stub) stub.q = { push: dispatch }
    w.pixel = api
    start()
  } catch (e) {
    try {
      console.warn('[pixel] could not start: ' + e)
    } catch {}
  }
})()

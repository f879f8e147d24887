import type { Moment } from './loadPlugin'

/** window.pixel as the page may have it: the loader stub (its queue), or a copy that runs (its version). */
export type Stub = ((...a: unknown[]) => unknown) & { q?: { push(a: ArrayLike<unknown>): unknown }; version?: string }

/**
 * window.pixel as the page has it, if it is the page's own property: an element of id "pixel" is
 * window.pixel by named access, not the page's, and pixel installs over it.
 */
export const pageGlobal = (): Stub | undefined => ({}.hasOwnProperty.call(window, 'pixel') ? (window as unknown as { pixel: Stub }).pixel : undefined)

/**
 * Makes the API `p` window.pixel, callable in command form too (`pixel('track', …)`), and runs
 * the calls the loader stub queued: its init() calls first, so every queued event goes out with
 * the page's config, then `ready()` (from then on, calls wait in order until the plugins the
 * first events need are in), then the others, each as of the moment the stub kept with it. A
 * reference to the stub the page kept still works: its calls go straight through. Shared by
 * pixel.js and the npm module's createPixel(), so that a page with both (an app bundling the
 * package, and a tag manager's tag left from before) runs one copy, not two.
 */
export function installGlobal(p: Record<string, unknown>, ready: () => void, at: (t: Moment | undefined, f: () => void) => void, stub?: Stub) {
  // the commands are the API's own methods; anything else (a typo, '__proto__', 'version') is refused
  const dispatch = (a: ArrayLike<unknown>) =>
    typeof p[a[0] as string] == 'function' && {}.hasOwnProperty.call(p, a[0] as string)
      ? (p[a[0] as string] as (...x: unknown[]) => unknown)(...[].slice.call(a, 1))
      : console.warn('[pixel] unknown command', a[0])
  const queued = ((stub && Array.isArray(stub.q) && stub.q) || []) as unknown[][]
  for (const a of queued) if (a[0] == 'init') dispatch(a)
  ready()
  for (const a of queued) if (a[0] != 'init') at((a as { t?: Moment }).t, () => dispatch(a))
  if (stub) stub.q = { push: dispatch }
  ;(window as unknown as { pixel: Stub }).pixel = Object.assign((...a: unknown[]) => dispatch(a), p)
}

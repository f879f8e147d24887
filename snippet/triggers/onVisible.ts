import { onDomChange } from './onDomChange'

/**
 * Calls `visible()` once, the first time an element matching `selector` has `threshold` of
 * itself in the viewport (an IntersectionObserver: no scroll listener, no layout reads of
 * ours), including elements added after load. An invalid selector throws at once (the caller
 * reports it). Returns the teardown.
 */
export function onVisible(selector: string, threshold: number, visible: () => void, onError: (e: unknown) => void): () => void {
  document.querySelector(selector)
  const seen = new WeakSet<Element>()
  const io = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting && e.intersectionRatio >= threshold - 1e-3)) stop(), visible()
    },
    { threshold },
  )
  const look = () => {
    try {
      document.querySelectorAll(selector).forEach((el) => seen.has(el) || (seen.add(el), io.observe(el)))
    } catch (e) {
      onError(e)
    }
  }
  const unwatch = onDomChange(look)
  const stop = () => (io.disconnect(), unwatch())
  look()
  return stop
}

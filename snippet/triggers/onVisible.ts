import { shareInView } from '../core/shareInView'
import { onDomChange } from './onDomChange'

/**
 * Calls `visible()` once, the first time an element matching `selector` has `threshold` of
 * itself in the viewport, or of as much of it as the viewport can show (see shareInView), by an
 * IntersectionObserver (no scroll listener, no layout reads of ours), including elements added
 * after load. An invalid selector throws at once (the caller reports it). Returns the teardown.
 */
export function onVisible(selector: string, threshold: number, visible: () => void, onError: (e: unknown) => void): () => void {
  document.querySelector(selector)
  const seen = new WeakSet<Element>()
  // The observer calls back as the ratio crosses `threshold`, and each 0.8 of it below, down to
  // about a thousandth of it: an element larger than the viewport never reaches its threshold, and is
  // looked at as it fills more of the viewport (it is seen at most a quarter past the share asked for)
  const steps = [...Array(31)].map((_, i) => threshold * 0.8 ** i)
  const io = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting && shareInView(e.intersectionRatio, e.boundingClientRect, e.intersectionRect, e.rootBounds) >= threshold - 1e-3))
        stop(), visible()
    },
    { threshold: steps },
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

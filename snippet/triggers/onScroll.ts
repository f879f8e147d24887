/** The default scroll depths, in percent. */
export const SCROLL_DEPTHS = [25, 50, 75, 90]

/**
 * Calls `reached(percent)` once for each depth of `depths` the visitor scrolls to: the share of
 * the page's current height that has been in view (so a list that grows as it is scrolled is
 * measured against its new height). A passive listener only notes that a scroll happened; the
 * measure runs at most once per animation frame. A page that cannot scroll (no taller than
 * the window) sends nothing: depths are read on scroll. The listener goes once every depth is
 * reached. Returns the teardown.
 */
export function onScroll(depths: number[], reached: (percent: number) => void, onError: (e: unknown) => void): () => void {
  let left = depths.slice().sort((a, b) => a - b)
  let frame = 0
  const measure = () => {
    frame = 0
    try {
      const d = document.documentElement
      const height = Math.max(d.scrollHeight, document.body ? document.body.scrollHeight : 0)
      if (height <= innerHeight) return
      const seen = ((scrollY + innerHeight) / height) * 100
      while (left.length && left[0] <= seen + 0.5) reached(left.shift()!)
      if (!left.length) stop()
    } catch (e) {
      onError(e)
    }
  }
  const listener = () => {
    if (!frame) frame = requestAnimationFrame(measure)
  }
  const stop = () => {
    removeEventListener('scroll', listener)
    cancelAnimationFrame(frame)
    left = []
  }
  addEventListener('scroll', listener, { passive: true })
  return stop
}

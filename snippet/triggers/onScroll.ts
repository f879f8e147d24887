/** The default scroll depths, in percent. */
export const SCROLL_DEPTHS = [25, 50, 75, 90]

// The viewport stretched far up and sideways: a page's share inside it is the share of its
// height that has been above the bottom of the window, its scroll depth.
const ABOVE = '1000000px 1000000px 0px 1000000px'

/**
 * Calls `reached(percent)` once for each depth of `depths` the visitor has seen: the share of
 * the page's current height that has been in view, from the top (so the first screen counts,
 * and a list that grows is measured against its new height). No scroll listener on the window:
 * an IntersectionObserver on the page with the viewport stretched upwards, whose thresholds are
 * the depths, so the browser calls back only when a depth is crossed, and scrolling costs the
 * page nothing of ours (`npm run bench`). A page that cannot scroll (no taller than the window)
 * sends nothing, unless it is an app shell: see `shell`. Returns the teardown.
 */
export function onScroll(depths: number[], reached: (percent: number) => void, onError: (e: unknown) => void): () => void {
  let left = depths.slice().sort((a, b) => a - b)
  const see = (seen: number) => {
    while (left.length && left[0] <= seen + 0.5) reached(left.shift()!)
    if (!left.length) stop()
  }
  const io = new IntersectionObserver(
    (entries) => {
      try {
        for (const e of entries) if (e.boundingClientRect.height > innerHeight) see(e.intersectionRatio * 100)
      } catch (err) {
        onError(err)
      }
    },
    { rootMargin: ABOVE, threshold: left.map((p) => Math.max(0, p / 100 - 0.005)) },
  )
  io.observe(document.documentElement)

  // An app shell: the window never scrolls (the page is no taller than it), its content scrolls
  // in an element of its own that takes most of the window (`main { overflow-y: auto }`). That
  // element is the page, found at its first scroll: scroll events do not bubble, but a capture
  // listener sees them on the way down. The window's first scroll says the page is no shell:
  // the listener goes then, since a call at each scroll event cost the page 0.5 ms of script
  // per second of scrolling (`npm run bench`). Scroll events inside a shadow root never reach
  // the document: a shell there sends nothing.
  let box: Element | undefined
  const shell = (e: Event) => {
    try {
      const t = e.target as Element
      if (t == box || (!box && t.clientHeight * 3 >= innerHeight * 2 && t.clientWidth * 2 >= innerWidth && document.documentElement.scrollHeight <= innerHeight))
        (box = t), see(((t.scrollTop + t.clientHeight) / t.scrollHeight) * 100)
      else if (t == (document as unknown)) off()
    } catch (err) {
      onError(err)
    }
  }
  const off = () => document.removeEventListener('scroll', shell, true)
  document.addEventListener('scroll', shell, { capture: true, passive: true })
  const stop = () => {
    io.disconnect()
    off()
  }
  return stop
}

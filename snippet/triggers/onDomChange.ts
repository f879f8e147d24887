let observer: MutationObserver | undefined
let frame: unknown = 0
const watchers = new Set<() => void>()

const run = () => {
  frame = 0
  for (const w of Array.from(watchers)) w()
}

/**
 * Calls `changed()` after the DOM changes (nodes added or removed anywhere), at most once per
 * animation frame whatever the number of mutations: one MutationObserver shared by every
 * trigger that looks for elements. A hidden page has no frames, though its app renders all the
 * same (a tab opened in the background): there, at most once per 50 ms, by a timer, so that an
 * element added while the visitor has not looked yet is `present` before the tab may be closed
 * unseen. (A frame asked for in the moment before the page is hidden comes when it is shown.)
 * Returns the teardown.
 */
export function onDomChange(changed: () => void): () => void {
  watchers.add(changed)
  if (!observer) {
    observer = new MutationObserver(() => {
      if (!frame) frame = document.hidden ? setTimeout(run, 50) : requestAnimationFrame(run)
    })
    observer.observe(document.documentElement, { childList: true, subtree: true })
  }
  return () => {
    watchers.delete(changed)
    if (!watchers.size && observer) observer.disconnect(), (observer = undefined)
  }
}

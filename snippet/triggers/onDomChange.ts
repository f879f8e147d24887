let observer: MutationObserver | undefined
let frame = 0
const watchers = new Set<() => void>()

/**
 * Calls `changed()` after the DOM changes (nodes added or removed anywhere), at most once per
 * animation frame whatever the number of mutations: one MutationObserver shared by every
 * trigger that looks for elements. Returns the teardown.
 */
export function onDomChange(changed: () => void): () => void {
  watchers.add(changed)
  if (!observer) {
    observer = new MutationObserver(() => {
      if (!frame)
        frame = requestAnimationFrame(() => {
          frame = 0
          for (const w of Array.from(watchers)) w()
        })
    })
    observer.observe(document.documentElement, { childList: true, subtree: true })
  }
  return () => {
    watchers.delete(changed)
    if (!watchers.size && observer) observer.disconnect(), (observer = undefined)
  }
}

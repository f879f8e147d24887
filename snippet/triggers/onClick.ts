/**
 * Calls `handle(element)` for the element matching `selector` at or above the target of each
 * activation, within open shadow roots too: a click (mouse, touch, or Enter/Space on a link or
 * button), and a middle-click (which opens a link in a new tab and fires no click). One
 * delegated listener on the document, in the capture phase, so a page that stops propagation
 * does not hide clicks; it never prevents or delays anything. An invalid selector throws at
 * once (the caller reports it). Returns the teardown.
 */
export function onClick(selector: string, handle: (el: Element, e: MouseEvent) => void, onError: (e: unknown) => void): () => void {
  document.querySelector(selector)
  const listener = (e: Event) => {
    try {
      const m = e as MouseEvent
      if (e.type == 'auxclick' && m.button != 1) return
      // along the event's path, not up from e.target: at the document, a click inside a web
      // component's open shadow root has the component for its target, and the link it was on
      // is no ancestor of that
      for (const n of e.composedPath() as Element[]) if (n.matches && n.matches(selector)) return handle(n, m)
    } catch (err) {
      onError(err)
    }
  }
  const o = { capture: true, passive: true }
  document.addEventListener('click', listener, o)
  document.addEventListener('auxclick', listener, o)
  return () => {
    document.removeEventListener('click', listener, o)
    document.removeEventListener('auxclick', listener, o)
  }
}

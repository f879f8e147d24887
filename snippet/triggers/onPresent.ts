import { onDomChange } from './onDomChange'

/**
 * Calls `present()` once, when an element matching `selector` is in the DOM: at once if there
 * is one, else when one is added (an element rendered after load). An invalid selector throws
 * at once (the caller reports it). Returns the teardown.
 */
export function onPresent(selector: string, present: () => void, onError: (e: unknown) => void): () => void {
  let stop = () => {}
  const look = () => {
    try {
      if (document.querySelector(selector)) stop(), present()
    } catch (e) {
      stop()
      onError(e)
    }
  }
  if (document.querySelector(selector)) return present(), stop
  stop = onDomChange(look)
  return () => stop()
}

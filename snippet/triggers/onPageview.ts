import type { Call } from '../core/buildEnvelope'

/** The page view of the page load. (SPA navigation comes with the triggers capability.) */
export function onPageview(emit: (c: Call) => void): () => void {
  emit({ type: 'page' })
  return () => {}
}

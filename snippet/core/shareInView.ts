type Box = { width: number; height: number }

/**
 * How much of an element is in view, as a share of what the viewport can show of it: its
 * intersection ratio, except that a side of the element longer than the viewport's counts only
 * as far as the viewport goes. A section three screens tall that fills the screen is wholly in
 * view, as its visitor sees it, though only a third of it is (its ratio could never reach a
 * `visible` threshold over a third); an element the viewport can hold has its ratio. Without the
 * viewport's size (IntersectionObserver gives none in a cross-origin frame) or an element with
 * no area, the ratio. Pure.
 */
export const shareInView = (ratio: number, element: Box, seen: Box, viewport: Box | null): number =>
  viewport && element.width && element.height
    ? (seen.width / Math.min(element.width, viewport.width)) * (seen.height / Math.min(element.height, viewport.height))
    : ratio

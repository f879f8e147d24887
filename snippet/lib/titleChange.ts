/**
 * Resolves with `document.title` once it is not `was` (looked at every 50 ms), or after `ms`. A
 * single-page app's router changes the URL first and renders the new page, and sets its title,
 * in a later task (React Router with a title set by an effect or a React 19 `<title>`: measured,
 * every view read at once carried the page before's title). (A MutationObserver on the head
 * would see it at once, for 47 B more of pixel.js: 50 ms is nothing to a page view.)
 */
export function titleChange(was: string, ms: number): Promise<string> {
  return new Promise((resolve) => {
    const end = Date.now() + ms
    const look = () => (document.title != was || Date.now() >= end ? resolve(document.title) : setTimeout(look, 50))
    look()
  })
}

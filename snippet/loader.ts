// The loader stub: pasted inline into a page (or a tag manager's Custom HTML), it defines
// window.pixel as a queue, so calls made before pixel.js arrives are kept in order, and
// inserts pixel.js async. The build minifies this into dist/loader.js (the text the README
// and the e2e fixtures paste). Replace "/pixel.js" with the URL you serve pixel.js from.
;((w: any, d: Document, src: string) => {
  // (an own property: an element of id "pixel" is window.pixel too, by named access, and no stub)
  if ({}.hasOwnProperty.call(w, 'pixel')) return
  // p.q is looked up on every call, so pixel.js can swap it for a direct dispatcher later
  const p = (w.pixel = function () {
    p.q.push(arguments)
  } as any)
  p.q = []
  'init track page identify set reset consent flush debug'.split(' ').forEach((m) => {
    p[m] = (...a: unknown[]) => {
      p.q.push([m, ...a])
    }
  })
  const s = d.createElement('script')
  s.async = true
  s.src = src
  d.head.appendChild(s)
})(window, document, '/pixel.js')

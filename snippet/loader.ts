// The loader stub: pasted inline into a page (or a tag manager's Custom HTML), it defines
// window.pixel as a queue, so calls made before pixel.js arrives are kept in order, and
// inserts pixel.js async. The build minifies this into dist/loader.js (the text the README
// and the e2e fixtures paste). Replace "/pixel.js" with the URL you serve pixel.js from.
;((w: any, d: Document, src: string) => {
  // (an own property: an element of id "pixel" is window.pixel too, by named access, and no stub)
  if ({}.hasOwnProperty.call(w, 'pixel')) return
  // Each call keeps the address, the time and the title it was made at, as a moment ([URL,
  // referrer, time, title], the referrer the document's): pixel.js, arriving later, sends its
  // events as of then (an app's router may have replaced the address and the title meanwhile, as
  // it boots; a title not parsed yet is "", and the one at the replay goes). p.q is looked up on
  // every call, so pixel.js can swap it for a direct dispatcher later.
  const q = (c: any) => {
    c.t = [d.URL, , Date.now(), d.title]
    p.q.push(c)
  }
  const p = (w.pixel = function () {
    q(arguments)
  } as any)
  p.q = []
  'init track page identify set reset consent flush debug'.split(' ').forEach((m) => {
    p[m] = (...a: unknown[]) => {
      q([m, ...a])
    }
  })
  const s = d.createElement('script')
  s.async = true
  // Under Trusted Types (require-trusted-types-for 'script') a script's src takes only a
  // TrustedScriptURL: a policy of the stub's own, out of the page's reach, vouches for this one
  // URL. A page whose CSP names its policies must name 'pixel'; where it does not, pixel.js is
  // not loaded, with one line, and nothing is thrown into the page. (No `?.` here: the stub is
  // the one part of pixel an older browser must still parse, so that the page's calls queue.)
  const t = w.trustedTypes
  try {
    s.src = t ? t.createPolicy('pixel', { createScriptURL: String }).createScriptURL(src) : src
    d.head.appendChild(s)
  } catch (e) {
    console.warn('[pixel] not loaded', e)
  }
})(window, document, '/pixel.js')

// The loader stub: pasted inline into a page (or a tag manager's Custom HTML), it defines
// window.pixel as a queue, so calls made before pixel.js arrives are kept in order, and
// inserts pixel.js async. The build minifies this into dist/loader.js (the text the README
// and the e2e fixtures paste). Replace "/pixel.js" with the URL you serve pixel.js from.
// It is ES5, as vendors' snippets are, and the build holds it to that (target es5): a tag
// manager may refuse ES2015 syntax in a Custom HTML tag (Google Tag Manager long did), and an
// older browser that cannot parse pixel.js must still parse this, so that the page's calls
// queue instead of throwing (pixel.js then never runs, and nothing is sent).
;(function (w: any, d: Document, src: string) {
  // (an own property: an element of id "pixel" is window.pixel too, by named access, and no stub)
  if ({}.hasOwnProperty.call(w, 'pixel')) return
  // Each call keeps the address, the time and the title it was made at, as a moment ([URL,
  // referrer, time, title], the referrer the document's): pixel.js, arriving later, sends its
  // events as of then (an app's router may have replaced the address and the title meanwhile, as
  // it boots; a title not parsed yet is "", and the one at the replay goes). The URL is
  // location.href, not document.URL, which keeps the user name and password of a page opened
  // with them (https://user:secret@host/, a staging site behind basic auth). p.q is looked up on
  // every call, so pixel.js can swap it for a direct dispatcher later.
  var p = (w.pixel = function () {
    q(arguments)
  } as any)
  function q(c: any) {
    c.t = [location.href, , Date.now(), d.title]
    p.q.push(c)
  }
  p.q = []
  'init track page identify set reset consent flush debug'.split(' ').forEach(function (m) {
    p[m] = function () {
      q([m].concat([].slice.call(arguments)))
    }
  })
  var s = d.createElement('script')
  s.async = true
  // Under Trusted Types (require-trusted-types-for 'script') a script's src takes only a
  // TrustedScriptURL: a policy of the stub's own, out of the page's reach, vouches for this one
  // URL. A page whose CSP names its policies must name 'pixel'; where it does not, pixel.js is
  // not loaded, with one line, and nothing is thrown into the page.
  var t = w.trustedTypes
  try {
    s.src = t ? t.createPolicy('pixel', { createScriptURL: String }).createScriptURL(src) : src
    d.head.appendChild(s)
  } catch (e) {
    console.warn('[pixel] not loaded', e)
  }
})(window, document, '/pixel.js')

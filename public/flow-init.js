// The config of the Envoy gift flow pages (gift, welcome, signup, trial, purchase): each page
// inlines the loader stub, then this. The write key is the page's (<html data-key>).
;(() => {
  const key = document.documentElement.dataset.key || 'demo'
  pixel.init({
    writeKey: key,
    cleanUrl: true,
    // the collector's native batch, and Envoy's Pixel API (the reference collector plays Envoy
    // here; a real site routes Envoy through its own server, which adds the key: see the README)
    destinations: [{ format: 'native' }, { format: 'envoy', apiKey: key }],
  })
})()

/**
 * The headers every answer and file of the collector carries, for pages of any origin: CORS
 * readable (`*`), and embeddable under Cross-Origin-Embedder-Policy: require-corp, whose page
 * takes the answer to a no-cors request (an <img> pixel, a script tag of pixel.js without
 * crossorigin) only with CORP. Without it, pixel.js from another origin does not run there, and a
 * GET pixel is stored yet fails in the page, and is sent again and again.
 */
export const CROSS_ORIGIN = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
}

export type Encoding = 'br' | 'gzip'

/**
 * The content coding of a response, from the request's Accept-Encoding: the one of brotli and
 * gzip the client weighs highest (brotli on a tie: it is the smaller), or none when it takes
 * neither. A coding with q=0 is refused; `*` stands for every coding not named.
 */
export function pickEncoding(accept: string | undefined): Encoding | undefined {
  const weights = new Map<string, number>()
  for (const part of (accept || '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim())
    const q = params.find((p) => p.startsWith('q='))
    // (x-gzip is gzip's old name, which a client may still send; a weight that is no number is 0)
    if (name) weights.set(name == 'x-gzip' ? 'gzip' : name, q ? Number(q.slice(2)) || 0 : 1)
  }
  const weight = (c: Encoding) => weights.get(c) ?? weights.get('*') ?? 0
  const best = weight('br') >= weight('gzip') ? 'br' : 'gzip'
  return weight(best) > 0 ? best : undefined
}

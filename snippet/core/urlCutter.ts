import { coerce, IDENTITY } from './config'
import { paramNames } from './paramNames'
import { stripParams } from './stripParams'
import { capUrl } from './capUrl'

/**
 * What cuts a URL before it is sent, by the options `raw`: the identification parameters and
 * the `denyParams` list go (see stripParams), then what is past MAX_URL_SENT (see capUrl).
 * Silent about bad options: the identity plugin's land() reports them once. Pure.
 */
export function urlCutter(raw: Record<string, unknown>): (url: string) => string {
  const { secret } = paramNames(coerce(raw, IDENTITY, () => {}), () => {})
  return (u) => capUrl(stripParams(u, secret))
}

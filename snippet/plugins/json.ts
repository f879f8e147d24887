// Plugin `json` (dist/pixel.json.js): the full sanitizer, for properties that are not plain JSON
// data (a Date, a Map, a circular reference, a class instance...). pixel.js copies plain data
// itself and loads this the first time a call brings anything else; that call, and the calls
// after it, wait for it and then run in order.
import { toProps } from '../core/toJson'
import type { Registry } from '../lib/loadPlugin'

export default (r: Registry) => {
  r.json = toProps
}

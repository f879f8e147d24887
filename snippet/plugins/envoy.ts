// Plugin `envoy` (dist/pixel.envoy.js): the Envoy Pixel API encoder, for `envoy` destinations.
import { encodeEnvoy } from '../core/formats/envoy'
import type { Registry } from '../lib/loadPlugin'

export default (r: Registry) => {
  r.encoders.envoy = encodeEnvoy
}

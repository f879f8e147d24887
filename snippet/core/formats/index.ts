import type { Destination, Envelope, WireRequest } from '../types'
import { encodeNative } from './native'
import { encodeRudderstackPixel } from './rudderstackPixel'

export type Encoder = (events: Envelope[], d: Destination, now: number) => WireRequest[]

/** The wire formats this build can speak, by the name `format` takes in config. */
export const ENCODERS: Record<string, Encoder> = {
  native: encodeNative,
  'rudderstack-pixel': encodeRudderstackPixel,
}

/** Formats whose collector identifies the source by a writeKey: nothing is sent until one is set. */
export const KEYED: Record<string, 1> = { native: 1, 'rudderstack-pixel': 1 }

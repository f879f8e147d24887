import type { Destination, Envelope, WireRequest } from '../types'
import { encodeNative } from './native'

export type Encoder = (events: Envelope[], d: Destination, now: number) => WireRequest[]

/**
 * The wire formats, by the name `format` takes in config, each with the plugin that brings its
 * encoder ('' = built into pixel.js). Plugins load on demand (snippet/plugins), so a site pays
 * only for the formats it sends.
 */
export const FORMATS: Record<string, string> = { native: '', 'rudderstack-pixel': 'get' }

/** The encoders present now; plugins add theirs when they load. */
export const ENCODERS: Record<string, Encoder> = { native: encodeNative }

import type { Destination, Envelope, WireRequest } from '../types'
import { encodeNative } from './native'

export type Encoder = (events: Envelope[], d: Destination, now: number) => WireRequest[]

/** The encoders present now, by format; plugins add theirs when they load. */
export const ENCODERS: Record<string, Encoder> = { native: encodeNative }

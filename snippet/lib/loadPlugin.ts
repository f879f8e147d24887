import type { Outbox } from '../core/createOutbox'
import type { Store } from './createStore'
import { ENCODERS, type Encoder } from '../core/formats/index'

/** What plugins add to pixel.js: encoders, and the helpers only some pages need. */
export interface Registry {
  encoders: Record<string, Encoder>
  /** takes over other tabs' closed or expired outbox segments (plugin `adopt`) */
  adopt?: (outbox: Outbox, id: string, done: (n: number) => void) => void
  /** first-party cookies for the ids where localStorage fails (plugin `cookie`) */
  cookie?: Store
  /** sends a GET as an image request (plugin `get`) */
  image?: (url: string, done: (status: number) => void) => void
}

export const registry: Registry = { encoders: ENCODERS }

/** A plugin module's default export: it adds what it brings to the registry (the `messages` plugin is its table instead). */
export type Plugin = (r: Registry) => void

const loading: Record<string, Promise<any>> = {}

/**
 * Imports the plugin `name` once, from dist/pixel.<name>.js beside pixel.js (`base` is that
 * folder's URL), and resolves with its default export. A module import needs no eval and passes
 * a CSP that lets pixel.js run from the same place (or allows it with 'strict-dynamic').
 */
export function loadPlugin(name: string, base: string): Promise<any> {
  return (loading[name] = loading[name] || import(/* webpackIgnore: true */ base + 'pixel.' + name + '.js').then((m) => m.default))
}

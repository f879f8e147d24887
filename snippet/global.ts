// `window.pixel` for a TypeScript page that installs pixel by script tag, stub or tag manager
// rather than by createPixel(): `import type {} from 'pixel-snippet/global'` once in the app.
// Types only: nothing here is built into pixel.js.
import type { PixelGlobal } from './module'

declare global {
  interface Window {
    /**
     * Undefined where pixel.js was blocked (a content blocker, a failed download) or has not run
     * yet, unless the stub defined it: write `window.pixel?.track(...)`, which never throws. (A
     * bare `pixel` is typed nowhere: where it was never defined it throws a ReferenceError.)
     */
    pixel?: PixelGlobal
  }
}

export {}

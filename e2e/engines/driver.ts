// What `npm run engines` drives a browser with: Firefox over WebDriver BiDi (firefox.ts), WebKit
// over WebDriver (webkit.ts), both spoken directly, with no client library.

export interface Driver {
  /** the engine and its version, as the browser gives them */
  name: string
  open(url: string): Promise<void>
  /** Evaluates `expression` in the page (a promise is awaited) and returns its value, through JSON. */
  run<T = unknown>(expression: string): Promise<T>
  back(): Promise<void>
  /** Opens a tab and goes on in it; with `close`, closes the one it was in (its page unloads). */
  newTab(close?: boolean): Promise<void>
  quit(): Promise<void>
}

/** Waits until what `stream` has written matches `re` (a browser's or a display's start-up output). */
export function lineOf(stream: NodeJS.ReadableStream, re: RegExp, ms = 30_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = ''
    const timer = setTimeout(() => reject(new Error(`not started within ${ms / 1000} s: ${seen.slice(-300)}`)), ms)
    const read = (b: Buffer) => {
      seen += b
      const m = re.exec(seen)
      // (the stream flows on, unread, so that the process never blocks on a full pipe)
      if (m) clearTimeout(timer), stream.off('data', read), resolve(m)
    }
    stream.on('data', read)
  })
}

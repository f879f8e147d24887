export type Table = Record<string, (...a: any[]) => string>

export interface Log {
  /** Misuse or a problem the site owner must fix: always printed, one line. */
  warn(code: string, ...args: unknown[]): void
  /** The event flow (sent, dropped and why): printed in debug mode only. */
  debug(code: string, ...args: unknown[]): void
}

/**
 * Console lines by code (core/messages.ts). The text table is loaded the first time a line is
 * printed; lines keep their order. If it cannot load, the line still says the code and its
 * values (the README's Messages table explains each code). Nothing here can throw, even with
 * `console` replaced.
 */
export function createLog(isDebug: () => boolean, load: () => Promise<Table>): Log {
  let table: Promise<Table | void>
  const out = (level: 'warn' | 'log', code: string, args: unknown[]) => {
    ;(table = table || load().catch(() => {})).then((t) => {
      try {
        // objects (an envelope, a request) follow the text, for the console to expand
        console[level](
          '[pixel] ' + (t ? t[code](...args) : code + ' ' + args.join(' ')),
          ...args.filter((a) => a && typeof a == 'object'),
        )
      } catch {}
    })
  }
  return {
    warn: (code, ...args) => out('warn', code, args),
    debug: (code, ...args) => isDebug() && out('log', code, args),
  }
}

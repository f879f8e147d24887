export interface Log {
  /** Misuse or a problem the site owner must fix: always printed, one line. */
  warn(message: string): void
  /** Event flow (sent, dropped and why): printed in debug mode only. */
  debug(message: string, data?: unknown): void
}

/** Console output that cannot throw, even when the page replaced `console`. */
export function createLog(isDebug: () => boolean): Log {
  const out = (level: 'warn' | 'log', args: unknown[]) => {
    try {
      console[level].apply(console, ['[pixel] ' + args[0], ...args.slice(1)])
    } catch {}
  }
  return {
    warn: (m) => out('warn', [m]),
    debug: (m, data) => isDebug() && out('log', data === undefined ? [m] : [m, data]),
  }
}

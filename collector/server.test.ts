// dist/collector.mjs as `npm start` runs it (npm test builds first).
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** Runs the collector until it exits, with `env` added; its exit code and output. */
const run = (env: Record<string, string>) =>
  new Promise<{ code: number | null; out: string }>((done) => {
    execFile(process.execPath, ['dist/collector.mjs'], { env: { ...process.env, ...env }, timeout: 10_000 }, (e, stdout, stderr) =>
      done({ code: e ? (e.code as number | null) : 0, out: stdout + stderr }),
    )
  })

describe('npm start', () => {
  it('on a port in use, stops with one line that says what to do', async () => {
    const busy: Server = createServer()
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r))
    const port = (busy.address() as { port: number }).port
    try {
      const { code, out } = await run({ PORT: String(port), DATA_DIR: join(tmpdir(), 'pixel-server-test') })
      expect(code).toBe(1)
      expect(out).toBe(`pixel collector not started: 127.0.0.1:${port} is in use (another npm start?): stop it, or set PORT to another port\n`)
    } finally {
      busy.close()
    }
  })

  it('with a wrong setting, stops with one line naming it', async () => {
    const { code, out } = await run({ PORT: '0', BODY_LIMIT: '1mb' })
    expect(code).toBe(1)
    expect(out).toBe('pixel collector not started: BODY_LIMIT=1mb is not a number of bytes (a whole number of 65536 or more)\n')
  })
})

// WebKit (Debian's WebKitGTK MiniBrowser, the engine of Safari) over WebDriver, spoken directly
// over HTTP to WebKitWebDriver. MiniBrowser needs a display: a virtual one (Xvfb) unless there is one.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { lineOf, type Driver } from './driver'

export const MINIBROWSER = ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser'].find(existsSync)

/** A port nothing listens on now. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

export async function webkit(binary = MINIBROWSER!): Promise<Driver> {
  const procs: ChildProcess[] = []
  const env = { ...process.env }
  if (!env.DISPLAY) {
    const x = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1366x768x24'], { stdio: ['ignore', 'pipe', 'ignore'] })
    procs.push(x)
    env.DISPLAY = ':' + (await lineOf(x.stdout!, /^(\d+)\s/))[1]
  }
  const port = await freePort()
  procs.push(spawn('WebKitWebDriver', [`--port=${port}`], { env, stdio: 'ignore' }))
  const base = `http://127.0.0.1:${port}`
  const call = async (method: string, path: string, body?: object): Promise<any> => {
    const r = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) })
    const j = await r.json()
    if (!r.ok) throw new Error(`${path}: ${j.value && j.value.message}`)
    return j.value
  }
  for (let i = 0; !(await fetch(base + '/status').then((r) => r.ok, () => false)); i++) {
    if (i > 100) throw new Error('WebKitWebDriver did not start')
    await new Promise((r) => setTimeout(r, 100))
  }
  const session = await call('POST', '/session', { capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary, args: ['--automation'] } } } })
  const s = `/session/${session.sessionId}`
  return {
    name: `WebKitGTK ${session.capabilities.browserVersion}`,
    async open(url) {
      await call('POST', s + '/url', { url })
    },
    async run<T>(expression: string) {
      // (WebDriver's script is a function body; its last argument is the callback of an async one)
      const script = `const done = arguments[0]; Promise.resolve(${expression}).then((v) => done(JSON.stringify(v === undefined ? null : v)), (e) => done(JSON.stringify({ thrown: String(e) })))`
      const v = JSON.parse(await call('POST', s + '/execute/async', { script, args: [] }))
      if (v && v.thrown) throw new Error(v.thrown)
      return v as T
    },
    async back() {
      await call('POST', s + '/back', {})
    },
    async newTab(close) {
      const { handle } = await call('POST', s + '/window/new', { type: 'tab' })
      // (DELETE /window closes the current window)
      if (close) await call('DELETE', s + '/window')
      await call('POST', s + '/window', { handle })
    },
    async quit() {
      await call('DELETE', s).catch(() => {})
      for (const p of procs.reverse()) p.kill()
    },
  }
}

// Firefox (Debian's firefox-esr) over WebDriver BiDi, spoken directly over a WebSocket: Playwright
// drives only its own patched Firefox build, which this machine cannot download.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lineOf, type Driver } from './driver'

/**
 * Preferences of the throwaway profile: every request to anything but 127.0.0.1 goes to a proxy
 * that refuses it (Firefox asks its own services for settings and updates at start-up).
 */
const PREFS: Record<string, string | number | boolean> = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.no_proxies_on': '127.0.0.1',
  'network.proxy.allow_hijacking_localhost': false,
  'app.update.disabledForTesting': true,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
}

export async function firefox(binary = '/usr/bin/firefox-esr'): Promise<Driver> {
  const profile = mkdtempSync(join(tmpdir(), 'pixel-firefox-'))
  writeFileSync(join(profile, 'user.js'), Object.entries(PREFS).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});\n`).join(''))
  const proc = spawn(binary, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] })
  const [, url] = await lineOf(proc.stderr!, /WebDriver BiDi listening on (ws:\/\/\S+)/)
  const ws = new WebSocket(url + '/session')
  await new Promise((resolve, reject) => ((ws.onopen = resolve), (ws.onerror = reject)))
  let id = 0
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>()
  ws.onmessage = (m) => {
    const msg = JSON.parse(String(m.data))
    const w = waiting.get(msg.id)
    if (!w) return
    waiting.delete(msg.id)
    msg.type == 'error' ? w.reject(new Error(`${msg.error}: ${msg.message}`)) : w.resolve(msg.result)
  }
  // (a browser gone answers nothing more: what waits fails)
  ws.onclose = () => {
    for (const w of waiting.values()) w.reject(new Error('Firefox closed the connection'))
    waiting.clear()
  }
  const send = (method: string, params: object): Promise<any> =>
    new Promise((resolve, reject) => {
      waiting.set(++id, { resolve, reject })
      ws.send(JSON.stringify({ id, method, params }))
    })
  const session = await send('session.new', { capabilities: {} })
  let context: string = (await send('browsingContext.getTree', {})).contexts[0].context
  return {
    name: `Firefox ${session.capabilities.browserVersion}`,
    async open(url) {
      await send('browsingContext.navigate', { context, url, wait: 'complete' })
    },
    async run<T>(expression: string) {
      const r = await send('script.evaluate', { expression: `Promise.resolve(${expression}).then((v) => JSON.stringify(v === undefined ? null : v))`, target: { context }, awaitPromise: true })
      if (r.type == 'exception') throw new Error(r.exceptionDetails.text)
      return JSON.parse(r.result.value) as T
    },
    async back() {
      await send('browsingContext.traverseHistory', { context, delta: -1 })
    },
    async newTab(close) {
      const next = (await send('browsingContext.create', { type: 'tab' })).context
      if (close) await send('browsingContext.close', { context })
      context = next
    },
    async quit() {
      await send('session.end', {}).catch(() => {})
      ws.close()
      proc.kill()
    },
  }
}

// Makes docs/demo.png, the README's picture of the demo: the Envoy gift flow walked as the
// README describes it (subscriber 12 gifts a month, the friend opens the share link), then the
// friend's page with the events the collector received, grouped by destination format.
// Run after a build: `node build.mjs && node docs/screenshot.mjs`.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'

const port = 8765
const base = `http://127.0.0.1:${port}`
const server = spawn(process.execPath, ['dist/collector.mjs'], { env: { ...process.env, PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), 'pixel-shot-')) }, stdio: 'inherit' })
for (let i = 0; i < 100; i++) {
  if (await fetch(base + '/').then(() => true, () => false)) break
  await new Promise((r) => setTimeout(r, 100))
}

const executablePath = chromium.executablePath()
const browser = await chromium.launch({
  executablePath: (await import('node:fs')).existsSync(executablePath) ? executablePath : process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  ignoreDefaultArgs: ['--enable-automation'], // pixel filters automated browsers, as it should
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-blink-features=AutomationControlled'],
})
const page = await browser.newPage({
  viewport: { width: 1100, height: 1500 },
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
})
await page.goto(`${base}/gift.html?wk=giftbox&userId=12`)
await page.click('#gift')
await page.click('#share-link')
await page.waitForURL('**/welcome.html**')
// the panel shows every event of the flow: the gift page's identify, page view and three events
// (the events in both destinations), and the friend's page view
await page.waitForFunction(() => document.querySelectorAll('#inspector tbody tr').length >= 9)
await page.screenshot({ path: 'docs/demo.png' })
await browser.close()
server.kill()

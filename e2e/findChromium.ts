import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

/**
 * The Chromium the e2e specs drive: Playwright's own when installed, else CHROMIUM_PATH, else
 * Debian's /usr/bin/chromium. With none, it tries `playwright install chromium` once (where the
 * network allows), and otherwise stops with one line saying what to install.
 * Returns undefined for Playwright's own browser, or the path of a system one.
 */
export function findChromium(): string | undefined {
  const own = () => {
    try {
      return existsSync(chromium.executablePath())
    } catch {
      return false
    }
  }
  if (own()) return undefined
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) if (p && existsSync(p)) return p
  if (!process.env.TEST_WORKER_INDEX) {
    try {
      execSync('npx playwright install chromium', { stdio: 'inherit', timeout: 300_000 })
    } catch {}
    if (own()) return undefined
  }
  throw new Error('No Chromium found: run `npx playwright install chromium`, or `apt-get install chromium`, or set CHROMIUM_PATH')
}

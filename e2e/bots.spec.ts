import { chromium, expect, test } from '@playwright/test'
import config, { PORT } from '../playwright.config'
import { keyFor, stored, waitForEvents } from './helpers'
import { HUMAN } from './human'

declare const pixel: any
const HEADLESS = HUMAN.replace('Chrome/', 'HeadlessChrome/')
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'

test.describe('bots send nothing', () => {
  for (const [who, ua] of [
    ['Googlebot', GOOGLEBOT],
    ['headless Chrome', HEADLESS],
  ])
    test(`${who}: nothing sent, nothing stored; a person right after is tracked`, async ({ browser, request }, info) => {
      const key = keyFor(info)
      const bot = await browser.newContext({ userAgent: ua })
      const page = await bot.newPage()
      const sent: string[] = []
      page.on('request', (r) => /\/v1\/batch|\/pixel\/v1\//.test(r.url()) && sent.push(r.url()))
      await page.goto(`/fixtures/tag.html?wk=${key}`)
      await page.waitForFunction(() => typeof pixel == 'function' && !!pixel.version)
      await page.evaluate(() => (pixel.track('botEvent'), pixel.flush()))
      // a person's event after the bot's: once it is stored, the bot's would have been too
      const person = await (await browser.newContext({ userAgent: HUMAN })).newPage()
      await person.goto(`/fixtures/tag.html?wk=${key}`)
      await waitForEvents(request, key, 1)
      expect(sent).toEqual([])
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pixel.')))).toEqual([])
      await bot.close()
    })

  test('a browser driven by automation (navigator.webdriver) is a bot; data-allow-bots tracks it', async ({ request }, info) => {
    const key = keyFor(info)
    const launch = config.use!.launchOptions!
    // Playwright's own flags: navigator.webdriver is true
    const driven = await chromium.launch({ executablePath: launch.executablePath, args: launch.args!.filter((a) => !/AutomationControlled/.test(a)) })
    try {
      const page = await (await driven.newContext({ userAgent: HUMAN, baseURL: `http://127.0.0.1:${PORT}` })).newPage()
      expect(await page.evaluate(() => navigator.webdriver)).toBe(true)
      await page.goto(`/fixtures/allow-bots.html?wk=${key}-no&allow=false`)
      await page.goto(`/fixtures/allow-bots.html?wk=${key}&allow=true`)
      await waitForEvents(request, key, 1)
      expect(await stored(request, key + '-no')).toEqual([])
    } finally {
      await driven.close()
    }
  })
})

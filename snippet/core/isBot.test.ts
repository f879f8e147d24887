// The bot filter measured on public corpora: `crawler-user-agents` (known crawlers, every
// instance of every pattern) must be caught, `user-agents` (real browsers, weighted by share)
// must pass.
import crawlers from 'crawler-user-agents'
import UserAgent from 'user-agents'
import { describe, expect, it } from 'vitest'
import { isBot } from './isBot'

describe('isBot', () => {
  it('catches over 95% of the known crawlers of crawler-user-agents', () => {
    const instances = (crawlers as { instances: string[] }[]).flatMap((c) => c.instances)
    const caught = instances.filter((ua) => isBot(ua)).length
    const share = caught / instances.length
    console.log(`crawler-user-agents: ${caught} of ${instances.length} instances caught (${(share * 100).toFixed(2)}%)`)
    expect(instances.length).toBeGreaterThan(1000)
    expect(share).toBeGreaterThan(0.95)
  })

  it('passes over 99.9% of the real browser user agents of user-agents', () => {
    const browsers = (UserAgent as unknown as { top(n: number): { userAgent: string }[] }).top(10_000).map((u) => u.userAgent)
    const flagged = browsers.filter((ua) => isBot(ua))
    console.log(`user-agents: ${flagged.length} of ${browsers.length} real browsers flagged (${((flagged.length / browsers.length) * 100).toFixed(3)}%)`, flagged.slice(0, 3))
    expect(browsers.length).toBeGreaterThanOrEqual(10_000)
    expect(flagged.length / browsers.length).toBeLessThan(0.001)
  })

  it('a browser driven by automation is a bot, whatever its user agent; headless Chrome is one', () => {
    const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'
    expect(isBot(chrome)).toBe(false)
    expect(isBot(chrome, true)).toBe(true)
    expect(isBot(chrome.replace('Chrome/', 'HeadlessChrome/'))).toBe(true)
    expect(isBot('Googlebot/2.1 (+http://www.google.com/bot.html)')).toBe(true)
    expect(isBot('')).toBe(false)
  })
})

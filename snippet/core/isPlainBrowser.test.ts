// The shortcut that skips the bot plugin, measured on the same public corpora as the filter
// itself: it must never call plain a user agent isbot flags, and must cover most browsers.
import crawlers from 'crawler-user-agents'
import UserAgent from 'user-agents'
import { describe, expect, it } from 'vitest'
import { isBot } from './isBot'
import { isPlainBrowser } from './isPlainBrowser'
import { HUMAN } from '../../e2e/human'

const bots = (crawlers as { instances: string[] }[]).flatMap((c) => c.instances)
const browsers = (UserAgent as unknown as { top(n: number): { userAgent: string }[] }).top(10_000).map((u) => u.userAgent)

describe('isPlainBrowser', () => {
  it('calls plain no user agent that isbot flags, in either corpus', () => {
    const wrong = [...bots, ...browsers].filter((ua) => isPlainBrowser(ua) && isBot(ua))
    expect(wrong).toEqual([])
    // (it is no shortcut if it skips nothing: the known crawlers are all left to isbot)
    expect(bots.filter(isPlainBrowser)).toEqual([])
  })

  it('covers over 99% of the real browser user agents of user-agents', () => {
    const plain = browsers.filter(isPlainBrowser).length
    console.log(`user-agents: ${plain} of ${browsers.length} plain (${((plain / browsers.length) * 100).toFixed(2)}%)`)
    expect(plain / browsers.length).toBeGreaterThan(0.99)
  })

  it('takes the common browsers and refuses headless, crawler and unknown forms', () => {
    expect(isPlainBrowser(HUMAN)).toBe(true)
    expect(isPlainBrowser('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe(true)
    expect(isPlainBrowser('Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1')).toBe(true)
    expect(isPlainBrowser(HUMAN.replace('Chrome/', 'HeadlessChrome/'))).toBe(false)
    // Googlebot's smartphone crawler: a plain Android Chrome, then its own token
    expect(isPlainBrowser('Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')).toBe(false)
    expect(isPlainBrowser(HUMAN + ' Chrome-Lighthouse')).toBe(false)
    expect(isPlainBrowser('Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36 Bytespider')).toBe(false)
    expect(isPlainBrowser('')).toBe(false)
  })
})

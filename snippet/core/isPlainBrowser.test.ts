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

  // the in-app browsers where shared links open; isbot calls each human
  const IN_APP = [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/21F90 [FBAN/FBIOS;FBAV/468.0.0.49.109;FBBV/640017563;FBDV/iPhone15,3;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/642286227]',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/MessengerForiOS;FBAV/485.0.0.41.109;FBBV/651133404;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/18.1;FBSS/3;FBCR/;FBID/phone;FBLC/en_GB;FBOP/5]',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/21F90 Instagram 339.0.3.12.91 (iPhone15,3; iOS 17_5; en_US; en; scale=3.00; 1179x2556; 619461904)',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240705.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.134 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/473.0.0.37.87;]',
    'Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.122 Mobile Safari/537.36 Instagram 339.0.0.28.98 Android (34/14; 480dpi; 1080x2340; samsung; SM-S918B; dm3q; qcom; en_US; 619461904)',
  ]
  it('takes the in-app browsers of Facebook, Messenger and Instagram, which isbot calls human', () => {
    for (const ua of IN_APP) expect([isBot(ua), isPlainBrowser(ua)], ua).toEqual([false, true])
    // the crawler Facebook sends for link previews stays isbot's to judge
    expect(isPlainBrowser('facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)')).toBe(false)
    // an in-app token after a crawler's is still a crawler's
    expect(isPlainBrowser(IN_APP[0].replace(' [FBAN', ' (compatible; Googlebot/2.1) [FBAN'))).toBe(false)
  })
})

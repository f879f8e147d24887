import { isbot } from 'isbot'

/**
 * Is this visitor a bot? isbot's pattern on the user agent (crawlers, scrapers, link previews,
 * headless browsers, monitors), or a browser driven by automation (`navigator.webdriver`).
 * Light, as seed 004 asks: no real browser's user agent of the `user-agents` corpus is caught
 * (isBot.test.ts measures it). Pure.
 */
export const isBot = (userAgent: string, webdriver?: unknown): boolean => webdriver === true || isbot(userAgent)

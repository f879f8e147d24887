/**
 * Is this user agent, whole, the plain form a mainstream browser sends (Chrome, Safari, Edge,
 * Firefox, Samsung Internet, Opera, the Google app, on Windows, macOS, iOS, Android, Linux or
 * ChromeOS), or the in-app browser of Facebook, Messenger or Instagram (where links shared to
 * friends open: a landing's first page should not wait for the bot filter)? Such a visitor is
 * not a bot by isbot's pattern (isPlainBrowser.test.ts checks it over both corpora), so
 * pixel.js spares the page the `bot` plugin (1.5 KB brotli) and its round trip. Anything else
 * (a crawler's token, `compatible;`, HeadlessChrome, an unlisted platform) is left to isbot.
 * It covers over 99% of the `user-agents` corpus. Pure.
 */
export const isPlainBrowser = (ua: string): boolean =>
  /^Mozilla\/5\.0 \((Macintosh; Intel Mac OS X [\d_.]+|i(Phone|Pad); CPU( iPhone)? OS [\d_]+ like Mac OS X|Windows NT [\d.]+; Win64; x64|X11; (CrOS|Linux) x86_64[\d. ]*|(Linux; )?Android [\d.]+; [\w ./-]+(; wv)?)(; rv:[\d.]+)?\)( (AppleWebKit|Chrome|Safari|Version|Mobile|CriOS|FxiOS|GSA|Edg|OPR|SamsungBrowser|Gecko|Firefox)\/[\w.]+| \(KHTML, like Gecko\)| Mobile| \[FB[^\]]*\]| Instagram [\d.]+( Android)? \([^)]*\))+$/.test(
    ua,
  )

/**
 * Does `s` hold something that looks like an email address, anywhere in it (`jill@example.com`,
 * `mailto:jill@example.com?subject=x`)? Such a value never goes in a URL that is sent: logs,
 * proxies and referrers keep URLs. Pure.
 */
export const hasEmail = (s: string) => /[^\s@/?&=#]+@[^\s@/?&=#]+\.[a-z]{2,}/i.test(s)

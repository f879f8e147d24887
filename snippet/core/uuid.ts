/**
 * A random UUID v4 (RFC 9562). crypto.randomUUID exists only in secure contexts (https,
 * localhost), so http pages take the fallback: each x of the template gets 4 random bits from
 * getRandomValues, and the variant digit (8) gets 2, giving 8, 9, a or b.
 */
export function uuid(c: Crypto = crypto): string {
  return c.randomUUID
    ? c.randomUUID()
    : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (d) => (+d ^ (c.getRandomValues(new Uint8Array(1))[0] & (15 >> (+d / 4)))).toString(16))
}

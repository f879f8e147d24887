/** Random bytes for the next 16 UUIDs: one getRandomValues call per 16 (each byte used once). */
const pool = new Uint8Array(256)
let at = 256

/**
 * A random UUID v4 (RFC 9562) from getRandomValues, in secure and insecure contexts alike. Not
 * crypto.randomUUID: it costs Chromium 2 to 7 µs a call, a fifth of a track() call, where
 * formatting bytes from a pool costs about 1.5. Byte 6 carries the version (4), byte 8 the
 * variant (2 random bits left: the digit is 8, 9, a or b).
 */
export function uuid(c: Crypto = crypto): string {
  if (at > 240) c.getRandomValues(pool), (at = 0)
  let s = ''
  for (let i = 0; i < 16; i++, at++)
    // a dash before bytes 4, 6, 8 and 10 (the bits of 0x550)
    s += ((0x550 >> i) & 1 ? '-' : '') + ((i == 6 ? (pool[at] & 15) | 64 : i == 8 ? (pool[at] & 63) | 128 : pool[at]) + 256).toString(16).slice(1)
  return s
}

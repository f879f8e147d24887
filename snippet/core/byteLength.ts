/** UTF-8 length of a string without allocating (a surrogate pair counts 2+2 = 4 bytes). */
export function byteLength(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    n += c < 128 ? 1 : c < 2048 || (c >= 0xd800 && c < 0xe000) ? 2 : 3
  }
  return n
}

import { describe, expect, it } from 'vitest'
import { byteLength } from './byteLength'

describe('byteLength', () => {
  it.each(['', 'abc', 'é', '€uro', '😀 emoji', 'mixed ü € 😀 ascii', '\u0000\u007f\u0080\u07ff\u0800\uffff'])('%j matches UTF-8', (s) =>
    expect(byteLength(s)).toBe(Buffer.byteLength(s, 'utf8')),
  )
})

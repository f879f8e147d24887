import { describe, expect, it } from 'vitest'
import { pickEncoding } from './pickEncoding'

describe('pickEncoding', () => {
  it("brotli where the client takes it, as every current browser's header says", () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br')
    expect(pickEncoding('br')).toBe('br')
  })

  it('gzip where brotli is not taken, or weighed lower', () => {
    expect(pickEncoding('gzip, deflate')).toBe('gzip')
    expect(pickEncoding('x-gzip')).toBe('gzip')
    expect(pickEncoding('br;q=0.5, gzip')).toBe('gzip')
    expect(pickEncoding('br;q=0, *')).toBe('gzip')
  })

  it('none where the client takes neither, refuses both, or sends no header', () => {
    expect(pickEncoding(undefined)).toBeUndefined()
    expect(pickEncoding('')).toBeUndefined()
    expect(pickEncoding('identity')).toBeUndefined()
    expect(pickEncoding('deflate, zstd')).toBeUndefined()
    expect(pickEncoding('br;q=0, gzip;q=0')).toBeUndefined()
    expect(pickEncoding('*;q=0')).toBeUndefined()
  })

  it('`*` stands for the codings not named; a malformed weight refuses its coding', () => {
    expect(pickEncoding('*')).toBe('br')
    expect(pickEncoding('gzip, *;q=0')).toBe('gzip')
    expect(pickEncoding('br;q=x, gzip')).toBe('gzip')
    expect(pickEncoding(' GZIP ; Q=1 , BR ; q=0.9 ')).toBe('gzip')
  })
})

import { describe, expect, it } from 'vitest'
import { shareInView } from './shareInView'

const box = (width: number, height: number) => ({ width, height })
const VIEW = box(1000, 800)

describe('shareInView', () => {
  it('an element the viewport can hold: its intersection ratio', () => {
    expect(shareInView(0.5, box(200, 100), box(200, 50), VIEW)).toBe(0.5)
    expect(shareInView(1, box(200, 100), box(200, 100), VIEW)).toBe(1)
    expect(shareInView(0.25, box(200, 100), box(100, 50), VIEW)).toBe(0.25)
  })

  it('an element taller than the viewport: the share of the viewport’s height it fills', () => {
    // three screens tall, filling the screen: wholly in view, though its ratio is a third
    expect(shareInView(1 / 3, box(1000, 2400), box(1000, 800), VIEW)).toBe(1)
    // its top edge 400 px into the screen: half of what can be seen of it
    expect(shareInView(1 / 6, box(1000, 2400), box(1000, 400), VIEW)).toBe(0.5)
    expect(shareInView(0.05, box(1000, 2400), box(1000, 120), VIEW)).toBe(0.15)
  })

  it('an element wider than the viewport, or both: each side as far as the viewport goes', () => {
    expect(shareInView(0.25, box(4000, 100), box(1000, 100), VIEW)).toBe(1)
    expect(shareInView(0.1, box(2000, 1600), box(1000, 400), VIEW)).toBe(0.5)
  })

  it('without the viewport’s size, or for an element with no area: the ratio', () => {
    expect(shareInView(0.2, box(1000, 2400), box(1000, 480), null)).toBe(0.2)
    expect(shareInView(1, box(0, 0), box(0, 0), VIEW)).toBe(1)
  })
})

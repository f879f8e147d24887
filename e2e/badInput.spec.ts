import { expect, test } from '@playwright/test'
import { keyFor, stored, waitForEvents } from './helpers'

test('no call, however wrong, throws into the page; misuse is one [pixel] line; valid calls still arrive', async ({ page, request }, info) => {
  const key = keyFor(info)
  const errors: string[] = []
  const warnings: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()))
  await page.goto(`/fixtures/tag.html?wk=${key}`)
  await waitForEvents(request, key, 1)
  const threw = await page.evaluate(() => {
    const p = (window as any).pixel
    const circular: any = { a: 1 }
    circular.self = circular
    const hostile = Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        throw new Error('getter')
      },
    })
    const calls: [string, ...unknown[]][] = [
      ['track'],
      ['track', ''],
      ['track', '   '],
      ['track', 42],
      ['track', { event: 'x' }],
      ['track', 'x'.repeat(201)],
      ['track', 'badProps', 'not an object'],
      ['track', 'badProps2', [1, 2]],
      ['track', 'hostile', { circular, hostile, f: () => 1, big: BigInt(1), n: NaN, d: new Date(0), el: document.body, m: new Map([['k', 1]]) }],
      ['page', 12],
      ['identify', null],
      ['identify', ''],
      ['identify', { toString: null }],
      ['set', 'string'],
      ['set', null],
      ['init', 'nope'],
      ['init', { transport: 'pigeon', endpoint: 'javascript:alert(1)', flushAt: -1 }],
      ['debug', 'yes'],
      ['consent', {}],
      ['nonsense', 1],
      ['__proto__'],
      ['constructor'],
      ['version'],
    ]
    let count = 0
    for (const [m, ...a] of calls) {
      try {
        p(m, ...a)
        if (typeof p[m] == 'function') p[m](...a)
      } catch {
        count++
      }
    }
    return count
  })
  expect(threw).toBe(0)
  await page.evaluate(() => (window as any).pixel.flush())
  const list = await stored(request, key)
  const names = list.map((r) => r.event.event || r.event.type)
  // the valid ones arrived (twice each: command form and method form), the invalid ones did not
  expect(names.filter((n) => n == 'badProps')).toHaveLength(2)
  expect(names.filter((n) => n == 'hostile')).toHaveLength(2)
  expect(names).not.toContain('x'.repeat(201))
  const hostile = list.find((r) => r.event.event == 'hostile')!.event.properties
  expect(hostile).toEqual({ circular: { a: 1, self: '[circular]' }, hostile: { x: '[error]' }, big: '1', n: null, d: '1970-01-01T00:00:00.000Z', el: '[body]', m: { k: 1 } })
  expect(list.find((r) => r.event.event == 'badProps')!.event.properties).toEqual({})
  expect(errors).toEqual([])
  // message texts come from the messages plugin, a moment after the call
  await expect.poll(() => warnings).toContain('[pixel] option transport=pigeon is invalid; using "auto"')
  expect(warnings).toContain('[pixel] unknown command nonsense')
  expect(warnings).toContain('[pixel] track() event name must be a non-empty string of at most 200 characters')
  expect(warnings).toContain('[pixel] track() takes an object of properties; ignored a string')
  expect(warnings.length).toBeGreaterThan(10)
  for (const w of warnings) expect(w).toMatch(/^\[pixel\] [^\n]+$/)
})

test('without localStorage, the ids fall back to a first-party cookie when allowed, else live for the page', async ({ page, context, request }, info) => {
  const key = keyFor(info)
  await page.goto(`/fixtures/nostorage.html?wk=${key}&cookie=true`)
  await waitForEvents(request, key, 1)
  await page.reload()
  const [a, b] = (await waitForEvents(request, key, 2)).map((r) => r.event.anonymousId)
  expect(b).toBe(a)
  const cookie = (await context.cookies()).find((c) => c.name == 'pixel.aid')!
  expect(cookie.value).toBe(a)
  expect(cookie.sameSite).toBe('Lax')

  // cookies not allowed: no cookie is written, and each page load is a new visitor
  const key2 = key + 'n'
  await context.clearCookies()
  await page.goto(`/fixtures/nostorage.html?wk=${key2}&cookie=false`)
  await waitForEvents(request, key2, 1)
  await page.reload()
  const [c, d] = (await waitForEvents(request, key2, 2)).map((r) => r.event.anonymousId)
  expect(d).not.toBe(c)
  expect(await context.cookies()).toEqual([])
})

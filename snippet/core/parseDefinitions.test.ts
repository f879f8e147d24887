import { describe, expect, it } from 'vitest'
import { parseDefinitions } from './parseDefinitions'

const parse = (list: unknown) => {
  const bad: string[] = []
  const defs = parseDefinitions(list, (which, why) => bad.push(`${which}: ${why}`))
  return { defs, bad }
}

describe('parseDefinitions', () => {
  it('keeps valid definitions of every trigger', () => {
    const list = [
      { event: 'loadGiftButton', trigger: 'present', selector: '#gift' },
      { event: 'viewGiftButton', trigger: 'visible', selector: '#gift', threshold: 0.5, properties: { campaign: 'christmas' } },
      { event: 'clickGenerateShareLink', trigger: 'click', selector: '#gift' },
      { event: 'halfway', trigger: 'scroll', percent: 50 },
      { event: 'fromEmail', trigger: 'pageview', when: { path: '/gift/*', utm: { utm_medium: 'email' }, query: { plan: 'pro' }, referrer: '*.google.com', source: 'Envoy' } },
      { event: 'taggedLink', trigger: 'utm-click' },
    ]
    expect(parse(list)).toEqual({ defs: list, bad: [] })
  })

  it.each([
    [null, 'events[0]: not an object'],
    [{ trigger: 'click', selector: 'a' }, 'events[0]: event must be a name of 1 to 200 characters'],
    [{ event: 'x'.repeat(201), trigger: 'pageview' }, 'must be a name'],
    [{ event: 'e', trigger: ['click', 'visible'], selector: 'a' }, 'one trigger per event'],
    [{ event: 'e', trigger: 'hover' }, 'trigger must be one of pageview, click, visible, present, scroll, utm-click'],
    [{ event: 'e', trigger: 'click' }, 'trigger click needs a selector'],
    [{ event: 'e', trigger: 'pageview', selector: 'a' }, 'takes no selector'],
    [{ event: 'e', trigger: 'scroll' }, 'scroll needs percent'],
    [{ event: 'e', trigger: 'scroll', percent: 150 }, 'scroll needs percent'],
    [{ event: 'e', trigger: 'click', selector: 'a', percent: 5 }, 'takes no percent'],
    [{ event: 'e', trigger: 'visible', selector: 'a', threshold: 2 }, 'threshold is for visible'],
    [{ event: 'e', trigger: 'pageview', properties: [1] }, 'properties must be an object'],
    [{ event: 'e', trigger: 'pageview', when: 'always' }, 'when must be an object'],
    [{ event: 'e', trigger: 'pageview', when: { host: 'x' } }, 'unknown condition host'],
    [{ event: 'e', trigger: 'pageview', when: { path: 5 } }, 'when.path must be a string'],
    [{ event: 'e', trigger: 'pageview', when: { utm: { medium: { $ne: 1 } } } }, 'when.utm must be an object of values'],
    [{ event: 'e', trigger: 'pageview', onclick: 'alert(1)' }, 'unknown key onclick'],
  ])('%j is reported and left out, and the valid one beside it runs', (d, why) => {
    const ok = { event: 'fine', trigger: 'pageview' }
    const { defs, bad } = parse([d, ok])
    expect(defs).toEqual([ok])
    expect(bad).toHaveLength(1)
    expect(bad[0]).toContain(why)
  })

  it('names the definition by index and event', () => {
    expect(parse([{ event: 'a', trigger: 'pageview' }, { event: 'broken', trigger: 'nope' }]).bad[0]).toMatch(/^events\[1\] broken: trigger must be/)
  })

  it('anything but a list is one problem; none is nothing', () => {
    expect(parse({ event: 'e' })).toEqual({ defs: [], bad: ['events: must be a list of event definitions'] })
    expect(parse('[]').bad).toHaveLength(1)
    expect(parse(undefined)).toEqual({ defs: [], bad: [] })
  })
})

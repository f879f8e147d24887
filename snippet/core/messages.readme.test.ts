import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MESSAGES } from './messages'

describe('README', () => {
  it('lists every message code', () => {
    const readme = readFileSync('README.md', 'utf8')
    const section = readme.slice(readme.indexOf('## Messages'), readme.indexOf('## Sizes'))
    for (const code of Object.keys(MESSAGES)) expect(section, code).toContain('`' + code + '`')
  })
})

// The stub as built (npm test builds before the unit tests): the text site owners paste.
import { readFileSync } from 'node:fs'
import { parse } from 'acorn'
import { describe, expect, it } from 'vitest'

describe('the loader stub', () => {
  // a tag manager may refuse ES2015 in a Custom HTML tag, and a browser too old for pixel.js
  // must still define window.pixel, so that the page's calls queue rather than throw
  it('is ES5, as built and as pasted (loader.html, tag-manager.html)', () => {
    const stub = readFileSync('dist/loader.js', 'utf8')
    expect(() => parse(stub, { ecmaVersion: 5 })).not.toThrow()
    for (const f of ['dist/loader.html', 'dist/tag-manager.html']) {
      const script = /<script>([\s\S]*?)<\/script>/.exec(readFileSync(f, 'utf8'))![1]
      expect(script).toContain(stub)
      expect(() => parse(script, { ecmaVersion: 5 }), f).not.toThrow()
    }
  })
})

// What the npm package ships and how a bundler sees it. Runs after the build (npm test builds first).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/** The package as `npm pack` makes it, packed once for this file: its tarball and the files in it. */
let packed: { tgz: string; files: string[] } | undefined
const pack = () => {
  if (packed) return packed
  const dir = mkdtempSync(join(tmpdir(), 'pixel-pack-'))
  const [out] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))
  return (packed = { tgz: join(dir, out.filename), files: out.files.map((f: { path: string }) => f.path) })
}

describe('the npm package', () => {
  it('packs the browser files, the ES module and its types, and nothing of the collector, tests or sources', () => {
    const { files } = pack()
    for (const f of ['package.json', 'README.md', 'dist/pixel.js', 'dist/pixel.js.sri', 'dist/pixel.mjs', 'dist/loader.html', 'dist/tag-manager.html', 'dist/importmap.html', 'dist/types/module.d.ts', 'dist/types/global.d.ts', 'dist/pixel.get.js', 'dist/pixel.adopt.js', 'dist/pixel.cookie.js', 'dist/pixel.messages.js'])
      expect(files, f).toContain(f)
    for (const f of files) expect(f, f).not.toMatch(/^(snippet|collector|e2e|bench|public)\/|collector\.mjs|bench\.mjs|\.test\./)
    // every chunk the ES module imports, and every plugin's chunk, is in the package
    const chunks = [...readFileSync('dist/pixel.mjs', 'utf8').matchAll(/from "\.\/(esm\/[\w-]+\.mjs)"|import\("\.\/(esm\/[\w-]+\.mjs)"\)/g)].map((m) => 'dist/' + (m[1] || m[2]))
    expect(chunks.filter((c) => /\/(identity|bot|messages|triggers)-/.test(c))).toHaveLength(4)
    for (const c of chunks) expect(files, c).toContain(c)
  })

  it("splits off each plugin in an application's bundle: its main chunk holds none of them", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pixel-app-'))
    writeFileSync(join(dir, 'app.js'), `import { createPixel } from ${JSON.stringify(resolve('dist/pixel.mjs'))}\ncreatePixel({ writeKey: 'W' }).track('x')\n`)
    const { build } = await import('esbuild')
    const r = await build({ entryPoints: [join(dir, 'app.js')], bundle: true, splitting: true, format: 'esm', minify: true, outdir: join(dir, 'out'), write: false, external: ['web-vitals'] })
    // (a bundler warned of each import of a shared chunk while the package said it had no side effects)
    expect(r.warnings.map((w) => w.text)).toEqual([])
    const out = r.outputFiles.map((f) => ({ name: f.path.slice(join(dir, 'out').length + 1), text: f.text }))
    const main = out.find((f) => f.name == 'app.js')!.text
    for (const name of ['adopt', 'cookie', 'get', 'identity', 'json', 'messages', 'route', 'envoy', 'conveyour', 'eventapi', 'triggers', 'vitals', 'bot', 'consent', 'rules'])
      expect(out.some((f) => f.name.startsWith(name + '-')), name).toBe(true)
    // the messages plugin's texts and the bot filter's pattern are not in it
    expect(main).not.toMatch(/is invalid; using|headlesschrome|crawl/i)
    // (with the plugins in it, it was 44 KB minified)
    expect(main.length).toBeLessThan(20_000)
  })

  it('exports createPixel from an ES module that can be imported without a page', async () => {
    const m = await import(resolve('dist/pixel.mjs'))
    expect(typeof m.createPixel).toBe('function')
  })

  it('resolves for require() too (a CommonJS server or test runner, where Node can require an ES module)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pixel-cjs-'))
    mkdirSync(join(dir, 'node_modules'))
    symlinkSync(resolve('.'), join(dir, 'node_modules', 'pixel-snippet'))
    writeFileSync(join(dir, 'use.cjs'), "console.log(JSON.stringify([require.resolve('pixel-snippet'), process.features.require_module ? typeof require('pixel-snippet').createPixel : null]))")
    const [file, type] = JSON.parse(execFileSync(process.execPath, [join(dir, 'use.cjs')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))
    // resolved on any Node; loaded where Node can require an ES module (20.19 and 22.12 on)
    expect(file).toMatch(/dist\/pixel\.mjs$/)
    if (type !== null) expect(type).toBe('function')
  })

  it('createPixel() without a page (a server render) gives a pixel that does nothing, with one warning', async () => {
    // in a Node of its own: the vitest setup may define browser globals
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { createPixel } = await import(${JSON.stringify(resolve('dist/pixel.mjs'))})
const warnings = []
console.warn = (...a) => warnings.push(a.join(' '))
const a = createPixel({ writeKey: 'W' })
const b = createPixel({ writeKey: 'W' })
for (const p of [a, b]) {
  p.init({ debug: true }); p.track('x', { a: 1 }); p.page(); p.identify('u'); p.set({ a: 1 }); p.reset(); p.consent(true); p.debug()
  await p.flush()
}
console.log(JSON.stringify({ warnings, version: a.version, keys: Object.keys(a).sort() }))`,
      ],
      { encoding: 'utf8' },
    )
    const r = JSON.parse(out)
    expect(r.warnings).toEqual(['[pixel] createPixel() without a page (a server render?): this pixel does nothing; the browser makes the one that tracks'])
    expect(r.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
    expect(r.keys).toEqual(['consent', 'debug', 'flush', 'identify', 'init', 'page', 'reset', 'set', 'track', 'version'])
  })

  // (npm pack and three runs of tsc: about 4 s alone, more beside the other test files)
  it('types every public call and option for a TypeScript user, as installed from the packed tarball', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'pixel-types-'))
    // the package as npm installs it: the tarball's files only, found by name through `exports`
    const pkg = join(dir, 'node_modules', 'pixel-snippet')
    mkdirSync(pkg, { recursive: true })
    execFileSync('tar', ['-xzf', pack().tgz, '-C', pkg, '--strip-components=1'])
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }')
    const readme = readFileSync('README.md', 'utf8')
    const start = readme.indexOf('## Configuration')
    const table = readme.slice(start, readme.indexOf('\n## ', start + 1))
    const options = [...table.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) => [...m[1].matchAll(/`(\w+)`/g)].map((n) => n[1] + ': 1'))
    expect(options.length).toBeGreaterThan(20)
    writeFileSync(
      join(dir, 'use.ts'),
      `import { createPixel, ENVOY_EVENTS, type Definition, type Options, type Pixel } from 'pixel-snippet'
import type {} from 'pixel-snippet/global'
const options: Options = { writeKey: 'W', endpoint: 'https://c.example', transport: 'get', debug: true, flushInterval: 500 }
const p: Pixel = createPixel(options)
p.track(ENVOY_EVENTS[0], { campaign: 'christmas' })
p.page('Home')
p.identify('12', { tags: { add: ['a'] }, counter: { $inc: 1 } })
p.set({ userType: 'premium' })
p.reset()
p.debug()
const done: Promise<void> = p.flush()
// @ts-expect-error an unknown option is a type error
createPixel({ writeKye: 'typo' })
// every option in each of its documented forms
createPixel({ consent: 'pending', honorGpc: true, honorDnt: 'true', purchaseEvents: ['completesPurchase'], limits: [{ event: 'emailOpen', oncePer: '20m' }] })
createPixel({ auto: ['pageview', 'scroll'], scrollDepths: [25, 50], events: [{ event: 'seen', trigger: 'visible', selector: '#gift', when: { utm: { medium: 'email' } } } satisfies Definition], config: '/events.json' })
createPixel({ idParams: { cid: 'contactId' }, denyParams: ['ref'], requireSource: 'Envoy', attributionDays: 7, cleanUrl: true, flushAt: 5, maxProperties: 0, cookie: true, allowBots: 'false' })
createPixel({ format: 'envoy,native', apiKey: 'k', appKey: 'a', token: 't', destinations: [{ format: 'native', endpoint: 'https://c.example', writeKey: 'W' }] })
// the README's Configuration table names every option, and no other
const documented: Record<keyof Options, 1> = { ${options.join(', ')} }
// window.pixel of the script tag or the stub, in both forms
window.pixel?.track('viewGiftButton', { campaign: 'christmas' })
window.pixel?.('track', 'viewGiftButton', { campaign: 'christmas' })
window.pixel?.('init', { writeKey: 'W', auto: ['pageview', 'scroll'] })
window.pixel?.('identify', '12')
const queued: Promise<void> | undefined = window.pixel?.flush()
// @ts-expect-error a command the API does not have
window.pixel?.('trak', 'x')
// @ts-expect-error properties are an object
window.pixel?.('track', 'x', 5)
// @ts-expect-error window.pixel is undefined where pixel.js was blocked and no stub defined it
window.pixel.track('x')
void done, queued, documented
`,
    )
    for (const [module, moduleResolution] of [
      ['ESNext', 'Bundler'],
      ['NodeNext', 'NodeNext'],
      // (an older project's `node`: no `exports`; `types` and `typesVersions` instead)
      ['ESNext', 'Node10'],
    ]) {
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2020', module, moduleResolution, lib: ['ES2022', 'DOM'], skipLibCheck: false, types: [] }, files: ['use.ts'] }))
      try {
        execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' })
      } catch (e) {
        // (tsc prints its errors on stdout)
        throw new Error(`${moduleResolution}: ${(e as { stdout: string }).stdout}`)
      }
    }
  })
})

// Builds everything the package ships, prints the sizes, and with --check fails when a
// budget is exceeded or the README no longer shows the loader stub as built.
//   dist/pixel.js      the script-tag/stub bundle (IIFE, minified, source map)
//   dist/loader.js     the loader stub, minified; dist/loader.html the paste-ready tag
//   dist/pixel.<name>.js the plugins pixel.js imports on demand
//   dist/pixel.mjs     the npm package's ES module, its plugins and shared code in dist/esm (chunks
//                      the application's bundler splits off), dist/types its declarations
//   dist/tag-manager.html the Custom HTML tag; dist/importmap.html the plugins' integrity
//   dist/collector.mjs the reference collector and demo server (Node); dist/bench.mjs npm run
//   bench; dist/engines.mjs npm run engines
import { build } from 'esbuild'
import { minify } from 'terser'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync } from 'node:fs'
import { gzipSync, brotliCompressSync, constants } from 'node:zlib'

const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
const check = process.argv.includes('--check')

/** Budgets in bytes: brotli for the bundle (everything but lazy chunks), minified for the stub. */
/** The plugins pixel.js imports on demand: snippet/plugins/<name>.ts → dist/pixel.<name>.js, each within 700 B brotli. */
// each plugin with its brotli budget, just above its size
const PLUGINS = { get: 700, adopt: 700, cookie: 700, messages: 920, identity: 2335, json: 700, route: 465, envoy: 450, conveyour: 900, eventapi: 700, triggers: 3640, vitals: 2600, bot: 1600, consent: 685, rules: 850 }

export const BUDGETS = {
  'dist/pixel.js': { brotli: 7618 },
  ...Object.fromEntries(Object.entries(PLUGINS).map(([name, brotli]) => [`dist/pixel.${name}.js`, { brotli }])),
  'dist/loader.js': { raw: 600 },
}

// The browser language level shipped is a choice: ES2020 (Chrome 80, Firefox 74, Safari 13.1,
// all from early 2020) keeps optional chaining, spread and async native, so nothing is downleveled.
const browser = {
  bundle: true,
  minify: true,
  target: 'es2020',
  legalComments: 'none',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
}

/** The Node programs: the collector and the benchmark, with their dependencies left to node_modules. */
const node = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' }

mkdirSync('dist', { recursive: true })
// (the module's chunks are named by their content: those of an earlier build would be packed too)
rmSync('dist/esm', { recursive: true, force: true })
await Promise.all([
  // no "use strict" prologue (13 bytes): nothing in pixel.js depends on strict mode's semantics
  build({ ...browser, tsconfigRaw: { compilerOptions: { alwaysStrict: false } }, entryPoints: ['snippet/index.ts'], outfile: 'dist/pixel.js', format: 'iife', sourcemap: 'external', metafile: true }).then((r) => {
    // --analyze: the minified bytes each module adds to pixel.js, largest first
    if (!process.argv.includes('--analyze')) return
    const inputs = Object.values(r.metafile.outputs).find((o) => o.entryPoint).inputs
    for (const [f, i] of Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) console.log(String(i.bytesInOutput).padStart(6), f)
  }),
  // plugins: ES modules that pixel.js imports on demand from beside itself
  build({ ...browser, entryPoints: Object.fromEntries(Object.keys(PLUGINS).map((name) => [`pixel.${name}`, `snippet/plugins/${name}.ts`])), outdir: 'dist', format: 'esm' }),
  // the stub has no imports: plain minification, without an IIFE wrapper or "use strict"
  // (ES5: esbuild fails the build on syntax it cannot lower to it; see snippet/loader.ts)
  build({ ...browser, target: 'es5', bundle: false, entryPoints: ['snippet/loader.ts'], outfile: 'dist/loader.js' }),
  // for bundlers: readable (the application's bundler minifies). Each plugin is a dynamic
  // import, a chunk of its own in dist/esm (with the code plugins share), which the application's
  // bundler splits off and its page loads when needed, as pixel.js does its plugins; web-vitals
  // stays an import of the package's, for that bundler to resolve
  build({
    ...browser,
    minify: false,
    entryPoints: { pixel: 'snippet/module.ts' },
    outdir: 'dist',
    format: 'esm',
    splitting: true,
    chunkNames: 'esm/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    external: ['web-vitals'],
  }),
  build({ ...node, entryPoints: ['bench/index.ts'], outfile: 'dist/bench.mjs' }),
  build({ ...node, entryPoints: ['e2e/engines/index.ts'], outfile: 'dist/engines.mjs' }),
  build({ ...node, entryPoints: ['collector/server.ts'], outfile: 'dist/collector.mjs' }),
])

// A second pass over what ships to every browser: terser's compressor, run after esbuild's
// minifier, takes about 4% more off pixel.js (190 B brotli with its defaults, and 43 B more by
// hoisting function declarations to the top of their scope, where JavaScript puts them
// anyway). Source maps are carried through.
const squeeze = async (file, module, hint = '') => {
  const map = existsSync(file + '.map') ? readFileSync(file + '.map', 'utf8') : undefined
  const out = await minify(readFileSync(file, 'utf8'), {
    ecma: 2020,
    module,
    compress: { passes: 2, hoist_funs: true },
    mangle: true,
    // a classic script is decoded in the page's charset when its server names none (an S3 bucket,
    // a CDN), and a page in windows-1251 or Shift_JIS would read any other character wrongly;
    // modules (the plugins) are always UTF-8
    format: { ascii_only: !module },
    sourceMap: map ? { content: map, filename: file.split('/').pop() } : false,
  })
  writeFileSync(file, hint + out.code)
  // (a hint's line shifts the code one line down: the map starts with an empty line)
  if (map) writeFileSync(file + '.map', hint ? out.map.replace('"mappings":"', '"mappings":";') : out.map)
}
// Chromium 136+ compiles every function of a file that starts with this comment on the thread
// that streams the script in, instead of on the main thread at each function's first call. All
// of pixel.js runs at a page's first event: in the benchmark the hint takes 1.1 to 1.6 ms (10%)
// off the main thread's script time, for 18 B brotli. https://v8.dev/blog/explicit-compile-hints
const EAGER = '//# allFunctionsCalledOnLoad\n'
await Promise.all([squeeze('dist/pixel.js', false, EAGER), ...Object.keys(PLUGINS).map((name) => squeeze(`dist/pixel.${name}.js`, true))])

// The directive TypeScript's strict mode adds is dead weight in a stub that runs as a classic
// script. The leading ";" is not: the stub starts with "(", and pasted after a line that lacks
// its semicolon it would call that line's value (automatic semicolon insertion does not apply).
const stub = ';' + readFileSync('dist/loader.js', 'utf8').trim().replace(/^"use strict";/, '')
writeFileSync('dist/loader.js', stub)
const html = `<script>\n${stub}\npixel.init({ writeKey: 'YOUR_WRITE_KEY' })\n</script>\n`
writeFileSync('dist/loader.html', html)
// The Custom HTML tag for a tag manager: the config goes in init(), since a tag manager that
// re-creates script elements may not keep their data-* attributes.
const tag = `<script>\n${stub}\npixel('init', { writeKey: 'YOUR_WRITE_KEY', endpoint: 'https://YOUR-COLLECTOR' })\n</script>\n`
writeFileSync('dist/tag-manager.html', tag)

// The README shows the stub and the tag exactly as built, between these markers.
let problems = []
for (const [name, text] of [['loader', html], ['tag-manager', tag]]) {
  const readme = readFileSync('README.md', 'utf8')
  const block = new RegExp(`(<!-- ${name}:start -->\n\`\`\`html\n)[\\s\\S]*?(\`\`\`\n<!-- ${name}:end -->)`)
  if (!block.test(readme)) problems.push(`README.md lacks the <!-- ${name}:start --> block`)
  else if (!readme.includes(text)) {
    if (check) problems.push(`README.md shows an outdated ${name} text: run \`npm run build\``)
    else writeFileSync('README.md', readme.replace(block, `$1${text}$2`))
  }
}

const kb = (n) => (n / 1000).toFixed(2) + ' KB'
const table = ['| file | raw | gzip | brotli | budget |', '|---|---|---|---|---|']
console.log('file                 raw        gzip       brotli     budget')
for (const file of [...Object.keys(BUDGETS), 'dist/loader.html']) {
  const buf = readFileSync(file)
  const sizes = {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }
  const budget = BUDGETS[file]
  const over = budget && Object.entries(budget).filter(([k, max]) => sizes[k] > max)
  const note = budget ? Object.entries(budget).map(([k, max]) => `${k} ≤ ${max} B`).join(', ') : ''
  console.log(`${file.padEnd(20)} ${kb(sizes.raw).padEnd(10)} ${kb(sizes.gzip).padEnd(10)} ${kb(sizes.brotli).padEnd(10)} ${note}`)
  for (const [k, max] of over || []) problems.push(`${file} is ${sizes[k]} B ${k}, over its budget of ${max} B`)
  table.push(`| \`${file}\` | ${sizes.raw} B | ${sizes.gzip} B | ${sizes.brotli} B | ${note} |`)
}
// The README shows the sizes as last built (not checked: compressors may differ by a byte across Node versions).
const sizesBlock = /(<!-- sizes:start -->\n)[\s\S]*?(<!-- sizes:end -->)/
const current = readFileSync('README.md', 'utf8')
if (!check && sizesBlock.test(current)) writeFileSync('README.md', current.replace(sizesBlock, `$1${table.join('\n')}\n$2`))
// Subresource Integrity of pixel.js, for <script integrity="…" crossorigin="anonymous">
const sha384 = (file) => 'sha384-' + createHash('sha384').update(readFileSync(file)).digest('base64')
const sri = sha384('dist/pixel.js')
writeFileSync('dist/pixel.js.sri', sri + '\n')
console.log(`\nintegrity of dist/pixel.js: ${sri}`)
// ...and of the plugins, which pixel.js imports itself, so no tag can carry theirs: an import
// map's "integrity" holds each one to its hash where the browser reads it (Chromium 127+,
// Firefox 138+), keyed by the URL pixel.js asks for. "/" stands for the folder pixel.js is served
// from, as "/pixel.js" does in the stub: the site writes its own there.
const integrity = Object.fromEntries(Object.keys(PLUGINS).map((n) => [`/pixel.${n}.js?v=${pkg.version}`, sha384(`dist/pixel.${n}.js`)]))
writeFileSync('dist/importmap.html', `<script type="importmap">\n${JSON.stringify({ integrity }, null, 1)}\n</script>\n`)
console.log('integrity of the plugins: dist/importmap.html')

// TypeScript declarations of the package entry. The package is ESM ("type": "module"), so under
// moduleResolution node16 or nodenext a relative import in a .d.ts needs its extension, as in
// any ES module; tsc keeps the sources' extensionless paths, which resolve to nothing there (every
// type then silently becomes `any`). They get the `.js` that names their .d.ts.
rmSync('dist/types', { recursive: true, force: true })
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json'], { stdio: 'inherit' })
for (const f of readdirSync('dist/types', { recursive: true }).filter((f) => f.endsWith('.d.ts'))) {
  const file = 'dist/types/' + f
  writeFileSync(file, readFileSync(file, 'utf8').replace(/((?:from |import\()['"])(\.{1,2}\/[^'"]*?)(?<!\.js)(['"])/g, '$1$2.js$3'))
}

if (problems.length) {
  for (const p of problems) console.error('size check failed: ' + p)
  if (check) process.exit(1)
}

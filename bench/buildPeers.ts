// The trackers pixel is compared with, from their published npm packages: each entry in
// bench/peers is bundled as a site's bundler would (ES modules, code splitting, minified), so
// that what the page downloads is what a site that installed the package ships.
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'

export const PEERS = ['plausible', 'segment', 'rudderstack', 'snowplow', 'posthog'] as const
export type Peer = (typeof PEERS)[number]

export const PACKAGES: Record<Peer, string> = {
  plausible: '@plausible-analytics/tracker',
  segment: '@segment/analytics-next',
  rudderstack: '@rudderstack/analytics-js',
  snowplow: '@snowplow/browser-tracker',
  posthog: 'posthog-js',
}

/** The package's name and version, for the table. */
export function peerName(peer: Peer): string {
  const name = PACKAGES[peer]
  return `${name} ${JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version}`
}

export async function buildPeers(outdir: string): Promise<void> {
  await build({
    entryPoints: PEERS.map((p) => `bench/peers/${p}.ts`),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'warning',
  })
}

// `npm start`: the reference collector with the demo site, on http://127.0.0.1:8080.
// Environment: PORT, HOST, DATA_DIR (default ./data), BODY_LIMIT (bytes),
// FIXTURES=1 serves e2e/fixtures under /fixtures/ (for the tests), FRESH=1 empties DATA_DIR first,
// FAULTS='{"errorRate":0.3,"latency":200}' injects faults into every ingestion request,
// FAULT_CONTROL=1 lets POST/DELETE /faults?key=WRITE_KEY change them at run time,
// ENVOY_API_KEY, CONVEYOUR_APPKEY, CONVEYOUR_TOKEN: the only keys accepted (unset: any non-empty one),
// UPSTREAM_URL: a RudderStack/Segment data plane the native batches are relayed to (Basic auth),
// PURCHASE_EVENTS, EMAIL_OPEN_EVENTS: comma lists of the event names seed 004's rules apply to.
import { createServer } from 'node:http'
import { readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { createCollector } from './createCollector'

const env = process.env
const port = Number(env.PORT || 8080)
const host = env.HOST || '127.0.0.1'
const dataDir = resolve(env.DATA_DIR || 'data')
if (env.FRESH) rmSync(dataDir, { recursive: true, force: true })

const collector = createCollector({
  dataDir,
  publicDir: resolve('public'),
  distDir: resolve('dist'),
  // (this file runs as dist/collector.mjs: the package's version is beside dist/)
  version: JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
  fixturesDir: env.FIXTURES ? resolve('e2e/fixtures') : undefined,
  bodyLimit: env.BODY_LIMIT ? Number(env.BODY_LIMIT) : undefined,
  faults: env.FAULTS ? JSON.parse(env.FAULTS) : undefined,
  faultControl: !!env.FAULT_CONTROL,
  envoyApiKey: env.ENVOY_API_KEY || undefined,
  conveyourAppKey: env.CONVEYOUR_APPKEY || undefined,
  conveyourToken: env.CONVEYOUR_TOKEN || undefined,
  upstream: env.UPSTREAM_URL || undefined,
  rules: {
    purchaseEvents: env.PURCHASE_EVENTS ? env.PURCHASE_EVENTS.split(',').map((s) => s.trim()) : undefined,
    emailOpenEvents: env.EMAIL_OPEN_EVENTS ? env.EMAIL_OPEN_EVENTS.split(',').map((s) => s.trim()) : undefined,
  },
})

const server = createServer((req, res) => collector.handle(req, res))
// a malformed request gets a 400 and closes; it never takes the server down
server.on('clientError', (_e, socket) => socket.writable && socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'))
server.listen(port, host, () => {
  console.log(`pixel collector and demo: http://${host}:${port}/  (events stored in ${collector.store.file})`)
})

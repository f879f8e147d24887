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
import { parseEnv } from './parseEnv'

/** A setting or a start that fails stops the server with one line, not a stack trace. */
const stop: (why: string) => never = (why) => {
  console.error(`pixel collector not started: ${why}`)
  process.exit(1)
}

const settings = parseEnv(process.env)
if (typeof settings == 'string') stop(settings)
const { port, host, options } = settings

let collector: ReturnType<typeof createCollector>
try {
  if (process.env.FRESH) rmSync(options.dataDir, { recursive: true, force: true })
  collector = createCollector({
    ...options,
    publicDir: resolve('public'),
    distDir: resolve('dist'),
    // (this file runs as dist/collector.mjs: the package's version is beside dist/)
    version: JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
  })
} catch (e) {
  // (DATA_DIR that cannot be made or read)
  stop(`DATA_DIR ${options.dataDir}: ${(e as Error).message}`)
}

const server = createServer((req, res) => collector.handle(req, res))
// a malformed request gets a 400 and closes; it never takes the server down
server.on('clientError', (_e, socket) => socket.writable && socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'))
server.on('error', (e: NodeJS.ErrnoException) =>
  stop(e.code == 'EADDRINUSE' ? `${host}:${port} is in use (another npm start?): stop it, or set PORT to another port` : `cannot listen on ${host}:${port}: ${e.message}`),
)
server.listen(port, host, () => {
  console.log(`pixel collector and demo: http://${host}:${port}/  (events stored in ${collector.store.file})`)
})

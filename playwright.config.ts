import { defineConfig } from '@playwright/test'
import { findChromium } from './e2e/findChromium'
import { HUMAN, unautomated } from './e2e/human'

export const PORT = Number(process.env.E2E_PORT || 8787)

const executablePath = findChromium()

export default defineConfig({
  testDir: 'e2e',
  // 2 cores: two workers keep the machine responsive and the run well under its time limit
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    // pixel filters bots: the suite browses as a person would (e2e/human.ts)
    userAgent: HUMAN,
    launchOptions: unautomated(executablePath),
  },
  webServer: {
    command: 'node dist/collector.mjs',
    url: `http://127.0.0.1:${PORT}/events?writeKey=none`,
    env: { PORT: String(PORT), DATA_DIR: '.e2e-data', FRESH: '1', FIXTURES: '1', FAULT_CONTROL: '1' },
    reuseExistingServer: false,
    timeout: 20_000,
  },
})

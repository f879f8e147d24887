import { defineConfig } from 'vitest/config'

export default defineConfig({
  define: { __VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    include: ['snippet/**/*.test.ts', 'collector/**/*.test.ts', 'bench/**/*.test.ts', 'package.test.ts'],
    environment: 'node',
    setupFiles: ['vitest.setup.ts'],
    // 2 cores
    maxWorkers: 2,
  },
})

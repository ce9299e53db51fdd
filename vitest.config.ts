import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Each test file uses its own database, so files can run in parallel.
    fileParallelism: true,
    maxWorkers: process.env.CI ? 2 : undefined,
  },
});

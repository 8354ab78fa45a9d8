import { defineConfig } from 'vitest/config';

// Two cores on CI: two workers keep the suite fast without thrashing.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});

import { defineConfig } from 'vitest/config';

// `npm run contract`: one file, cases strictly in order, console + JUnit reports.
export default defineConfig({
  test: {
    include: ['contracts/run.contract.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', ['junit', { outputFile: 'reports/contract-junit.xml', suiteName: 'coupon-sandbox contracts' }]],
  },
});

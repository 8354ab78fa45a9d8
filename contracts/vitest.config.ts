import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { reportsDirFromEnv } from './env.js';

// `npm run contract`: one file, cases strictly in order, console + JUnit reports. The JUnit file
// goes where every other report goes (CONTRACT_REPORTS_DIR, default reports/; `off`: none).
const reportsDir = reportsDirFromEnv(process.env);

export default defineConfig({
  test: {
    include: ['contracts/run.contract.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: reportsDir ? ['default', ['junit', { outputFile: join(reportsDir, 'contract-junit.xml'), suiteName: 'coupon-sandbox contracts' }]] : ['default'],
  },
});

import { describe, expect, it } from 'vitest';
import { contractConfig, runContracts } from '../../contracts/index.js';
import { operations } from '../../src/operations.js';

describe('the contract kit against a sandbox it starts itself', () => {
  it('passes every case and answers every operation of the three vendors successfully', async () => {
    const run = await runContracts(contractConfig({ reportsDir: false, progressMs: false }));
    const failures = run.results.filter((r) => r.status === 'failed').map((r) => `${r.id}: ${r.reason}`);
    expect(failures).toEqual([]);
    // Lists the operations no passing check called (empty once all three emulators and their examples exist).
    expect(run.uncovered).toEqual([]);
    expect(run.coverage.map((c) => c.operation)).toEqual(operations.map((op) => op.id));
    // Against a sandbox nothing needs skipping: no control-surface or safety reasons apply.
    expect(run.results.filter((r) => r.status === 'skipped').map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
  });
});
